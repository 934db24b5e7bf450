/**
 * JSON Lines news records (the shared data format: `id, title, published, category, summary,
 * body, source, url, keywords?`, one record a line) into `ImportedArticle`s, streamed so a
 * file of any size is read in constant memory.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { paragraphsToHtml } from '../articles/sanitize-body.ts';
import { ImportSourceError, ValidationError } from '../errors.ts';
import { normalizeWhitespace } from '../text/index.ts';
import { resolvePublishedTime, SENTENCE_END, toItemError, type ImportItemError } from './import.ts';
import { parseImportedArticle, type ImportedArticle } from './imported-article.schema.ts';

/**
 * Source category → target category name. A target of `''` (or null) means "no category"
 * (the importer's default category then applies), e.g. `{ "trang-chu": "" }`.
 */
export type CategoryMap = Record<string, string | null>;

/** Options of {@link readNewsJsonl} and {@link newsRecordToArticle}. */
export interface NewsRecordOptions {
  categoryMap?: CategoryMap;
}

/** One line of a JSON Lines file: its 1-based number and the article or the reason it is not one. */
export type JsonlEntry = { line: number; record: ImportedArticle } | { line: number; error: ImportItemError };

const optionalText = z.string().nullish();

/** The news record as it is on disk; extra fields (`category_slug`, `topics`…) are ignored. */
const newsRecordSchema = z.object({
  id: z.string({ error: 'bắt buộc, phải là chuỗi' }).trim().min(1, 'không được để trống'),
  title: optionalText,
  published: z.string({ error: 'thiếu ngày đăng (null hoặc không có)' }).trim().min(1, 'thiếu ngày đăng'),
  category: optionalText,
  summary: optionalText,
  body: optionalText,
  source: optionalText,
  url: optionalText,
  keywords: z.array(z.string()).nullish(),
});

/** Vietnamese names of the record's fields, for messages. */
const RECORD_LABELS: Record<string, string> = {
  id: 'Mã bản ghi',
  title: 'Tiêu đề',
  published: 'Ngày đăng',
  category: 'Chuyên mục',
  summary: 'Sapo',
  body: 'Nội dung',
  source: 'Nguồn',
  url: 'Địa chỉ bài gốc',
  keywords: 'Từ khoá',
};

/** `ImportedArticle` field → the record field it comes from, so errors name what is in the file. */
const RECORD_FIELD: Record<string, string> = {
  importKey: 'id',
  title: 'title',
  lead: 'summary',
  bodyHtml: 'body',
  sourceName: 'source',
  sourceUrl: 'url',
  publishedAt: 'published',
  publishedPrecision: 'published',
  categoryNames: 'category',
  tags: 'keywords',
};

const MAX_DERIVED_TITLE = 160;
const SLUG_LIKE = /^[a-z0-9]+(?:-[a-z0-9]+)+$|^[a-z]+$/;

/**
 * Makes a title from a body that has none: the first sentence of its first paragraph (a
 * sentence ends at . ! ? … followed by a space and a capital letter, digit or opening quote,
 * at least 20 characters in), without a final full stop, cut at a word boundary to at most
 * 160 characters with "…" when it was longer.
 *
 * @param body paragraphs separated by "\n".
 * @returns the title, or "" when the body has no text.
 */
export function deriveTitle(body: string): string {
  let first = '';
  for (const paragraph of body.split('\n')) {
    first = normalizeWhitespace(paragraph);
    if (first !== '') break;
  }
  const end = /[.!?…]+["'”’)]*(?=\s+["“‘(]?[\p{Lu}\d])/gu;
  let sentence = first;
  for (const m of first.matchAll(end)) {
    if (m.index >= 20) {
      sentence = first.slice(0, m.index + m[0].length);
      break;
    }
  }
  sentence = sentence.replace(/(?<!\.)\.$/u, '').replace(/[,;:]+$/u, '').trim();
  if (sentence.length <= MAX_DERIVED_TITLE) return sentence;
  const cut = sentence.slice(0, MAX_DERIVED_TITLE - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/u, '')}…`;
}

/**
 * The category name an item gets from its source category: the mapping's target when the
 * mapping has the key (`''`/null → none); otherwise the source name itself, humanised when it
 * is a URL slug (`tin-tuc-trong-ngay` → "Tin tuc trong ngay": hyphens become spaces, first
 * letter capitalised; tones cannot be recovered, give a mapping for proper names).
 *
 * @returns the category name, or null for none.
 */
export function mapCategory(source: string | null | undefined, map: CategoryMap = {}): string | null {
  const name = source == null ? '' : normalizeWhitespace(source);
  if (name === '') return null;
  if (Object.prototype.hasOwnProperty.call(map, name)) {
    const target = map[name];
    return target == null || normalizeWhitespace(target) === '' ? null : normalizeWhitespace(target);
  }
  if (SLUG_LIKE.test(name)) {
    const spaced = name.replace(/-/g, ' ');
    return spaced.charAt(0).toUpperCase() + spaced.slice(1);
  }
  return name;
}

function recordIssue(path: string, reason: string): ValidationError {
  const label = RECORD_LABELS[path] ?? path;
  return new ValidationError([{ path, message: `${label} (${path}): ${reason}` }]);
}

/**
 * Converts one parsed news record to an `ImportedArticle`. Pure.
 *
 * - `title` null → {@link deriveTitle} of the body; when the derived title is the whole first
 *   paragraph (a heading line without final punctuation), that paragraph is not repeated in
 *   the body.
 * - `published`: `YYYY-MM-DD` → 00:00 Vietnam time, precision `day`; ISO 8601 with an offset
 *   → that instant, precision `minute`; null → error on `published`.
 * - `body` lines → `<p>` each (escaped); `summary` → lead; `keywords` → tags;
 *   `category` → {@link mapCategory}; `source` → sourceName; `url` → sourceUrl; `id` → importKey.
 *
 * @param raw the record as parsed from JSON (unknown until checked).
 * @throws {ValidationError} whose first issue's `path` is the record's field (`published`,
 *   `id`, `url`…), message in Vietnamese.
 */
export function newsRecordToArticle(raw: unknown, options: NewsRecordOptions = {}): ImportedArticle {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw recordIssue('(bản ghi)', 'mỗi dòng phải là một đối tượng JSON');
  }
  const parsed = newsRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.') || '(bản ghi)';
    throw recordIssue(path, issue.message);
  }
  const r = parsed.data;
  let published;
  try {
    published = /^\d{4}-\d{2}-\d{2}$/.test(r.published) || /\d:\d/.test(r.published)
      ? resolvePublishedTime(r.published, 'published')
      : null;
  } catch {
    published = null;
  }
  if (!published) throw recordIssue('published', `không đọc được ngày "${r.published}" (cần YYYY-MM-DD hoặc ISO 8601 có múi giờ)`);

  let paragraphs = (r.body ?? '').split('\n');
  let title = r.title == null ? '' : normalizeWhitespace(r.title);
  if (title === '') {
    title = deriveTitle(r.body ?? '');
    const firstIndex = paragraphs.findIndex((p) => normalizeWhitespace(p) !== '');
    const first = firstIndex >= 0 ? normalizeWhitespace(paragraphs[firstIndex]!) : '';
    if (title !== '' && first === title && !SENTENCE_END.test(first) && paragraphs.length > firstIndex + 1) {
      paragraphs = paragraphs.slice(firstIndex + 1);
    }
    if (title === '') title = r.summary ? deriveTitle(r.summary) : '';
    if (title === '') throw recordIssue('title', 'không có tiêu đề và không có nội dung để tạo tiêu đề');
  }
  const category = mapCategory(r.category, options.categoryMap);
  try {
    return parseImportedArticle({
      // Namespaced by the publisher, so two corpora that both number their items 1, 2, 3…
      // never overwrite each other's articles.
      importKey: `jsonl:${r.source ? normalizeWhitespace(r.source) : '-'}:${r.id}`,
      title,
      lead: r.summary,
      bodyHtml: paragraphsToHtml(paragraphs),
      sourceName: r.source,
      sourceUrl: r.url,
      ...published,
      categoryNames: category ? [category] : [],
      tags: r.keywords ?? [],
      type: 'news',
    });
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(
        error.issues.map((i) => {
          const top = i.path.split('.')[0]!;
          const field = RECORD_FIELD[top] ?? i.path;
          return { path: field, message: i.message.replace(`(${i.path})`, `(${field})`) };
        }),
      );
    }
    throw error;
  }
}

/**
 * Checks that `file` is a readable regular file.
 * @throws {ImportSourceError} naming the file when it is missing, a folder or unreadable.
 */
export async function assertReadableFile(file: string): Promise<void> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
    await fs.promises.access(file, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'không tồn tại' : code === 'EACCES' ? 'không có quyền đọc' : String(error);
    throw new ImportSourceError(`Không đọc được tệp nguồn "${file}": ${why} (cannot read import file)`);
  }
  if (!stat.isFile()) throw new ImportSourceError(`"${file}" không phải là tệp (not a regular file)`);
}

/**
 * Yields the lines of a UTF-8 file with their 1-based numbers, splitting raw bytes on "\n" (a
 * "\r" before it is dropped) and decoding each line on its own: faster than `readline`, and a
 * multi-byte character can never be cut between two chunks.
 */
async function* readLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  let rest: Buffer | null = null;
  let line = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const data: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      const end = nl > start && data[nl - 1] === 0x0d ? nl - 1 : nl;
      yield { line: ++line, text: data.toString('utf8', start, end) };
      start = nl + 1;
    }
    rest = start < data.length ? data.subarray(start) : null;
  }
  if (rest) {
    const end = rest[rest.length - 1] === 0x0d ? rest.length - 1 : rest.length;
    yield { line: ++line, text: rest.toString('utf8', 0, end) };
  }
}

/**
 * Streams a JSON Lines file of news records (constant memory: the file is read in 1 MB chunks
 * and split into lines), yielding one entry per non-blank line: `{ line, record }` for a good
 * record, or `{ line, error: { field, message } }` for a line that is not JSON
 * (`field: 'json'`) or a record that fails {@link newsRecordToArticle} (field of the record,
 * e.g. `published`). A bad line never stops the stream. Lines are numbered from 1 as in an
 * editor; a leading BOM and CRLF line ends are accepted.
 *
 * @param file path of the `.jsonl` file (UTF-8).
 * @throws {ImportSourceError} naming the file when it cannot be opened or read.
 */
export async function* readNewsJsonl(file: string, options: NewsRecordOptions = {}): AsyncGenerator<JsonlEntry> {
  await assertReadableFile(file);
  let current = 0;
  // A file that repeats an id would otherwise update the same article twice on every run.
  const firstLineOfKey = new Map<string, number>();
  try {
    for await (const { line, text } of readLines(file)) {
      current = line;
      const json = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (json.trim() === '') continue;
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        yield { line, error: { field: 'json', message: `Dòng không phải JSON hợp lệ (invalid JSON): ${why}` } };
        continue;
      }
      let record: ImportedArticle;
      try {
        record = newsRecordToArticle(raw, options);
      } catch (error) {
        yield { line, error: toItemError(error, '(bản ghi)') };
        continue;
      }
      const first = firstLineOfKey.get(record.importKey);
      if (first !== undefined) {
        yield { line, error: { field: 'id', message: `Trùng id với dòng ${first}; bản ghi này bị bỏ qua (duplicate id)` } };
        continue;
      }
      firstLineOfKey.set(record.importKey, line);
      yield { line, record };
    }
  } catch (error) {
    throw new ImportSourceError(`Lỗi khi đọc tệp "${file}" sau dòng ${current}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
