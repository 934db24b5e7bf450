/**
 * Runners for `cong import …`: each combines one parser with `importArticles` over files on
 * disk. The CLI adds the progress bar (`onProgress(done, total)` fits cli-progress) and prints
 * the summary; nothing here writes to the terminal.
 */
import fs from 'node:fs';
import type { ArticleType } from '../articles/article.ts';
import { ImportSourceError, ValidationError } from '../errors.ts';
import { normalizeWhitespace } from '../text/index.ts';
import { importArticles, type ImportDeps } from './import-articles.ts';
import { toItemError, type ImportItem, type ImportSummary } from './import.ts';
import { assertReadableFile, readNewsJsonl, type CategoryMap } from './parse-jsonl.ts';
import { parseTextPage } from './parse-text-page.ts';

/** Options every runner takes. */
export interface ImportRunOptions {
  siteId: number;
  /** Category for items that name none. */
  defaultCategoryName?: string;
  /** Progress: items done and the total expected. */
  onProgress?: (done: number, total?: number) => void;
}

/** Options of the page runners ({@link importTextFiles}, {@link importHtmlFiles}). */
export interface PageImportOptions extends ImportRunOptions {
  /** Page files (UTF-8 text; HTML may declare its charset). */
  files: string[];
  /** Publication date for all pages, overriding what they say (`2022-09-27`, `27/9/2022 14:05`, ISO). */
  date?: string;
  /** Categories for all pages (overriding what HTML pages name, e.g. `article:section`). */
  categoryNames?: string[];
  /** Category for pages that name none: the same as `defaultCategoryName` (the CLI's `--category`). */
  categoryName?: string;
  /** Tags for all pages. */
  tags?: string[];
  /** Organisation credited on all pages (overrides what they say). */
  sourceName?: string;
  type?: ArticleType;
}

/** Options of {@link importJsonlFile}. */
export interface JsonlImportOptions extends ImportRunOptions {
  /** The `.jsonl` file of news records. */
  file: string;
  /** Source category → target category name (see `loadCategoryMap`). */
  categoryMap?: CategoryMap;
}

/**
 * Counts the lines of a file that are not empty, for a progress total, by scanning its bytes
 * for newlines (no decoding, constant memory). Lines of only spaces count too, so the total
 * can be slightly above the number of items.
 */
async function countLines(file: string): Promise<number> {
  let count = 0;
  let previous = 0x0a;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, nl + 1)) {
      const before = nl > 0 ? chunk[nl - 1]! : previous;
      if (before !== 0x0a && !(before === 0x0d && (nl > 1 ? chunk[nl - 2] : previous) === 0x0a)) count++;
    }
    if (chunk.length > 0) previous = chunk[chunk.length - 1]!;
  }
  return previous === 0x0a ? count : count + 1;
}

/**
 * Imports a JSON Lines file of news records into a site: `readNewsJsonl` + `importArticles`.
 * Error sources are `<file>:<line>`.
 *
 * @returns the import summary.
 * @throws {ImportSourceError} naming the file when it is missing or unreadable (nothing is written).
 * @throws {NotFoundError} when the site does not exist.
 */
export async function importJsonlFile(deps: ImportDeps, options: JsonlImportOptions): Promise<ImportSummary> {
  await assertReadableFile(options.file);
  const total = await countLines(options.file);
  async function* items(): AsyncGenerator<ImportItem> {
    for await (const entry of readNewsJsonl(options.file, { categoryMap: options.categoryMap ?? {} })) {
      const source = `${options.file}:${entry.line}`;
      yield 'record' in entry ? { source, item: entry.record } : { source, item: { error: entry.error } };
    }
  }
  return importArticles(deps, { siteId: options.siteId, defaultCategoryName: options.defaultCategoryName, onProgress: options.onProgress, total }, items());
}

async function importPages(
  deps: ImportDeps,
  options: PageImportOptions,
  parse: (content: Buffer, file: string) => ImportItem['item'],
): Promise<ImportSummary> {
  for (const file of options.files) await assertReadableFile(file);
  async function* items(): AsyncGenerator<ImportItem> {
    for (const file of options.files) {
      let content: Buffer;
      try {
        content = await fs.promises.readFile(file);
      } catch (error) {
        throw new ImportSourceError(`Không đọc được tệp "${file}": ${error instanceof Error ? error.message : String(error)}`);
      }
      let item: ImportItem['item'];
      try {
        item = parse(content, file);
      } catch (error) {
        item = { error: toItemError(error) };
      }
      yield { source: file, item };
    }
  }
  return importArticles(
    deps,
    {
      siteId: options.siteId,
      defaultCategoryName: options.defaultCategoryName ?? options.categoryName,
      onProgress: options.onProgress,
      total: options.files.length,
    },
    items(),
  );
}

/**
 * Imports plain-text article pages (`parseTextPage`), one article per file. The import key of
 * each is `text:<slug of its title>`, so the same page imported again is recognised.
 *
 * @returns the import summary; a page without a date (and no `date` option) is a failure on
 *   `publishedAt` with the file as source.
 * @throws {ImportSourceError} naming the first missing or unreadable file (checked before
 *   anything is written).
 * @throws {NotFoundError} when the site does not exist.
 */
export async function importTextFiles(deps: ImportDeps, options: PageImportOptions): Promise<ImportSummary> {
  return importPages(deps, options, (content) =>
    parseTextPage(decodeUtf8(content), {
      date: options.date,
      categoryNames: options.categoryNames,
      tags: options.tags,
      sourceName: options.sourceName,
      type: options.type,
    }),
  );
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a plain-text page as UTF-8 (a BOM is dropped).
 * @throws {ValidationError} on `encoding` when the bytes are not valid UTF-8 (e.g. a file saved
 *   in Windows-1258 or UTF-16), rather than storing replacement characters.
 */
function decodeUtf8(content: Buffer): string {
  try {
    return STRICT_UTF8.decode(content);
  } catch {
    throw new ValidationError([{ path: 'encoding', message: 'Tệp không phải văn bản UTF-8 hợp lệ (not valid UTF-8); hãy lưu lại tệp ở bảng mã UTF-8' }]);
  }
}

/**
 * Imports HTML article pages (`parseHtmlPage`), one article per file. The charset is taken from
 * the page (BOM or `<meta charset>`, UTF-8 by default). Import keys are `html:<canonical URL>`
 * or `html:<slug of title>`.
 *
 * @returns the import summary (pages without a findable date fail on `publishedAt`).
 * @throws {ImportSourceError} naming the first missing or unreadable file (before any write).
 * @throws {NotFoundError} when the site does not exist.
 */
export async function importHtmlFiles(deps: ImportDeps, options: PageImportOptions): Promise<ImportSummary> {
  // jsdom takes over a second to load: only HTML imports pay for it.
  const { parseHtmlPage } = await import('./parse-html-page.ts');
  return importPages(deps, options, (content) =>
    parseHtmlPage(content, {
      date: options.date,
      categoryNames: options.categoryNames,
      tags: options.tags,
      sourceName: options.sourceName,
      type: options.type,
    }),
  );
}

/**
 * Reads a category mapping for `importJsonlFile`, from either
 * - a JSON file holding an object `{ "source category": "Target name", "trang-chu": "" }`
 *   (an empty or null target means "no category"), or
 * - an inline spec `a=b,c=d` (keys and names trimmed and NFC-normalised; names cannot contain
 *   commas in this form: use a file for them).
 * A value that names an existing file, ends in `.json` or has no "=" is read as a file.
 * Synchronous: the file is small and read once at start.
 *
 * @param fileOrSpec a path or an inline spec.
 * @returns the mapping.
 * @throws {ImportSourceError} naming the file when it is missing, unreadable, not JSON or not an
 *   object of strings, or when the spec has a part without "=".
 */
export function loadCategoryMap(fileOrSpec: string): CategoryMap {
  const isFile = fileOrSpec.toLowerCase().endsWith('.json') || fs.existsSync(fileOrSpec) || !fileOrSpec.includes('=');
  if (!isFile) {
    const map: CategoryMap = {};
    for (const part of fileOrSpec.split(',')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      if (eq <= 0) throw new ImportSourceError(`Ánh xạ chuyên mục sai ở "${part.trim()}": cần dạng nguồn=đích (expected source=target)`);
      map[normalizeWhitespace(part.slice(0, eq))] = normalizeWhitespace(part.slice(eq + 1));
    }
    return map;
  }
  let content: string;
  try {
    content = fs.readFileSync(fileOrSpec, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'không tồn tại' : code === 'EISDIR' ? 'là thư mục' : String(error);
    throw new ImportSourceError(`Không đọc được tệp ánh xạ chuyên mục "${fileOrSpec}": ${why}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportSourceError(`Tệp ánh xạ chuyên mục "${fileOrSpec}" không phải JSON hợp lệ: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ImportSourceError(`Tệp ánh xạ chuyên mục "${fileOrSpec}" phải chứa một đối tượng JSON { "nguồn": "đích" }`);
  }
  const map: CategoryMap = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value !== null && typeof value !== 'string') {
      throw new ImportSourceError(`Tệp ánh xạ chuyên mục "${fileOrSpec}": giá trị của "${key}" phải là chuỗi hoặc null`);
    }
    map[normalizeWhitespace(key)] = value === null ? null : normalizeWhitespace(value);
  }
  return map;
}
