/**
 * The trail from the site's home page to the current page ("Đường dẫn").
 */

/** One step of the trail; the last step without `url` is the current page. */
export interface Crumb {
  name: string;
  url?: string;
}

/** Renders the breadcrumb landmark. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label="Đường dẫn">
      <ol>
        {items.map((item) => (
          <li>{item.url ? <a href={item.url}>{item.name}</a> : <span aria-current="page">{item.name}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}
