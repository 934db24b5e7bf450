/**
 * Writing feeds with the `feed` library: text that must survive XML (`]]>` any number of
 * times, `<` in category names), an empty feed, and the JSON Feed 1.1 upgrade.
 */
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { VietnamTime } from './feed-dates.ts';
import type { FeedChannel, FeedEntry } from './feed.ts';
import { cdataPieces, JSON_FEED_VERSION, renderFeed } from './render-feed.ts';

const channel: FeedChannel = {
  title: 'Trang thông tin điện tử thử nghiệm',
  description: 'Tin, bài mới nhất',
  pageUrl: 'https://thu.example.vn/',
  feedUrls: { rss: 'https://thu.example.vn/rss.xml', atom: 'https://thu.example.vn/atom.xml', json: 'https://thu.example.vn/feed.json' },
  publisher: { name: 'Sở thử nghiệm', url: 'https://thu.example.vn/' },
  rights: 'Ghi rõ nguồn khi phát hành lại.',
  emptyUpdatedAt: new Date('2022-10-01T03:00:00.000Z'),
};

function entry(overrides: Partial<FeedEntry> = {}): FeedEntry {
  return {
    url: 'https://thu.example.vn/bai-viet/a',
    title: 'Tiêu đề',
    summary: null,
    contentHtml: '<p>Nội dung</p>',
    published: new VietnamTime('2022-09-30T01:00:00.000Z'),
    updated: new VietnamTime('2022-09-30T02:00:00.000Z'),
    author: null,
    source: null,
    categories: [],
    tags: [],
    image: null,
    origin: null,
    ...overrides,
  };
}

describe('cdataPieces', () => {
  it('splits so that no piece holds ]]> and the pieces join back to the text', () => {
    for (const text of ['', 'không có gì', ']]>', 'a]]>b]]>c', ']]>]]>', 'x]]]>y']) {
      const pieces = cdataPieces(text);
      expect(pieces.join(''), text).toBe(text);
      for (const piece of pieces) expect(piece, text).not.toContain(']]>');
    }
    expect(cdataPieces('a]]>b')).toEqual(['a]]', '>b']);
  });
});

describe('renderFeed', () => {
  const parser = new Parser();

  it('writes any title, any number of ]]> and a category name with < as well-formed XML', async () => {
    const title = 'A ]]> B ]]> C <D> & "E"';
    const e = entry({ title, categories: [{ name: 'Giá <5 triệu', slug: 'gia-5-trieu', scheme: 'https://thu.example.vn/chuyen-muc' }] });
    const rss = await parser.parseString(renderFeed(channel, [e], 'rss'));
    expect(rss.items[0]!.title).toBe(title);
    expect(rss.items[0]!.categories).toEqual([{ _: 'Giá <5 triệu', $: { domain: 'https://thu.example.vn/chuyen-muc' } }]);
    const atomXml = renderFeed(channel, [e], 'atom');
    const atom = await parser.parseString(atomXml);
    expect(atom.items[0]!.title).toBe('A ]]&gt; B ]]&gt; C &lt;D&gt; &amp; &quot;E&quot;');
    // The name with `<` cannot go in an attribute the library does not escape: the term stays.
    expect(atomXml).toContain('<category scheme="https://thu.example.vn/chuyen-muc" term="gia-5-trieu"/>');
  });

  it('writes a feed without entries, dated by the channel', async () => {
    const rss = await parser.parseString(renderFeed(channel, [], 'rss'));
    expect(rss.items).toEqual([]);
    expect(rss.lastBuildDate).toBe('Sat, 01 Oct 2022 10:00:00 +0700');
    expect(renderFeed(channel, [], 'atom')).toContain('<updated>2022-10-01T10:00:00+07:00</updated>');
    const json = JSON.parse(renderFeed(channel, [], 'json')) as { version: string; items: unknown[] };
    expect(json).toMatchObject({ version: JSON_FEED_VERSION, items: [] });
  });

  it('dates the feed by its newest entry', async () => {
    const entries = [entry({ updated: new VietnamTime('2022-09-30T05:00:00.000Z') }), entry({ url: 'https://thu.example.vn/bai-viet/b' })];
    expect(renderFeed(channel, entries, 'atom')).toMatch(/<feed[^>]*>\s*<id>[^<]+<\/id>\s*<title>[^<]+<\/title>\s*<updated>2022-09-30T12:00:00\+07:00<\/updated>/);
  });

  it('upgrades JSON Feed to 1.1 with authors and language, keeping author for 1.0 readers', () => {
    const json = JSON.parse(renderFeed(channel, [entry({ author: 'Phóng viên A' })], 'json')) as Record<string, unknown> & { items: Record<string, unknown>[] };
    expect(Object.keys(json)[0]).toBe('version');
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.language).toBe('vi');
    expect(json.authors).toEqual([{ name: 'Sở thử nghiệm', url: 'https://thu.example.vn/' }]);
    expect(json.items[0]).toMatchObject({ id: 'https://thu.example.vn/bai-viet/a', authors: [{ name: 'Phóng viên A' }], author: { name: 'Phóng viên A' } });
  });
});
