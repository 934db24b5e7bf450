/**
 * A tag page (`/:site/the/:slug?trang=N`): the articles carrying the tag, 20 per page.
 */
import { Listing, type ListingView } from '../components/listing.tsx';
import { SiteLayout } from '../components/site-layout.tsx';
import type { PageMeta } from '../view-models/page-meta.ts';
import type { SiteChromeView } from '../view-models/site-chrome.ts';

/** Props of {@link TagPage}. */
export interface TagPageProps {
  chrome: SiteChromeView;
  meta: PageMeta;
  listing: ListingView;
}

/** Renders a tag page. */
export function TagPage({ chrome, meta, listing }: TagPageProps) {
  return (
    <SiteLayout chrome={chrome} meta={meta}>
      <Listing view={listing} />
    </SiteLayout>
  );
}
