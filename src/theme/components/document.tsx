/**
 * The HTML document shell: `<html lang="vi">`, head metadata, the one stylesheet and the icon.
 * No script is ever shipped; the only `<script>` is a JSON-LD data block, which browsers do
 * not run.
 */
import type { ComponentChildren } from 'preact';
import { FAVICON_HREF, PRELOAD_FONT_HREF, STYLESHEET_HREF } from '../assets.ts';
import { serializeJsonLd } from '../view-models/json-ld.ts';
import type { PageMeta } from '../view-models/page-meta.ts';

/** Props of {@link Document}. */
export interface DocumentProps {
  meta: PageMeta;
  /** Class on `<body>`, for page-level styling (e.g. `page-print`). */
  bodyClass?: string;
  children: ComponentChildren;
}

/** The root element of every public page. */
export function Document({ meta, bodyClass, children }: DocumentProps) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        {meta.robots ? <meta name="robots" content={meta.robots} /> : null}
        {meta.canonicalUrl ? <link rel="canonical" href={meta.canonicalUrl} /> : null}
        {meta.prevUrl ? <link rel="prev" href={meta.prevUrl} /> : null}
        {meta.nextUrl ? <link rel="next" href={meta.nextUrl} /> : null}
        {meta.feeds.map((feed) => (
          <link rel="alternate" type={feed.type} title={feed.title} href={feed.href} />
        ))}
        <meta name="color-scheme" content="light" />
        <meta name="theme-color" content="#8e1b1b" />
        <link rel="preload" href={PRELOAD_FONT_HREF} as="font" type="font/woff2" crossorigin="anonymous" />
        <link rel="stylesheet" href={STYLESHEET_HREF} />
        <link rel="icon" type="image/svg+xml" href={FAVICON_HREF} />
        {meta.openGraph.map((tag) => (
          <meta property={tag.property} content={tag.content} />
        ))}
        {/* A list of JSON-LD objects (an article and a rebuttal's ClaimReview) gets one block each. */}
        {(Array.isArray(meta.jsonLd) ? meta.jsonLd : [meta.jsonLd])
          .filter((block) => block)
          .map((block) => (
            <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(block) }} />
          ))}
      </head>
      <body class={bodyClass}>{children}</body>
    </html>
  );
}

/** The first focusable element of every page: jumps over the header to `#noi-dung`. */
export function SkipLink() {
  return (
    <a class="skip-link" href="#noi-dung">
      Bỏ qua để đến nội dung chính
    </a>
  );
}
