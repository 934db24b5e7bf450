/**
 * Input shapes for media (zod 4), the one source of each shape: the text an editor gives with
 * an upload or edits later, and the derivative list stored as JSON in `media.variants`.
 * Strings are normalised to NFC and trimmed before their length is checked (DESIGN.md §3).
 */
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import type { MediaText, MediaVariant } from './media.ts';

/** Longest alt text, caption and credit, in characters (UTF-16 code units, after NFC). */
export const MEDIA_TEXT_LIMITS = { alt: 500, caption: 1000, credit: 200 } as const;

const optionalText = (max: number, tooLong: string) =>
  z
    .string({ error: 'Phải là chuỗi ký tự' })
    .normalize('NFC')
    .trim()
    .max(max, tooLong)
    .nullish()
    .transform((v) => (v ? v : null));

/**
 * Upload metadata and later edits: `alt` required (non-empty after trimming, at most 500
 * characters); `caption` (≤ 1000) and `credit` (≤ 200) optional, blank meaning none (`null`).
 * Unknown keys are dropped. Messages are Vietnamese and each issue's path names the field.
 */
export const mediaTextSchema = z.object({
  alt: z
    .string({ error: (issue) => (issue.input == null ? 'Cần nhập văn bản thay thế mô tả nội dung ảnh' : 'Phải là chuỗi ký tự') })
    .normalize('NFC')
    .trim()
    .min(1, 'Cần nhập văn bản thay thế mô tả nội dung ảnh')
    .max(MEDIA_TEXT_LIMITS.alt, `Văn bản thay thế tối đa ${MEDIA_TEXT_LIMITS.alt} ký tự`),
  caption: optionalText(MEDIA_TEXT_LIMITS.caption, `Chú thích ảnh tối đa ${MEDIA_TEXT_LIMITS.caption} ký tự`),
  credit: optionalText(MEDIA_TEXT_LIMITS.credit, `Nguồn ảnh tối đa ${MEDIA_TEXT_LIMITS.credit} ký tự`),
});

/**
 * Parses upload metadata or an edit with {@link mediaTextSchema}.
 * @param input anything from outside (HTTP body, CLI flags, import row).
 * @returns `{ alt, caption, credit }`, NFC, trimmed, blanks as `null`.
 * @throws ValidationError with one `{ path, message }` per problem (`alt`, `caption`, `credit`).
 */
export function parseMediaText(input: unknown): MediaText {
  const parsed = mediaTextSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({
        // A non-object input has an empty path: report it on the one required field.
        path: issue.path.length ? issue.path.map(String).join('.') : 'alt',
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}

/**
 * Like {@link parseMediaText} but a blank or absent `alt` is accepted (answered as `''`): the
 * media library takes uploads first and flags those still missing alt text; nothing can be
 * put in an article without it. The CLI and imports keep using {@link parseMediaText}.
 * @throws ValidationError naming `alt`, `caption` or `credit` (too long, not a string).
 */
export function parseMediaDraftText(input: unknown): MediaText {
  const record = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const alt = record.alt;
  if (alt === undefined || alt === null || (typeof alt === 'string' && alt.normalize('NFC').trim() === '')) {
    const rest = parseMediaText({ ...record, alt: '-' });
    return { ...rest, alt: '' };
  }
  return parseMediaText(record);
}

/** One stored derivative as kept in `media.variants` (JSON). */
export const mediaVariantSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: z.enum(['webp', 'jpeg']),
  key: z.string().min(1),
  bytes: z.number().int().nonnegative(),
});

/** The whole `media.variants` column. */
export const mediaVariantListSchema = z.array(mediaVariantSchema);

/**
 * Parses the `media.variants` JSON text read from the database.
 * @returns the derivatives.
 * @throws Error when the text is not JSON or not a derivative list (a data fault, not user input).
 */
export function parseMediaVariants(json: string): MediaVariant[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('media.variants is not valid JSON');
  }
  return mediaVariantListSchema.parse(value);
}
