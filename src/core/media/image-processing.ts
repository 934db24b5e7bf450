/**
 * Image intake: checks an uploaded file by its content, then re-encodes it with sharp into a
 * clean original and responsive derivatives. Pure with respect to storage and the database:
 * bytes in, bytes out. DESIGN.md §3: uploads are checked by content, re-encoded (EXIF
 * stripped, orientation applied) and size-limited; SVG is not accepted as an image.
 *
 * What is stored (decided here, one place):
 * - JPEG stays JPEG (quality 85, mozjpeg, progressive): photos, the bulk of a newsroom's uploads.
 * - PNG stays PNG (lossless, zlib level 9): screenshots, charts and diagrams must stay sharp.
 * - WebP, GIF and AVIF become WebP (quality 85; GIF lossless, since GIFs are flat graphics):
 *   WebP keeps transparency, every browser we serve shows it, and it avoids serving AVIF,
 *   which some editors' tools cannot open. A GIF keeps only its first frame.
 * - Derivatives: WebP (quality 80) and JPEG (quality 80, transparency flattened onto white)
 *   at the widths in {@link DEFAULT_VARIANT_WIDTHS} that are not wider than the image, plus
 *   the image's own width when it is narrower than the widest step. Never upscaled.
 * sharp writes no metadata unless asked (`withMetadata`/`keepExif`), which we never do, so no
 * EXIF, GPS, XMP or IPTC survives; ICC profiles are converted to sRGB and dropped.
 */
import crypto from 'node:crypto';
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { UnsupportedMediaError } from '../errors.ts';

/** Formats accepted as input, named as sharp names them (`heif` is AVIF here). */
export type SourceImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';

/** Formats of the stored original. */
export type StoredImageFormat = 'jpeg' | 'png' | 'webp';

/** Formats of the responsive derivatives. */
export type VariantFormat = 'webp' | 'jpeg';

/** Largest accepted upload by default: 20 MB (20 × 1024 × 1024 bytes). */
export const DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** Largest accepted image by default: 40 megapixels (width × height, 40 000 000 pixels). */
export const DEFAULT_MAX_IMAGE_PIXELS = 40_000_000;

/** Derivative widths in CSS pixels, ascending. */
export const DEFAULT_VARIANT_WIDTHS: readonly number[] = [320, 640, 1024, 1600];

/** MIME types of the stored formats. */
export const IMAGE_MIME_TYPES: Record<StoredImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** Limits and sizes for {@link processImage}; every field is optional. */
export interface ProcessImageOptions {
  /** Largest accepted input, in bytes (default {@link DEFAULT_MAX_IMAGE_BYTES}). */
  maxBytes?: number;
  /** Largest accepted width × height, in pixels (default {@link DEFAULT_MAX_IMAGE_PIXELS}). */
  maxPixels?: number;
  /** Derivative widths in pixels (default {@link DEFAULT_VARIANT_WIDTHS}). */
  variantWidths?: readonly number[];
}

/** One responsive derivative. `width`/`height` in pixels, as displayed. */
export interface ImageVariant {
  width: number;
  height: number;
  format: VariantFormat;
  data: Buffer;
}

/** The outcome of {@link processImage}. */
export interface ProcessedImage {
  /** Format detected from the input's content. */
  sourceFormat: SourceImageFormat;
  /** Format of `original`. */
  format: StoredImageFormat;
  /** MIME type of `original`. */
  mimeType: string;
  /** Displayed width in pixels, after EXIF orientation is applied. */
  width: number;
  /** Displayed height in pixels, after EXIF orientation is applied. */
  height: number;
  /** Lowercase hex SHA-256 of the input bytes (not of the re-encoded output). */
  sha256: string;
  /** The re-encoded original, without metadata. */
  original: Buffer;
  /** Derivatives, by ascending width, WebP before JPEG at each width. */
  variants: ImageVariant[];
}

const NOT_AN_IMAGE = 'Tệp không phải ảnh JPEG, PNG, WebP, GIF hoặc AVIF';
const SVG_REFUSED = 'Không nhận ảnh SVG; hãy tải lên ảnh JPEG, PNG, WebP, GIF hoặc AVIF';
const CORRUPT = 'Tệp ảnh bị hỏng hoặc không đọc được';

/**
 * Checks an uploaded image by its content and re-encodes it (see the module comment for the
 * formats chosen). The order matters: size in bytes, then the file signature, then the
 * header read by sharp (format, width × height) — all before any pixel is decoded — and only
 * then the decoding pipelines, each also bounded by `limitInputPixels`.
 *
 * Does not look at the file name, write anything or touch the database.
 *
 * @param input the uploaded bytes.
 * @param options byte and pixel limits, derivative widths (see {@link ProcessImageOptions}).
 * @returns the displayed size in pixels, the SHA-256 of `input`, the clean original and the
 *   derivatives (see {@link ProcessedImage}).
 * @throws UnsupportedMediaError (field `file`, Vietnamese message) when the input is empty,
 *   larger than `maxBytes`, not a JPEG/PNG/WebP/GIF/AVIF by content (SVG included), larger than
 *   `maxPixels`, or cannot be decoded.
 */
export async function processImage(input: Buffer, options: ProcessImageOptions = {}): Promise<ProcessedImage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  const widths = [...(options.variantWidths ?? DEFAULT_VARIANT_WIDTHS)].sort((a, b) => a - b);

  if (input.length === 0) throw new UnsupportedMediaError('Tệp rỗng');
  if (input.length > maxBytes) {
    throw new UnsupportedMediaError(`Tệp quá lớn: tối đa ${formatMegabytes(maxBytes)} MB`);
  }
  const sniffed = sniffImageFormat(input);
  if (!sniffed) throw new UnsupportedMediaError(looksLikeSvg(input) ? SVG_REFUSED : NOT_AN_IMAGE);

  // Header only: sharp reads width and height without decoding pixels. It refuses on its
  // own when the header exceeds limitInputPixels; we check again to own the message.
  const tooManyPixels = () =>
    new UnsupportedMediaError(`Ảnh quá lớn: tối đa ${formatPixels(maxPixels)} (chiều rộng × chiều cao)`);
  const inputOptions: SharpOptions = { limitInputPixels: maxPixels, failOn: 'warning', pages: 1 };
  let meta: Metadata;
  try {
    meta = await sharp(input, inputOptions).metadata();
  } catch (error) {
    if (isPixelLimitError(error)) throw tooManyPixels();
    throw new UnsupportedMediaError(NOT_AN_IMAGE);
  }
  if (!formatMatches(sniffed, meta)) throw new UnsupportedMediaError(NOT_AN_IMAGE);
  if (!meta.width || !meta.height) throw new UnsupportedMediaError(CORRUPT);
  if (meta.width * meta.height > maxPixels) throw tooManyPixels();

  // EXIF orientations 5–8 turn the image a quarter: its displayed width is the stored height.
  const displayedWidth = (meta.orientation ?? 1) >= 5 ? meta.height : meta.width;
  const format = storedFormatFor(sniffed);

  // Each pipeline decodes the input itself (JPEG shrink-on-load makes the small ones cheap)
  // and applies the EXIF orientation with rotate(); no pipeline asks to keep metadata.
  const pipeline = () => sharp(input, inputOptions).rotate();
  const encodeOriginal = (): Sharp => {
    if (format === 'jpeg') return pipeline().jpeg({ quality: 85, mozjpeg: true });
    if (format === 'png') return pipeline().png({ compressionLevel: 9 });
    return pipeline().webp(sniffed === 'gif' ? { lossless: true } : { quality: 85 });
  };
  const encodeVariant = (w: number, f: VariantFormat): Sharp => {
    const resized = pipeline().resize({ width: w, withoutEnlargement: true });
    return f === 'webp' ? resized.webp({ quality: 80 }) : resized.flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true });
  };

  const targets = variantWidthsFor(displayedWidth, widths);
  try {
    const [original, ...encoded] = await Promise.all([
      encodeOriginal().toBuffer({ resolveWithObject: true }),
      ...targets.flatMap((w) =>
        (['webp', 'jpeg'] as const).map(async (f) => ({ format: f, ...(await encodeVariant(w, f).toBuffer({ resolveWithObject: true })) })),
      ),
    ]);
    return {
      sourceFormat: sniffed,
      format,
      mimeType: IMAGE_MIME_TYPES[format],
      width: original!.info.width,
      height: original!.info.height,
      sha256: crypto.createHash('sha256').update(input).digest('hex'),
      original: original!.data,
      variants: encoded.map((v) => ({ width: v.info.width, height: v.info.height, format: v.format, data: v.data })),
    };
  } catch (error) {
    if (isPixelLimitError(error)) throw tooManyPixels();
    throw new UnsupportedMediaError(CORRUPT);
  }
}

/**
 * The derivative widths for an image of a given displayed width: every step not wider than
 * the image, plus the image's own width when it is narrower than the widest step (so a small
 * image still gets a derivative at its full size). Never a width above the image's.
 * @param imageWidth displayed width in pixels.
 * @param steps candidate widths in pixels (default {@link DEFAULT_VARIANT_WIDTHS}).
 * @returns ascending, distinct widths in pixels.
 */
export function variantWidthsFor(imageWidth: number, steps: readonly number[] = DEFAULT_VARIANT_WIDTHS): number[] {
  const sorted = [...new Set(steps)].sort((a, b) => a - b);
  const out = sorted.filter((w) => w <= imageWidth);
  const widest = sorted[sorted.length - 1] ?? 0;
  if (imageWidth < widest && !out.includes(imageWidth)) out.push(imageWidth);
  return out;
}

/**
 * Detects an accepted image format from the first bytes of a file (its signature), ignoring
 * any file name. AVIF is recognised only when this sharp build can decode it.
 * @returns the format, or `null` when the content is none of JPEG, PNG, WebP, GIF, AVIF.
 */
export function sniffImageFormat(input: Buffer): SourceImageFormat | null {
  const ascii = (start: number, end: number) => input.subarray(start, end).toString('latin1');
  if (input.length >= 3 && input[0] === 0xff && input[1] === 0xd8 && input[2] === 0xff) return 'jpeg';
  if (input.length >= 8 && input.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (input.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (input.length >= 16 && ascii(4, 8) === 'ftyp' && sharp.format.heif?.input.buffer) {
    // ISO-BMFF: major brand at 8..12, compatible brands from 16 to the end of the ftyp box.
    const boxEnd = Math.min(input.readUInt32BE(0), input.length, 256);
    const brands = [ascii(8, 12)];
    for (let i = 16; i + 4 <= boxEnd; i += 4) brands.push(ascii(i, i + 4));
    if (brands.includes('avif') || brands.includes('avis')) return 'avif';
  }
  return null;
}

function formatMatches(sniffed: SourceImageFormat, meta: Metadata): boolean {
  if (sniffed === 'avif') return meta.format === 'heif' && meta.compression === 'av1';
  return meta.format === sniffed;
}

function storedFormatFor(source: SourceImageFormat): StoredImageFormat {
  if (source === 'jpeg' || source === 'png') return source;
  return 'webp';
}

/** True for text that looks like SVG, to give a clearer message; SVG is refused either way. */
function looksLikeSvg(input: Buffer): boolean {
  const head = input.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<') && head.includes('<svg');
}

function isPixelLimitError(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

function formatMegabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10).replace('.', ',');
}

function formatPixels(pixels: number): string {
  if (pixels < 1_000_000) return `${pixels} điểm ảnh`;
  return `${String(Math.round((pixels / 1_000_000) * 10) / 10).replace('.', ',')} megapixel`;
}
