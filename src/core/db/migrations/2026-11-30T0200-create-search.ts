/**
 * The search index (DESIGN.md §4), and its first filling from the articles already stored.
 *
 * - SQLite: `search_fts`, an FTS5 table without stored content (`content=''`,
 *   `contentless_delete=1` so documents can be replaced and deleted), tokenizer `ascii`: the
 *   columns hold tokens made by the application, separated by spaces: folded title, folded
 *   lead and tag names, folded body, and per section the distinct exact keys of the words with
 *   diacritics. `rowid` is the article id.
 * - PostgreSQL: `search_documents (article_id, folded tsvector, exact tsvector, title
 *   tsvector)`, each vector GIN-indexed; the row goes with its article (ON DELETE CASCADE).
 *
 * The backfill below carries its own frozen copy of how documents were made when this
 * migration was written (migrations import no app code). core/search/search-document.ts is
 * the living version; `cong search reindex` rebuilds the index with it. Frozen once landed.
 */
import { sql, type Kysely } from 'kysely';

/** Creates the search index and fills it from the stored articles. */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  if (isPg) {
    await sql`CREATE TABLE search_documents (
      article_id integer PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
      folded tsvector NOT NULL,
      exact tsvector NOT NULL,
      title tsvector NOT NULL
    )`.execute(db);
    await sql`CREATE INDEX search_documents_folded_idx ON search_documents USING gin (folded)`.execute(db);
    await sql`CREATE INDEX search_documents_exact_idx ON search_documents USING gin (exact)`.execute(db);
    await sql`CREATE INDEX search_documents_title_idx ON search_documents USING gin (title)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, lead, body, exact_title, exact_lead, exact_body, content='', contentless_delete=1, tokenize='ascii')`.execute(db);
  }
  await backfill(db, isPg);
}

/** Drops the search index. */
export async function down(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  await sql`DROP TABLE ${sql.raw(isPg ? 'search_documents' : 'search_fts')}`.execute(db);
}

// ---- frozen copy of the document rules of 2026-11-30 (core/search: search-text.ts,
// search-document.ts, postgres-search.ts literals) ----

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const TONES: Record<string, string> = { '\u0301': '1', '\u0300': '2', '\u0309': '3', '\u0303': '4', '\u0323': '5' };
const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', deg: '°', middot: '·', times: '×', copy: '©', reg: '®', shy: '',
};

function normalize(s: string): string {
  return s
    .replace(/[\u200B-\u200F\u2060\uFEFF]/g, '')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .normalize('NFC');
}

function tokens(text: string): string[] {
  const out: string[] = [];
  for (const m of normalize(text).replace(/\u00AD/g, '').toLowerCase().matchAll(TOKEN)) {
    out.push(m[0].length <= 64 ? m[0] : Array.from(m[0]).slice(0, 64).join(''));
  }
  return out;
}

function fold(token: string): string {
  return token.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').normalize('NFC');
}

function exactKey(token: string): string {
  let base = '';
  let tones = '';
  for (const ch of token.normalize('NFD')) {
    if (TONES[ch]) tones += TONES[ch];
    else base += ch;
  }
  return base.normalize('NFC') + tones;
}

function text(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?(a|abbr|b|code|em|i|mark|s|small|span|strong|sub|sup|u)\b[^>]*>/gi, '')
    .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
      if (ref[0] === '#') {
        const n = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return Number.isInteger(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : whole;
      }
      return ENTITIES[ref.toLowerCase()] ?? whole;
    });
}

interface Section {
  folded: string[];
  exact: string[];
}

interface Doc {
  title: Section;
  lead: Section;
  body: Section;
}

function section(texts: string[]): Section {
  const folded: string[] = [];
  const exact = new Set<string>();
  for (const t of texts.flatMap(tokens)) {
    const f = fold(t);
    const key = exactKey(t);
    if (key !== f) exact.add(key);
    folded.push(f);
  }
  return { folded, exact: [...exact] };
}

function makeDoc(title: string, lead: string | null, body: string, tagNames: string[]): Doc {
  return { title: section([title]), lead: section([lead ?? '', ...tagNames]), body: section([text(body)]) };
}

function lexeme(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function vector(doc: Doc, part: 'folded' | 'exact'): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const [s, weight] of [[doc.title, 'A'], [doc.lead, 'B'], [doc.body, '']] as const) {
    for (const token of s[part]) {
      position++;
      const entry = `${Math.min(position, 16383)}${weight}`;
      let l = positions.get(token);
      if (!l) positions.set(token, (l = []));
      if (l.length < 255 && l[l.length - 1] !== entry) l.push(entry);
    }
    if (part === 'folded') position++;
  }
  return [...positions].map(([t, l]) => `${lexeme(t)}:${l.join(',')}`).join(' ');
}

function titleVector(doc: Doc): string {
  const positions = new Map<string, string[]>();
  doc.title.folded.forEach((token, i) => {
    let l = positions.get(token);
    if (!l) positions.set(token, (l = []));
    if (l.length < 255) l.push(String(Math.min(i + 1, 16383)));
  });
  return [...positions].map(([t, l]) => `${lexeme(t)}:${l.join(',')}`).join(' ');
}

async function backfill(db: Kysely<any>, isPg: boolean): Promise<void> {
  let lastId = 0;
  for (;;) {
    const rows: Array<{ id: number; title: string; lead: string | null; body: string }> = await db
      .selectFrom('articles')
      .select(['id', 'title', 'lead', 'body'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(200)
      .execute();
    if (!rows.length) return;
    lastId = rows[rows.length - 1]!.id;
    const tagRows: Array<{ article_id: number; name: string }> = await db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name'])
      .where('article_tags.article_id', 'in', rows.map((r) => r.id))
      .orderBy('tags.name')
      .execute();
    const tags = new Map<number, string[]>();
    for (const t of tagRows) tags.set(t.article_id, [...(tags.get(t.article_id) ?? []), t.name]);
    const docs = rows.map((r) => ({ id: r.id, doc: makeDoc(r.title, r.lead, r.body, tags.get(r.id) ?? []) }));
    if (isPg) {
      await db
        .insertInto('search_documents')
        .values(
          docs.map(({ id, doc }) => ({
            article_id: id,
            folded: sql`cast(${vector(doc, 'folded')} as tsvector)`,
            exact: sql`cast(${vector(doc, 'exact')} as tsvector)`,
            title: sql`cast(${titleVector(doc)} as tsvector)`,
          })),
        )
        .execute();
    } else {
      await db
        .insertInto('search_fts')
        .values(
          docs.map(({ id, doc }) => ({
            rowid: id,
            title: doc.title.folded.join(' '),
            lead: doc.lead.folded.join(' '),
            body: doc.body.folded.join(' '),
            exact_title: doc.title.exact.join(' '),
            exact_lead: doc.lead.exact.join(' '),
            exact_body: doc.body.exact.join(' '),
          })),
        )
        .execute();
    }
  }
}
