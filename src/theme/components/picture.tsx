/**
 * Responsive images: WebP and JPEG derivatives as `<source>`s, the original as fallback, with
 * width and height so the layout does not jump while loading.
 */
import type { ImageView } from '../view-models/image.ts';

/** Props of {@link Picture}. */
export interface PictureProps {
  image: ImageView;
  /** `sizes` attribute: how wide the image is shown (default: full width up to 48rem). */
  sizes?: string;
  /** `eager` for the main image at the top of a page; `lazy` otherwise (default). */
  loading?: 'eager' | 'lazy';
}

/** A `<picture>` element for a stored image. Its alt text comes from the view. */
export function Picture({ image, sizes = '(min-width: 52rem) 48rem, 100vw', loading = 'lazy' }: PictureProps) {
  return (
    <picture>
      {image.webpSrcset ? <source type="image/webp" srcset={image.webpSrcset} sizes={sizes} /> : null}
      {image.jpegSrcset ? <source type="image/jpeg" srcset={image.jpegSrcset} sizes={sizes} /> : null}
      <img src={image.src} alt={image.alt} width={image.width} height={image.height} loading={loading} decoding="async" />
    </picture>
  );
}

/** An image with its caption and credit ("Ảnh: …") as a `<figure>`. */
export function Figure({ image, class: className, loading, sizes }: PictureProps & { class?: string }) {
  const hasCaption = Boolean(image.caption || image.credit);
  return (
    <figure class={className}>
      <Picture image={image} loading={loading} sizes={sizes} />
      {hasCaption ? (
        <figcaption>
          {image.caption}
          {image.caption && image.credit ? ' ' : null}
          {image.credit ? <span class="credit">(Ảnh: {image.credit})</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}
