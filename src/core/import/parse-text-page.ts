/**
 * Plain-text article pages: what a person gets by selecting all on a portal's article page
 * and pasting it into a file (the project's seed article is one). The page's furniture
 * (skip links, "Chia sẻ", "In bài", breadcrumbs, related-news lists) surrounds a title, the
 * paragraphs, photo captions left where the pictures were, and a signature block (author,
 * then her unit). This parser recognises that structure by rules that hold for such pages in
 * general, not for one article.
 */
import type { ArticleType } from '../articles/article.ts';
import { escapeHtml } from '../articles/sanitize-body.ts';
import { ValidationError } from '../errors.ts';
import { findFirstVietnameseDate, foldText, normalizeText, normalizeWhitespace, slugify, vietnamMidnightInstant } from '../text/index.ts';
import { findDateTime, resolvePublishedTime, SENTENCE_END, type PublishedTime } from './import.ts';
import { parseImportedArticle, type ImportedArticle } from './imported-article.schema.ts';

/** Options of {@link parseTextPage}. */
export interface TextPageOptions {
  /** Publication date overriding the text: see `resolvePublishedTime` (`2022-09-27`, `27/9/2022 14:05`, ISO). */
  date?: string | Date;
  /** Identity of the item; default `text:<slug of the title>`. */
  importKey?: string;
  /** Organisation credited when the page's signature names none (or to override it). */
  sourceName?: string;
  sourceUrl?: string;
  categoryNames?: string[];
  tags?: string[];
  type?: ArticleType;
}

// Furniture: navigation and tool words of portal templates, compared folded (no tones, lower
// case) and without trailing ":"/"|". Only ever removed at the start or the end of a page.
const FURNITURE = new Set(
  [
    'skip to main content', 'skip to content', 'skip navigation', 'jump to content', 'main menu', 'menu',
    'about', 'home', 'search', 'print', 'share', 'tweet', 'facebook', 'twitter', 'zalo', 'email', 'e-mail',
    'back', 'top', 'back to top', 'login', 'log in', 'sign in', 'sitemap', 'contact', 'rss', 'english', 'tiếng việt',
    'bỏ qua nội dung chính', 'chuyển đến nội dung chính', 'đi tới nội dung chính', 'bỏ qua liên kết',
    'trang chủ', 'giới thiệu', 'liên hệ', 'sơ đồ trang', 'sơ đồ cổng', 'tìm kiếm', 'đăng nhập', 'đăng ký',
    'chia sẻ', 'chia sẻ bài viết', 'chia sẻ facebook', 'in bài', 'in bài viết', 'in trang', 'bản in', 'bản in thân thiện',
    'gửi email', 'gửi bài viết', 'gửi bài viết qua email', 'gửi cho bạn bè', 'lưu bài viết', 'lưu', 'thích', 'like',
    'quay lại', 'trở về', 'trở lại', 'lên đầu trang', 'về đầu trang', 'đầu trang', 'về trang trước',
    'cỡ chữ', 'a', 'a+', 'a-', 'aa', 'a a a', 'a- a a+', 'nghe bài viết', 'đọc bài viết', 'nghe', 'dừng',
    'bình luận', 'ý kiến', 'ý kiến bạn đọc', 'gửi ý kiến', 'gửi bình luận', 'phản hồi', 'tải về', 'download',
    'đánh giá bài viết', 'lượt xem', 'số lượt xem', 'đọc tiếp', 'xem tiếp', 'đóng', 'close',
  ].map((s) => foldText(s)),
);

/** Headings of the related-news lists that follow an article; everything after them is furniture. */
const RELATED = new Set(
  ['tin liên quan', 'bài viết liên quan', 'tin khác', 'các tin khác', 'tin bài khác', 'các tin bài khác', 'tin cùng chuyên mục',
    'xem thêm', 'đọc thêm', 'tin mới nhất', 'tin đã đưa', 'các tin đã đưa', 'related articles', 'related news', 'more news'].map((s) => foldText(s)),
);

/** True for the heading of a related-news list ("Tin liên quan", "Các tin khác", "Xem thêm"). */
export function isRelatedHeading(line: string): boolean {
  return RELATED.has(furnitureKey(line));
}

/** How an organisation's name starts (folded), for the unit line of a signature block. */
const ORGANISATION_START =
  /^(trung tam|so|phong|ban|van phong|bo|cuc|vu|vien|uy ban|ubnd|hdnd|bao|dai|tap chi|cong ty|tong cong ty|tap doan|truong|hoc vien|hoi|thanh tra|chi cuc|tong cuc|benh vien|cong thong tin|trang thong tin|tinh uy|thanh uy|huyen uy|dang uy|mat tran|doan|lien doan|ngan hang|kho bac|quy|chi nhanh|cang vu|bql|ban quan ly|so tttt|bo tttt)\b/;

/** "Tác giả: X", "Tin, ảnh: X", "PV: X"… at the end of a page. */
const BYLINE_LABEL = /^(?:tác giả|người viết|tin(?:,| và| -)? ảnh|bài(?:,| và| -)? ảnh|tin|bài|nhóm phóng viên|phóng viên|pv|ctv|cộng tác viên)\s*:\s*(.+)$/iu;
const SOURCE_LABEL = /^nguồn(?:\s+tin)?\s*:\s*(.+)$/iu;
const TAGS_LABEL = /^(?:từ khoá|từ khóa|thẻ|tags?|keywords?)\s*:\s*(.+)$/iu;
/** "Ảnh: …", "(Ảnh: …)", "Hình: …" — a caption introduced by its label. */
const CAPTION_LABEL = /^\(?\s*(?:ảnh|hình|hình ảnh|photo)\s*(?:minh hoạ|minh họa)?\s*:\s*(.+?)\s*\)?$/iu;
/** What a page leaves where a picture was: "cc", "Ảnh", "[ảnh]", "image"… */
const PICTURE_MARKER = /^[[(]?\s*(?:ảnh|hình|hình ảnh|image|img|photo|picture)\s*:?\s*[\])]?$/iu;

const NUMBERED_HEADING = /^(?:[IVXLC]+|\d{1,2}|[a-zđ])[.)]\s+\S/u;
const DATE_LINE_WORDS = /^(?:\s|[|,\-–(),:]|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}\s*(?:[:h]|giờ)\s*\d{2}|thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật|ngày đăng|đăng ngày|ngày|cập nhật(?: lúc)?|lúc|gmt\s*\+\s*7|\(gmt\+7\)|sa|ch|am|pm)+$/iu;

const words = (line: string): string[] => line.split(' ').filter(Boolean);
const furnitureKey = (line: string): string => foldText(line).replace(/[\s:|•·]+$/u, '').replace(/^[\s|•·]+/u, '');

/**
 * True for a navigation or tool line of a portal template ("Chia sẻ", "In bài", "About",
 * "Lượt xem: 12"), several of them on one line ("Facebook | Zalo"), or a line with no letter
 * or digit. Meant for the start and end of a page only; the body is never filtered with it.
 */
export function isFurniture(line: string): boolean {
  if (!/[\p{L}\p{N}]/u.test(line)) return true; // rules, bullets, stray symbols
  const key = furnitureKey(line);
  if (FURNITURE.has(key)) return true;
  if (/^(?:luot xem|so luot xem|luot doc)\s*:?\s*[\d.,]+$/.test(key)) return true;
  const parts = key.split(/\s*[|•·]\s*/u).filter(Boolean);
  return parts.length > 1 && parts.every((p) => FURNITURE.has(p));
}

/** "Trang chủ > Tin tức > Hoạt động" and the like. */
function isBreadcrumb(line: string): boolean {
  const parts = line.split(/\s*[>»›/]\s*/u).filter(Boolean);
  return parts.length >= 2 && parts.every((p) => words(p).length <= 6) && /[>»›/]/u.test(line);
}

/** A line that is only a date, a time, a weekday and labels ("Thứ Ba, 27/09/2022 - 10:15"). */
function isDateLine(line: string): boolean {
  return /\d/.test(line) && DATE_LINE_WORDS.test(line);
}

/** A placeholder left where a picture was: a marker word, or two or three stray letters ("cc"). */
function isPictureMarker(line: string): boolean {
  return PICTURE_MARKER.test(line) || /^\p{L}{1,3}$/u.test(line);
}

function endsSentence(line: string): boolean {
  return SENTENCE_END.test(line);
}

/** "Hoàng Thị Tố Loan", "T.T. Loan", "Minh Anh (tổng hợp)": 2–6 capitalised words. */
function isPersonName(line: string): boolean {
  const core = line.replace(/\s*\([^()]{1,30}\)$/u, '');
  const ws = words(core);
  if (ws.length < 2 || ws.length > 6 || /\d/.test(core) || endsSentence(core)) return false;
  if (ORGANISATION_START.test(foldText(core))) return false;
  return ws.every((w) => /^(?:\p{Lu}\p{Ll}*\.?)+$/u.test(w) && w.length <= 12);
}

/** "Trung tâm Công nghệ số", "Sở Thông tin và Truyền thông tỉnh Lạng Sơn". */
function isOrganisationName(line: string): boolean {
  const n = words(line).length;
  return n >= 2 && n <= 20 && !endsSentence(line) && !/[,;]/.test(line) && ORGANISATION_START.test(foldText(line));
}

/** A line that could be a photo caption: short, no sentence punctuation at its end. */
function isCaptionLike(line: string): boolean {
  const n = words(line).length;
  return n >= 2 && n <= 40 && line.length <= 300 && !endsSentence(line);
}

/** A very short line with no sentence in it: "cc", "Ảnh:", "image". */
function isStray(line: string): boolean {
  return line.length <= 12 && words(line).length <= 2 && !endsSentence(line.replace(/:$/, '')) && !NUMBERED_HEADING.test(line);
}

function isHeadingLike(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  const shouting = letters.length >= 4 && letters === letters.toLocaleUpperCase('vi');
  return NUMBERED_HEADING.test(line) || shouting;
}

/** One block of the body, in reading order. */
type Block = { kind: 'p' | 'h3'; text: string } | { kind: 'figure'; caption: string };

/** What the page's last lines credited. */
export interface Signature {
  byline?: string;
  sourceName?: string;
  tags: string[];
}

/**
 * Removes the signature block from the end of `lines` (mutating the array) and returns what
 * it said: "Nguồn: …" (sourceName), "Tác giả: …"/"Tin, ảnh: …" (byline), a person's name
 * (2–6 capitalised words) optionally followed by an organisation's name ("Trung tâm…",
 * "Sở…", "Phòng…"), "Name - Unit" on one line, a "Từ khoá: a, b" line (tags). Lines that are
 * none of these stop the search; nothing above the author's name is taken. Also used for the
 * last paragraphs of HTML pages.
 *
 * @param lines whitespace-collapsed, non-empty lines in reading order.
 */
export function takeSignature(lines: string[]): Signature {
  const sig: Signature = { tags: [] };
  for (let guard = 0; guard < 4 && lines.length > 1; guard++) {
    const last = lines[lines.length - 1]!;
    let m: RegExpExecArray | null;
    if ((m = TAGS_LABEL.exec(last))) {
      sig.tags.push(...m[1]!.split(/\s*[,;]\s*/u).map((t) => t.trim()).filter(Boolean));
    } else if (!sig.sourceName && (m = SOURCE_LABEL.exec(last))) {
      sig.sourceName = m[1]!.trim();
    } else if (!sig.byline && (m = BYLINE_LABEL.exec(last)) && words(m[1]!).length <= 8) {
      sig.byline = m[1]!.trim();
    } else if (!sig.byline && isPersonName(last)) {
      sig.byline = last;
    } else if (!sig.byline && !sig.sourceName && isOrganisationName(last)) {
      const before = lines[lines.length - 2];
      // The unit credited; when the line above it is a person's name, that is the author.
      sig.sourceName = last;
      if (before !== undefined && isPersonName(before)) {
        sig.byline = before;
        lines.pop();
      }
    } else {
      const pair = /^(.+?)\s+[-–—]\s+(.+)$/u.exec(last);
      if (!sig.byline && pair && isPersonName(pair[1]!) && isOrganisationName(pair[2]!)) {
        sig.byline = pair[1]!;
        sig.sourceName ??= pair[2]!;
      } else {
        break;
      }
    }
    lines.pop();
    if (sig.byline) break; // nothing credits above the author's name
  }
  return sig;
}

/** Turns the body lines into blocks: paragraphs, captions as figures, numbered/capital headings. */
function toBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    const labelled = CAPTION_LABEL.exec(line);
    if (labelled && isCaptionLike(labelled[1]!)) {
      blocks.push({ kind: 'figure', caption: labelled[1]! });
    } else if (isStray(line) && next !== undefined && isCaptionLike(next) && !isHeadingLike(next)) {
      // the picture's placeholder, then its caption
      const nextLabelled = CAPTION_LABEL.exec(next);
      blocks.push({ kind: 'figure', caption: nextLabelled ? nextLabelled[1]! : next });
      i++;
    } else if (isStray(line) && isPictureMarker(line)) {
      // a placeholder for a picture without a caption ("cc", "Ảnh"): nothing to keep
    } else if (isHeadingLike(line) && !endsSentence(line) && words(line).length <= 25) {
      blocks.push({ kind: 'h3', text: line });
    } else if (isCaptionLike(line) && words(line).length >= 3) {
      blocks.push({ kind: 'figure', caption: line });
    } else if (isStray(line)) {
      blocks.push({ kind: 'h3', text: line });
    } else {
      blocks.push({ kind: 'p', text: line });
    }
  }
  return blocks;
}

function blocksToHtml(blocks: Block[]): string {
  return blocks
    .map((b) =>
      b.kind === 'figure' ? `<figure><figcaption>${escapeHtml(b.caption)}</figcaption></figure>` : `<${b.kind}>${escapeHtml(b.text)}</${b.kind}>`,
    )
    .join('\n');
}

/** The date of the page: a date-and-time line in the header first, else the first date in the text. */
function findPublishedTime(header: string[], fullText: string): PublishedTime | null {
  for (const line of header) {
    const found = findDateTime(line);
    if (found) return found;
  }
  const day = findFirstVietnameseDate(fullText);
  return day ? { publishedAt: vietnamMidnightInstant(day).toISOString(), publishedPrecision: 'day' } : null;
}

/**
 * Parses a plain-text article page into an {@link ImportedArticle}. Pure: no I/O.
 *
 * Structure recognised: leading furniture (skip links, menus, breadcrumbs, site names, date
 * lines, any line of at most three words) is dropped; the first remaining line is the title;
 * from the end, related-news lists ("Tin liên quan" and what follows), furniture ("Chia sẻ",
 * "In bài", "About", lines of only no-break spaces) and the signature block are removed — a
 * person's name (byline) optionally followed by an organisation's name (sourceName), or
 * "Tác giả:", "Nguồn:", "Từ khoá:" lines. In the body, a short line without final punctuation
 * is a photo caption (`<figure><figcaption>`), and a very short stray line before it ("cc",
 * "Ảnh:") marks where the picture was and is dropped; "Ảnh: …" is a caption with its label;
 * numbered or capitalised short lines become `<h3>`; everything else is a `<p>`. Each block's
 * text is only NFC-normalised, whitespace-collapsed and trimmed: spelling is kept as written.
 *
 * Date: `options.date`, else a date-and-time line in the header (precision `minute`), else
 * the first Vietnamese date in the text ("Ngày 27/9/2022" → 00:00 of that day in Vietnam,
 * precision `day`).
 *
 * @param text the page's text, any Unicode form, any line endings.
 * @param options see {@link TextPageOptions}.
 * @returns the validated item; `importKey` is `options.importKey` or `text:<slug of title>`.
 * @throws {ValidationError} on `publishedAt` when no date is found nor given, on `title` when
 *   the page has no text, on `bodyHtml` when it has a title only.
 */
export function parseTextPage(text: string, options: TextPageOptions = {}): ImportedArticle {
  const all = normalizeText(text)
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map(normalizeWhitespace)
    .filter((l) => l !== '');

  let start = 0;
  while (start < all.length) {
    const line = all[start]!;
    const lead = isFurniture(line) || isBreadcrumb(line) || isDateLine(line) || words(line).length <= 3;
    const siteName = /^(cong|trang) thong tin dien tu\b/.test(foldText(line)) && start + 1 < all.length;
    if (!lead && !siteName) break;
    start++;
  }
  const header = all.slice(0, start);
  const title = all[start];
  if (title === undefined) {
    throw new ValidationError([{ path: 'title', message: 'Tiêu đề (title): không tìm thấy tiêu đề, trang không có nội dung' }]);
  }

  let rest = all.slice(start + 1);
  const related = rest.findIndex((l, i) => i > 0 && isRelatedHeading(l));
  if (related > 0) rest = rest.slice(0, related);
  while (rest.length > 0 && isFurniture(rest[rest.length - 1]!)) rest.pop();
  const signature = takeSignature(rest);
  while (rest.length > 0 && isFurniture(rest[rest.length - 1]!)) rest.pop();

  const blocks = toBlocks(rest);
  const published = options.date !== undefined ? resolvePublishedTime(options.date) : findPublishedTime(header, all.join('\n'));
  if (!published) {
    throw new ValidationError([
      { path: 'publishedAt', message: 'Thời điểm đăng (publishedAt): không tìm thấy ngày trong bài, hãy cho ngày đăng (--date)' },
    ]);
  }
  const figures = blocks.flatMap((b) => (b.kind === 'figure' ? [{ caption: b.caption }] : []));
  return parseImportedArticle({
    importKey: options.importKey ?? `text:${slugify(title, 200) || 'bai-viet'}`,
    title,
    bodyHtml: blocksToHtml(blocks),
    byline: signature.byline,
    sourceName: options.sourceName ?? signature.sourceName,
    sourceUrl: options.sourceUrl,
    ...published,
    categoryNames: options.categoryNames ?? [],
    tags: [...(options.tags ?? []), ...signature.tags],
    type: options.type ?? 'news',
    figures,
  });
}
