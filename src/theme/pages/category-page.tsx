/**
 * A category page (`/:site/chuyen-muc/:slug?trang=N`): the category's articles, including
 * those of its sub-categories, 20 per page.
 */
import { Listing, type ListingView } from '../components/listing.tsx';
import { SiteLayout } from '../components/site-layout.tsx';
import type { PageMeta } from '../view-models/page-meta.ts';
import type { SiteChromeView } from '../view-models/site-chrome.ts';

/** Props of {@link CategoryPage}. */
export interface CategoryPageProps {
  chrome: SiteChromeView;
  meta: PageMeta;
  listing: ListingView;
}

/** Renders a category page. */
export function CategoryPage({ chrome, meta, listing }: CategoryPageProps) {
  return (
    <SiteLayout chrome={chrome} meta={meta}>
      <Listing view={listing} />
    </SiteLayout>
  );
}
