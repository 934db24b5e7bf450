/**
 * The one shape every importer produces (plain-text pages, HTML pages, JSON Lines, later
 * RSS/WXR) and `importArticles` consumes: `ImportedArticle`. Parsers build it; this schema is
 * the gate, so whatever a parser or a future source gets wrong is reported with the field name
 * and never reaches the database.
 */
import { z } from 'zod';
import { ARTICLE_TYPES } from '../articles/article.ts';
import { normalizeText, normalizeWhitespace } from '../text/index.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';

/** Vietnamese names of the fields, for messages ("Tiêu đề (title): …"). */
const FIELD_LABELS: Record<string, string> = {
  importKey: 'Khoá nhập',
  title: 'Tiêu đề',
  lead: 'Sapo',
  bodyHtml: 'Nội dung',
  byline: 'Tác giả',
  sourceName: 'Nguồn',
  sourceUrl: 'Địa chỉ nguồn',
  publishedAt: 'Thời điểm đăng',
  publishedPrecision: 'Độ chính xác thời điểm đăng',
  categoryNames: 'Chuyên mục',
  tags: 'Thẻ',
  type: 'Loại bài',
  figures: 'Chú thích ảnh',
};

/** A required single-line text: NFC, whitespace collapsed and trimmed, then length-checked. */
function line(max: number) {
  return z
    .string()
    .transform(normalizeWhitespace)
    .pipe(z.string().min(1, 'không được để trống').max(max, `dài quá ${max} ký tự`));
}

/** An optional single-line text: null, undefined and blank all mean "absent". */
function optionalLine(max: number) {
  return z
    .string()
    .nullish()
    .transform((s) => (s == null ? undefined : normalizeWhitespace(s) || undefined))
    .pipe(z.string().max(max, `dài quá ${max} ký tự`).optional());
}

const instant = z
  .string()
  .trim()
  .pipe(z.iso.datetime({ offset: true, error: 'phải là thời điểm ISO 8601 có múi giờ, ví dụ 2022-09-27T07:05:00Z' }))
  .transform((s) => new Date(s).toISOString());

const httpUrl = z
  .string()
  .nullish()
  .transform((s) => (s == null || s.trim() === '' ? undefined : s.trim()))
  .pipe(
    z
      .url({ protocol: /^https?$/, error: 'phải là địa chỉ http:// hoặc https://' })
      .max(2000, 'dài quá 2000 ký tự')
      .optional(),
  );

/** Names (categories, tags): NFC, trimmed, blanks dropped, duplicates (after folding case) dropped. */
const nameList = z
  .array(z.string().transform(normalizeWhitespace).pipe(z.string().max(200, 'dài quá 200 ký tự')))
  .nullish()
  .transform((names) => {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const name of names ?? []) {
      const key = name.toLowerCase();
      if (name && !seen.has(key)) {
        seen.add(key);
        out.push(name);
      }
    }
    return out;
  });

/**
 * Zod schema of {@link ImportedArticle}. Strings are NFC-normalised (invisible characters
 * removed, no-break spaces made spaces); single-line fields are whitespace-collapsed; optional
 * fields treat null and blank as absent. `publishedAt` must carry a time zone and comes out as
 * stored (`toISOString()`, UTC). `bodyHtml` is kept as given here (the importer sanitises it on
 * write); it may be empty only when there is a lead.
 */
export const importedArticleSchema = z
  .object({
    /** Stable identity of the source item (`text:…`, `html:…`, a JSONL `id`); the upsert key. */
    importKey: line(500),
    title: line(500),
    /** The sapo shown under the title (plain text). */
    lead: optionalLine(2000),
    bodyHtml: z.string().transform((s) => normalizeText(s).trim()),
    byline: optionalLine(200),
    /** The organisation credited ("Nguồn"), e.g. "Trung tâm Công nghệ số". */
    sourceName: optionalLine(300),
    sourceUrl: httpUrl,
    publishedAt: instant,
    publishedPrecision: z.enum(['minute', 'day'], { error: 'phải là "minute" hoặc "day"' }),
    categoryNames: nameList,
    tags: nameList,
    type: z.enum(ARTICLE_TYPES, { error: `phải là một trong ${ARTICLE_TYPES.join(', ')}` }).default('news'),
    /** Captions of the figures already inside `bodyHtml` (there may be no image file). */
    figures: z
      .array(z.object({ caption: line(1000), alt: optionalLine(500) }))
      .nullish()
      .transform((f) => (f && f.length > 0 ? f : undefined)),
  })
  .superRefine((a, ctx) => {
    if (a.bodyHtml === '' && !a.lead) {
      ctx.addIssue({ code: 'custom', path: ['bodyHtml'], message: 'bài không có nội dung và không có sapo' });
    }
  });

/** An article ready to import, as every parser produces it (the schema's output). */
export type ImportedArticle = z.output<typeof importedArticleSchema>;
/** What a parser may hand over before validation (optional fields may be null). */
export type ImportedArticleInput = z.input<typeof importedArticleSchema>;

/** Turns zod issues into field issues with Vietnamese messages that name the field. */
function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(bài)';
    const top = String(issue.path[0] ?? '');
    const label = FIELD_LABELS[top] ?? top;
    let reason = issue.message;
    if (issue.code === 'invalid_type') {
      reason = issue.input === undefined || issue.input === null ? 'bắt buộc, đang thiếu' : `sai kiểu dữ liệu (cần ${issue.expected})`;
    }
    return { path, message: `${label} (${path}): ${reason}` };
  });
}

/**
 * Validates and normalises one item against {@link importedArticleSchema}.
 *
 * @param input anything a parser built (unknown until checked).
 * @returns the normalised `ImportedArticle`.
 * @throws {ValidationError} listing every problem; each issue's `path` is the field
 *   (`title`, `publishedAt`, `categoryNames.2`…) and its message is Vietnamese and names it.
 */
export function parseImportedArticle(input: unknown): ImportedArticle {
  const result = importedArticleSchema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldIssues(result.error));
  return result.data;
}
