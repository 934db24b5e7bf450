/**
 * The demo: on an empty database, creates the demo network (create-demo-network.ts) and
 * imports the real content shipped in `demo/` through the normal importers — the source
 * article into the Lạng Sơn department's site, legal texts into the ministry portal, and
 * openly licensed news briefs (DANeS) spread across the network's "Điểm báo" sections.
 * Credits are on the network's "Về dữ liệu mẫu" page. See demo/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../create-core.ts';
import { importArticles } from '../import/import-articles.ts';
import { importTextFiles } from '../import/import-files.ts';
import { toItemError, type ImportItem, type ImportSummary } from '../import/import.ts';
import type { ImportedArticleInput } from '../import/imported-article.schema.ts';
import { parseImportedArticle } from '../import/imported-article.schema.ts';
import { parseDateOnly, vietnamMidnightInstant } from '../text/index.ts';
import { createDemoNetwork } from './create-demo-network.ts';
import { DEMO_DIR } from './demo-files.ts';
import { linkSourceOrganisations } from './link-source-organisations.ts';
import { createDemoPeople } from './create-demo-people.ts';

/** Readable titles of the bundled legal texts (the source prints them in capitals). */
const LEGAL_TITLES: Record<string, string> = {
  'vlc-luat-bao-chi': 'Luật Báo chí',
  'vlc-luat-cong-nghe-thong-tin': 'Luật Công nghệ thông tin',
  'vlc-luat-giao-dich-dien-tu': 'Luật Giao dịch điện tử',
  'vlc-hien-phap': 'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013',
  'vlc-luat-chuyen-giao-cong-nghe': 'Luật Chuyển giao công nghệ',
};

interface LegalDoc {
  id: string;
  number: string | null;
  type: string | null;
  title: string | null;
  issuer: string | null;
  signer: string | null;
  issued: string | null;
  summary: string | null;
}

interface NewsBrief {
  id: string;
  title: string;
  summary: string;
  category: string;
  topics: string[];
  source: string;
  url: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(path.join(DEMO_DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/**
 * Turns a legal text (one paragraph per line) into article HTML: "Chương …" lines (with the
 * chapter name on the next line) become h2, "Điều N." lines h3, the rest paragraphs.
 */
export function legalTextToHtml(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^(Chương|CHƯƠNG)\s+[IVXLCDM\d]+\.?$/u.test(l)) {
      const next = lines[i + 1];
      if (next && next === next.toUpperCase() && next.length < 200 && !/^Điều/u.test(next)) {
        out.push(`<h2>${escapeHtml(l)}. ${escapeHtml(next)}</h2>`);
        i++;
      } else out.push(`<h2>${escapeHtml(l)}</h2>`);
    } else if (/^Điều\s+\d+[a-z]?\./u.test(l) && l.length < 300) {
      out.push(`<h3>${escapeHtml(l)}</h3>`);
    } else {
      out.push(`<p>${escapeHtml(l)}</p>`);
    }
  }
  return out.join('\n');
}

async function* legalItems(): AsyncGenerator<{ source: string; item: ImportedArticleInput }> {
  const docs = new Map(readJsonl<LegalDoc>('legal-docs.jsonl').map((d) => [d.id, d]));
  const texts = readJsonl<{ id: string; text: string }>('legal-texts.jsonl');
  for (const [index, t] of texts.entries()) {
    const doc = docs.get(t.id);
    if (!doc || !doc.issued) continue;
    const title = LEGAL_TITLES[t.id] ?? doc.title ?? t.id;
    const numbered = doc.number ? `${title} số ${doc.number}` : title;
    yield {
      source: `demo/legal-texts.jsonl:${index + 1}`,
      item: {
        importKey: `legal:${t.id}`,
        title: numbered,
        lead:
          `${doc.summary && doc.summary !== doc.title ? doc.summary + ' ' : ''}` +
          `Văn bản do ${doc.issuer ?? 'Quốc hội'} ban hành${doc.signer ? `, ${doc.signer} ký` : ''}. ` +
          'Đây là bản lịch sử như được thu thập; văn bản có thể đã được sửa đổi, bổ sung hoặc thay thế — tra cứu bản hiện hành tại vbpl.vn.',
        bodyHtml: legalTextToHtml(t.text),
        sourceName: doc.issuer ?? 'Quốc hội',
        publishedAt: vietnamMidnightInstant(parseDateOnly(doc.issued)).toISOString(),
        publishedPrecision: 'day',
        categoryNames: ['Văn bản pháp luật'],
        tags: [doc.type ?? 'Luật'],
        type: 'document',
      },
    };
  }
}

function briefItem(b: NewsBrief, index: number, publishedAt: Date): { source: string; item: ImportedArticleInput } {
  return {
    source: `demo/news-briefs.jsonl:${index + 1}`,
    item: {
      importKey: `brief:${b.id}`,
      title: b.title,
      lead: b.summary,
      bodyHtml: `<p>Đọc toàn văn tại <a href="${escapeHtml(b.url)}">${escapeHtml(b.source)}</a>.</p>`,
      sourceName: b.source,
      sourceUrl: b.url,
      publishedAt: publishedAt.toISOString(),
      publishedPrecision: 'minute',
      categoryNames: ['Điểm báo'],
      tags: b.topics?.length ? b.topics : [b.category],
      type: 'brief',
    },
  };
}

async function* asItems(list: Array<{ source: string; item: ImportedArticleInput }>): AsyncGenerator<ImportItem> {
  for (const { source, item } of list) {
    try {
      yield { source, item: parseImportedArticle(item) };
    } catch (error) {
      yield { source, item: { error: toItemError(error) } };
    }
  }
}

function add(a: ImportSummary, b: ImportSummary): ImportSummary {
  return {
    imported: a.imported + b.imported,
    updated: a.updated + b.updated,
    skipped: a.skipped + b.skipped,
    failed: a.failed + b.failed,
    errors: [...a.errors, ...b.errors],
  };
}

/**
 * Creates the demo network and its content when the database has no site yet (or always,
 * with `force`, which only brings in what is missing or changed: imports are idempotent).
 * @returns whether anything was created, and the import summary.
 */
export async function ensureDemo(
  core: Core,
  log: (line: string) => void,
  options: { force?: boolean } = {},
): Promise<{ created: boolean; summary?: ImportSummary }> {
  const existing = await core.db.selectFrom('sites').select('id').limit(1).executeTakeFirst();
  if (existing && !options.force) return { created: false };
  const started = performance.now();
  const now = core.clock();
  log('Đang tạo mạng lưới trang mẫu…');
  const network = await createDemoNetwork(core.db, now, { hostnameSuffix: 'localhost' });
  await core.sites.reload();
  const deps = { db: core.db, clock: core.clock };
  const ministryId = network.siteIds.get('bo-tttt')!;
  const langsonId = network.siteIds.get('langson')!;

  let summary = await importTextFiles(deps, {
    siteId: langsonId,
    files: [path.join(DEMO_DIR, 'seed-article.txt')],
    categoryName: 'Tin hoạt động',
  });
  await core.db
    .updateTable('articles')
    .set({ featured: 1 })
    .where('site_id', '=', langsonId)
    .where('import_key', 'like', 'text:%')
    .execute();

  summary = add(summary, await importArticles(deps, { siteId: ministryId }, asItems(await collect(legalItems()))));

  // Briefs: the first 40 on the ministry portal, the rest round-robin over the other sites,
  // posted on the digest through September 2022 (the original articles' dates are unknown).
  const briefs = readJsonl<NewsBrief>('news-briefs.jsonl');
  const others = [...network.siteIds.entries()].filter(([key]) => key !== 'bo-tttt').map(([, id]) => id);
  const bySite = new Map<number, Array<{ source: string; item: ImportedArticleInput }>>();
  const start = Date.parse('2022-09-01T00:30:00.000Z');
  const step = Math.floor((29 * 24 * 3600 * 1000) / briefs.length);
  briefs.forEach((b, i) => {
    const siteId = i < 40 ? ministryId : others[(i - 40) % others.length]!;
    const list = bySite.get(siteId) ?? [];
    list.push(briefItem(b, i, new Date(start + i * step)));
    bySite.set(siteId, list);
  });
  for (const [siteId, list] of bySite) summary = add(summary, await importArticles(deps, { siteId }, asItems(list)));

  await linkSourceOrganisations(core.db);
  const accountsFile = existing ? null : await createDemoPeople(core);
  const ms = Math.round(performance.now() - started);
  log(
    `Đã tạo ${network.sites} trang, ${network.organisations} cơ quan, ${network.categories} chuyên mục; ` +
      `nhập ${summary.imported} bài, cập nhật ${summary.updated}, bỏ qua ${summary.skipped}, lỗi ${summary.failed} (${ms} ms).`,
  );
  for (const e of summary.errors) log(`  ✗ ${e.source}: ${e.field}: ${e.message}`);
  if (accountsFile) log(`Tài khoản toà soạn mẫu (cộng tác viên, biên tập viên, trưởng ban biên tập, quản trị trang): ${accountsFile}`);
  return { created: !existing, summary };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
