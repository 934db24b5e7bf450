/**
 * The real texts search tests run on, loaded through the real importers (as the demo does):
 * the source article (demo/seed-article.txt) on a Lạng Sơn site, the five bundled laws
 * (demo/legal-*.jsonl) and the first half of the news briefs on a ministry portal, the other
 * half of the briefs on a Đà Nẵng site. Publication times: laws on their issue dates, briefs
 * every three hours from 1/9/2022 07:30 (Vietnam time) in file order.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../src/core/db/database.ts';
import { legalTextToHtml } from '../src/core/demo/load-demo.ts';
import { importArticles } from '../src/core/import/import-articles.ts';
import { importTextFiles } from '../src/core/import/import-files.ts';
import type { ImportItem } from '../src/core/import/import.ts';
import { parseImportedArticle } from '../src/core/import/imported-article.schema.ts';
import { parseDateOnly, vietnamMidnightInstant } from '../src/core/text/index.ts';
import { buildSite } from './factories.ts';

const DEMO = path.resolve(import.meta.dirname, '../demo');

/** One DANeS news brief (demo/news-briefs.jsonl). */
export interface NewsBrief {
  id: string;
  title: string;
  summary: string;
  category: string;
  topics: string[];
  source: string;
  url: string;
}

function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(path.join(DEMO, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** The bundled news briefs, in file order. */
export function readBriefs(): NewsBrief[] {
  return readJsonl<NewsBrief>('news-briefs.jsonl');
}

/** When brief number `i` (0-based, file order) is published: every 3 hours from 1/9/2022 00:30 UTC. */
export function briefPublishedAt(i: number): Date {
  return new Date(Date.parse('2022-09-01T00:30:00.000Z') + i * 3 * 3600_000);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Briefs as import items (title, summary as lead, topics as tags) — the demo's shape. */
export function briefItems(briefs: Array<{ brief: NewsBrief; index: number }>): ImportItem[] {
  return briefs.map(({ brief: b, index }) => ({
    source: `demo/news-briefs.jsonl:${index + 1}`,
    item: parseImportedArticle({
      importKey: `brief:${b.id}`,
      title: b.title,
      lead: b.summary,
      bodyHtml: `<p>Đọc toàn văn tại <a href="${escapeHtml(b.url)}">${escapeHtml(b.source)}</a>.</p>`,
      sourceName: b.source,
      sourceUrl: b.url,
      publishedAt: briefPublishedAt(index).toISOString(),
      publishedPrecision: 'minute',
      categoryNames: ['Điểm báo', b.category],
      tags: b.topics?.length ? b.topics : [b.category],
      type: 'brief',
    }),
  }));
}

interface LegalDoc {
  id: string;
  number: string | null;
  type: string | null;
  issuer: string | null;
  issued: string | null;
  summary: string | null;
}

const LEGAL_TITLES: Record<string, string> = {
  'vlc-luat-bao-chi': 'Luật Báo chí',
  'vlc-luat-cong-nghe-thong-tin': 'Luật Công nghệ thông tin',
  'vlc-luat-giao-dich-dien-tu': 'Luật Giao dịch điện tử',
  'vlc-hien-phap': 'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013',
  'vlc-luat-chuyen-giao-cong-nghe': 'Luật Chuyển giao công nghệ',
};

function legalItems(): ImportItem[] {
  const docs = new Map(readJsonl<LegalDoc & { title: string | null }>('legal-docs.jsonl').map((d) => [d.id, d]));
  return readJsonl<{ id: string; text: string }>('legal-texts.jsonl').map((t, index) => {
    const doc = docs.get(t.id)!;
    const title = LEGAL_TITLES[t.id]!;
    return {
      source: `demo/legal-texts.jsonl:${index + 1}`,
      item: parseImportedArticle({
        importKey: `legal:${t.id}`,
        title: doc.number ? `${title} số ${doc.number}` : title,
        lead: doc.summary && doc.summary !== doc.title ? doc.summary : `Văn bản do ${doc.issuer ?? 'Quốc hội'} ban hành.`,
        bodyHtml: legalTextToHtml(t.text),
        sourceName: doc.issuer ?? 'Quốc hội',
        publishedAt: vietnamMidnightInstant(parseDateOnly(doc.issued!)).toISOString(),
        publishedPrecision: 'day',
        categoryNames: ['Văn bản pháp luật'],
        tags: [doc.type ?? 'Luật'],
        type: 'document',
      }),
    };
  });
}

/** The sites of the corpus and where things went. */
export interface SearchCorpus {
  ministry: { id: number; key: string };
  langson: { id: number; key: string };
  danang: { id: number; key: string };
  briefs: NewsBrief[];
  /** Site of brief `i`: the ministry for even `i`, Đà Nẵng for odd. */
  briefSite(i: number): { id: number; key: string };
}

/**
 * Creates three sites and imports the corpus through the importers (which keep the search
 * index in step, as in production).
 * @param clock the clock the importer records creation times with
 */
export async function loadSearchCorpus(db: Kysely<Database>, clock: () => Date = () => new Date('2022-10-01T03:00:00.000Z')): Promise<SearchCorpus> {
  const ministry = await buildSite(db, { key: 'bo-tttt', name: 'Cổng thông tin điện tử Bộ Thông tin và Truyền thông', kind: 'ministry_portal' });
  const langson = await buildSite(db, { key: 'langson', name: 'Trang thông tin điện tử Sở TTTT Lạng Sơn' });
  const danang = await buildSite(db, { key: 'danang', name: 'Trang thông tin điện tử Sở TTTT Đà Nẵng' });
  const deps = { db, clock };
  const seed = await importTextFiles(deps, { siteId: langson.id, files: [path.join(DEMO, 'seed-article.txt')], categoryName: 'Tin hoạt động' });
  if (seed.imported !== 1) throw new Error(`seed article not imported: ${JSON.stringify(seed.errors)}`);
  const laws = await importArticles(deps, { siteId: ministry.id }, legalItems());
  if (laws.imported !== 5) throw new Error(`laws not imported: ${JSON.stringify(laws.errors)}`);
  const briefs = readBriefs();
  const indexed = briefs.map((brief, index) => ({ brief, index }));
  for (const [site, parity] of [[ministry, 0], [danang, 1]] as const) {
    const summary = await importArticles(deps, { siteId: site.id }, briefItems(indexed.filter((b) => b.index % 2 === parity)));
    if (summary.failed) throw new Error(`briefs failed: ${JSON.stringify(summary.errors)}`);
  }
  return { ministry, langson, danang, briefs, briefSite: (i) => (i % 2 === 0 ? ministry : danang) };
}
