import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import sharp from 'sharp';
import { sql } from 'kysely';
import { ENGINES, createTestDatabase, type TestDatabase } from './database-harness.ts';
import { UnsupportedMediaError, ValidationError } from '../src/core/errors.ts';
import { createMedia, type CreateMediaDeps } from '../src/core/media/create-media.ts';
import { createFileMediaStorage, type MediaStorage } from '../src/core/media/media-storage.ts';
import { findMediaById } from '../src/core/media/media.repository.ts';

const NOW = new Date('2026-12-01T03:00:00.000Z');

async function createSite(t: TestDatabase, key: string): Promise<number> {
  const now = '2026-12-01T00:00:00.000Z';
  const row = await t.db
    .insertInto('sites')
    .values({ key, name: `Trang ${key}`, kind: 'provincial_department', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A 3000×2000 JPEG with EXIF orientation 6, a camera make and GPS. */
function exifJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'CongTestCam' }, IFD3: { GPSMapDatum: 'WGS-84', GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 30/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

function smallPng(): Promise<Buffer> {
  return sharp({ create: { width: 500, height: 400, channels: 4, background: { r: 10, g: 20, b: 200, alpha: 0.5 } } }).png().toBuffer();
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

async function countRows(t: TestDatabase): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from media`.execute(t.db);
  return Number(rows[0]!.n);
}

describe.each(ENGINES)('createMedia on %s', (engine) => {
  let t: TestDatabase;
  let deps: CreateMediaDeps;
  let siteId: number;
  let mediaDir: string;

  beforeEach(async () => {
    t = await createTestDatabase(engine);
    deps = { db: t.db, storage: createFileMediaStorage(t.dir), clock: () => NOW };
    siteId = await createSite(t, 'langson');
    mediaDir = path.join(t.dir, 'media');
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('stores a rotated, metadata-free original and its derivatives, then the row', async () => {
    const data = await exifJpeg();
    const sha = crypto.createHash('sha256').update(data).digest('hex');
    const media = await createMedia(deps, {
      siteId,
      siteKey: 'langson',
      fileName: 'Ảnh Hội nghị.JPG',
      data,
      alt: '  Toàn cảnh hội nghị  '.normalize('NFD'),
      caption: 'Hội nghị tổng kết',
    });

    const prefix = `langson/2026/12/${sha.slice(0, 16)}`;
    expect(media).toMatchObject({
      siteId,
      kind: 'image',
      originalName: 'Ảnh Hội nghị.JPG',
      mimeType: 'image/jpeg',
      width: 2000,
      height: 3000,
      sha256: sha,
      storageKey: `${prefix}/anh-hoi-nghi.jpg`,
      alt: 'Toàn cảnh hội nghị',
      caption: 'Hội nghị tổng kết',
      credit: null,
      createdAt: '2026-12-01T03:00:00.000Z',
    });
    expect(media.variants.map((v) => [v.format, v.width, v.height, v.key])).toEqual(
      [320, 640, 1024, 1600].flatMap((w) => [
        ['webp', w, w * 1.5, `${prefix}/anh-hoi-nghi-${w}.webp`],
        ['jpeg', w, w * 1.5, `${prefix}/anh-hoi-nghi-${w}.jpg`],
      ]),
    );
    expect(await findMediaById(t.db, siteId, media.id)).toEqual(media);

    expect(filesUnder(mediaDir)).toEqual([media.storageKey, ...media.variants.map((v) => v.key)].sort());
    const original = (await deps.storage.get(media.storageKey))!;
    expect(media.bytes).toBe(original.length);
    for (const key of [media.storageKey, ...media.variants.map((v) => v.key)]) {
      const file = (await deps.storage.get(key))!;
      const meta = await sharp(file).metadata();
      expect(meta.exif, key).toBeUndefined();
      expect(meta.orientation, key).toBeUndefined();
      expect(file.includes(Buffer.from('WGS-84')), key).toBe(false);
      expect(file.includes(Buffer.from('CongTestCam')), key).toBe(false);
    }
    for (const v of media.variants) expect((await deps.storage.get(v.key))!.length).toBe(v.bytes);
  });

  it('stores a PNG as PNG', async () => {
    const media = await createMedia(deps, { siteId, siteKey: 'langson', fileName: 'bieu-do.png', data: await smallPng(), alt: 'Biểu đồ' });
    expect(media).toMatchObject({ mimeType: 'image/png', width: 500, height: 400 });
    expect(media.storageKey).toMatch(/^langson\/2026\/12\/[0-9a-f]{16}\/bieu-do\.png$/);
    expect(media.variants.map((v) => `${v.format}@${v.width}`)).toEqual(['webp@320', 'jpeg@320', 'webp@500', 'jpeg@500']);
  });

  it('is idempotent: the same bytes twice give one row and one set of files', async () => {
    const data = await smallPng();
    const first = await createMedia(deps, { siteId, siteKey: 'langson', fileName: 'a.png', data, alt: 'Lần đầu' });
    const files = filesUnder(mediaDir);
    const second = await createMedia(deps, { siteId, siteKey: 'langson', fileName: 'b.png', data, alt: 'Lần hai' });
    expect(second).toEqual(first);
    expect(await countRows(t)).toBe(1);
    expect(filesUnder(mediaDir)).toEqual(files);

    // Another site keeps its own copy.
    const other = await createSite(t, 'caobang');
    const copy = await createMedia(deps, { siteId: other, siteKey: 'caobang', fileName: 'a.png', data, alt: 'Trang khác' });
    expect(copy.id).not.toBe(first.id);
    expect(copy.storageKey.startsWith('caobang/')).toBe(true);
    expect(await countRows(t)).toBe(2);
  });

  it('refuses missing alt text naming `alt`, writing no file and no row', async () => {
    for (const alt of [undefined, '', '   ']) {
      const error = await createMedia(deps, { siteId, siteKey: 'langson', fileName: 'a.png', data: await smallPng(), alt }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['alt']);
    }
    expect(filesUnder(mediaDir)).toEqual([]);
    expect(await countRows(t)).toBe(0);
  });

  it('refuses an SVG and a text file named .jpg, writing nothing', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    const text = Buffer.from('Báo cáo tổng kết năm 2026\n');
    for (const [fileName, data] of [['logo.svg', svg], ['anh.jpg', text]] as const) {
      const error = await createMedia(deps, { siteId, siteKey: 'langson', fileName, data, alt: 'Ảnh' }).catch((e: unknown) => e);
      expect(error, fileName).toBeInstanceOf(UnsupportedMediaError);
      expect((error as UnsupportedMediaError).field).toBe('file');
    }
    expect(filesUnder(mediaDir)).toEqual([]);
    expect(await countRows(t)).toBe(0);
  });

  it('removes the files it wrote when the insert fails', async () => {
    const error = await createMedia(deps, { siteId: 999_999, siteKey: 'langson', fileName: 'a.png', data: await smallPng(), alt: 'Ảnh' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(filesUnder(mediaDir)).toEqual([]);
    expect(await countRows(t)).toBe(0);
  });

  it('removes the files it wrote when a later write fails', async () => {
    const real = createFileMediaStorage(t.dir);
    let puts = 0;
    const failing: MediaStorage = {
      ...real,
      async put(key, data) {
        puts += 1;
        if (puts === 3) throw new Error('disk full');
        await real.put(key, data);
      },
    };
    await expect(
      createMedia({ ...deps, storage: failing }, { siteId, siteKey: 'langson', fileName: 'a.png', data: await smallPng(), alt: 'Ảnh' }),
    ).rejects.toThrow('disk full');
    expect(filesUnder(mediaDir)).toEqual([]);
    expect(await countRows(t)).toBe(0);
  });
});
