import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { ENGINES, createTestDatabase, type TestDatabase } from './database-harness.ts';
import { NotFoundError } from '../src/core/errors.ts';
import { findMediaById, findMediaBySha, insertMedia, listMedia, updateMediaText, type NewMedia } from '../src/core/media/media.repository.ts';

async function createSite(t: TestDatabase, key: string): Promise<number> {
  const now = '2026-12-01T00:00:00.000Z';
  const row = await t.db
    .insertInto('sites')
    .values({ key, name: `Trang ${key}`, kind: 'provincial_department', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let counter = 0;
function buildMedia(siteId: number, overrides: Partial<NewMedia> = {}): NewMedia {
  counter += 1;
  const sha256 = counter.toString(16).padStart(64, '0');
  return {
    siteId,
    kind: 'image',
    originalName: 'Ảnh hội nghị.jpg',
    mimeType: 'image/jpeg',
    width: 2000,
    height: 3000,
    bytes: 12345,
    sha256,
    storageKey: `s/2026/12/${sha256.slice(0, 16)}/anh-hoi-nghi.jpg`,
    variants: [
      { width: 320, height: 480, format: 'webp', key: `s/2026/12/${sha256.slice(0, 16)}/anh-hoi-nghi-320.webp`, bytes: 900 },
      { width: 320, height: 480, format: 'jpeg', key: `s/2026/12/${sha256.slice(0, 16)}/anh-hoi-nghi-320.jpg`, bytes: 1100 },
    ],
    alt: 'Toàn cảnh hội nghị',
    caption: 'Hội nghị tổng kết năm',
    credit: null,
    createdAt: '2026-12-01T03:00:00.000Z',
    ...overrides,
  };
}

describe.each(ENGINES)('media repository on %s', (engine) => {
  let t: TestDatabase;
  let siteA: number;
  let siteB: number;

  beforeEach(async () => {
    t = await createTestDatabase(engine);
    siteA = await createSite(t, 'langson');
    siteB = await createSite(t, 'caobang');
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('inserts and finds by id, mapping rows to domain objects with parsed variants', async () => {
    const input = buildMedia(siteA);
    const inserted = await insertMedia(t.db, input);
    expect(inserted.id).toBeGreaterThan(0);
    expect(inserted).toEqual({ id: inserted.id, ...input });
    expect(await findMediaById(t.db, siteA, inserted.id)).toEqual(inserted);
  });

  it('never finds another site\u2019s media, by id or by hash', async () => {
    const media = await insertMedia(t.db, buildMedia(siteA));
    expect(await findMediaById(t.db, siteB, media.id)).toBeNull();
    expect(await findMediaBySha(t.db, siteB, media.sha256)).toBeNull();
    expect(await findMediaBySha(t.db, siteA, media.sha256)).toEqual(media);
    expect(await findMediaBySha(t.db, siteA, media.sha256.toUpperCase())).toEqual(media);
    expect(await findMediaById(t.db, siteA, 999_999)).toBeNull();
  });

  it('keeps one row per site and hash, while other sites may hold the same bytes', async () => {
    const first = buildMedia(siteA);
    await insertMedia(t.db, first);
    await expect(insertMedia(t.db, { ...first, storageKey: 'other/key.jpg' })).rejects.toThrow();
    await expect(insertMedia(t.db, { ...first, siteId: siteB })).resolves.toMatchObject({ siteId: siteB });
  });

  it('updates the text of its own site\u2019s media only', async () => {
    const media = await insertMedia(t.db, buildMedia(siteA));
    const updated = await updateMediaText(t.db, siteA, media.id, { alt: 'Mô tả mới', caption: null, credit: 'TTXVN' });
    expect(updated).toEqual({ ...media, alt: 'Mô tả mới', caption: null, credit: 'TTXVN' });
    await expect(updateMediaText(t.db, siteB, media.id, { alt: 'x', caption: null, credit: null })).rejects.toBeInstanceOf(NotFoundError);
    expect((await findMediaById(t.db, siteA, media.id))?.alt).toBe('Mô tả mới');
  });

  it('lists one site\u2019s media newest first, with paging', async () => {
    const old = await insertMedia(t.db, buildMedia(siteA, { createdAt: '2026-11-01T00:00:00.000Z' }));
    const newest = await insertMedia(t.db, buildMedia(siteA, { createdAt: '2026-12-03T00:00:00.000Z' }));
    const sameTimeLater = await insertMedia(t.db, buildMedia(siteA, { createdAt: '2026-11-01T00:00:00.000Z' }));
    await insertMedia(t.db, buildMedia(siteB, { createdAt: '2027-01-01T00:00:00.000Z' }));

    expect((await listMedia(t.db, siteA)).map((m) => m.id)).toEqual([newest.id, sameTimeLater.id, old.id]);
    expect((await listMedia(t.db, siteA, { limit: 2 })).map((m) => m.id)).toEqual([newest.id, sameTimeLater.id]);
    expect((await listMedia(t.db, siteA, { limit: 2, offset: 2 })).map((m) => m.id)).toEqual([old.id]);
    expect((await listMedia(t.db, siteA, { limit: 0, offset: -5 })).map((m) => m.id)).toEqual([newest.id]);
    expect(await listMedia(t.db, 999_999)).toEqual([]);
  });
});
