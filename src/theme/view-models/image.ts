/**
 * Responsive images from stored media: the original under `/media/<key>` and its WebP and
 * JPEG derivatives (core/media) as `srcset`s.
 */
import type { CoverImage, ImageVariant } from '../../core/articles/public-article.repository.ts';

/** An image as the `<picture>` component renders it. */
export interface ImageView {
  /** Fallback `src`: the original file. */
  src: string;
  /** `srcset` of the WebP derivatives, '' when there are none. */
  webpSrcset: string;
  /** `srcset` of the JPEG derivatives, '' when there are none. */
  jpegSrcset: string;
  width: number;
  height: number;
  /** Text alternative; '' only for a decorative image. */
  alt: string;
  caption: string | null;
  credit: string | null;
}

/** Root-relative URL of a stored media file. */
export function mediaUrl(storageKey: string): string {
  return `/media/${storageKey.split('/').map(encodeURIComponent).join('/')}`;
}

function srcset(variants: ImageVariant[], format: ImageVariant['format']): string {
  return variants
    .filter((v) => v.format === format && v.width > 0)
    .sort((a, b) => a.width - b.width)
    .map((v) => `${mediaUrl(v.key)} ${v.width}w`)
    .join(', ');
}

/**
 * Builds the view of a cover image.
 * @param cover the cover from the public article repository
 * @returns URLs and text; alt falls back to '' (the repository already prefers the article's
 *   own alt text over the media library's)
 */
export function toImageView(cover: CoverImage): ImageView {
  return {
    src: mediaUrl(cover.storageKey),
    webpSrcset: srcset(cover.variants, 'webp'),
    jpegSrcset: srcset(cover.variants, 'jpeg'),
    width: cover.width,
    height: cover.height,
    alt: cover.alt,
    caption: cover.caption,
    credit: cover.credit,
  };
}

/**
 * The URL to give other sites (Open Graph, JSON-LD) for an image: a JPEG derivative about
 * 1024–1600 px wide when there is one (widely understood, not huge), else the original.
 */
export function shareableImagePath(cover: CoverImage): string {
  const jpegs = cover.variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  const pick = jpegs.find((v) => v.width >= 1024) ?? jpegs[jpegs.length - 1];
  return mediaUrl(pick ? pick.key : cover.storageKey);
}
