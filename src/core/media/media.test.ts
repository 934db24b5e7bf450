import { describe, it, expect } from 'vitest';
import { buildSrcset, cleanOriginalName, mediaFileKey, mediaKeyPrefix, mediaKeys, mediaNameSlug, mediaUrl, type MediaVariant } from './media.ts';
import { isSafeMediaKey } from './media-storage.ts';

const SHA = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('media keys and names', () => {
  it('slugs file names to ASCII, folding Vietnamese diacritics and đ', () => {
    expect(mediaNameSlug('Ảnh Hội nghị Đà Nẵng 2026.JPG')).toBe('anh-hoi-nghi-da-nang-2026');
    expect(mediaNameSlug('C:\\fakepath\\Lễ khai mạc.png')).toBe('le-khai-mac');
    expect(mediaNameSlug('../../etc/passwd')).toBe('passwd');
    expect(mediaNameSlug('...')).toBe('anh');
    expect(mediaNameSlug('ảnh'.normalize('NFD') + '.jpg')).toBe('anh');
    expect(mediaNameSlug('x'.repeat(200) + '.jpg')).toHaveLength(60);
  });

  it('cleans the original name for display: last segment, NFC, no control characters', () => {
    expect(cleanOriginalName('/tmp/upload/Ảnh\u0000 đẹp.jpg')).toBe('Ảnh đẹp.jpg');
    expect(cleanOriginalName('Ả'.normalize('NFD'))).toBe('Ả');
    expect(cleanOriginalName('   ')).toBe('anh');
  });

  it('builds keys as <site>/<yyyy>/<mm>/<sha 16>/<name>[-<width>].<ext>, all safe', () => {
    const prefix = mediaKeyPrefix('langson', SHA, new Date('2026-12-31T20:00:00.000Z'));
    expect(prefix).toBe('langson/2026/12/0123456789abcdef');
    expect(mediaFileKey(prefix, 'anh', 'jpeg')).toBe('langson/2026/12/0123456789abcdef/anh.jpg');
    expect(mediaFileKey(prefix, 'anh', 'webp', 640)).toBe('langson/2026/12/0123456789abcdef/anh-640.webp');
    expect(isSafeMediaKey(mediaFileKey(prefix, mediaNameSlug('Ảnh ../../x.png'), 'png'))).toBe(true);
  });
});

describe('mediaUrl and buildSrcset', () => {
  const variants: MediaVariant[] = [
    { width: 640, height: 480, format: 'webp', key: 's/2026/12/abc/anh-640.webp', bytes: 10 },
    { width: 320, height: 240, format: 'webp', key: 's/2026/12/abc/anh-320.webp', bytes: 5 },
    { width: 320, height: 240, format: 'jpeg', key: 's/2026/12/abc/anh-320.jpg', bytes: 6 },
  ];

  it('serves keys under /media/', () => {
    expect(mediaUrl('s/2026/12/abc/anh.jpg')).toBe('/media/s/2026/12/abc/anh.jpg');
  });

  it('lists one format by ascending width', () => {
    expect(buildSrcset(variants, 'webp')).toBe('/media/s/2026/12/abc/anh-320.webp 320w, /media/s/2026/12/abc/anh-640.webp 640w');
    expect(buildSrcset(variants, 'jpeg')).toBe('/media/s/2026/12/abc/anh-320.jpg 320w');
    expect(buildSrcset([], 'jpeg')).toBe('');
  });

  it('lists every key of an item', () => {
    expect(mediaKeys({ storageKey: 's/2026/12/abc/anh.jpg', variants })).toEqual([
      's/2026/12/abc/anh.jpg', 's/2026/12/abc/anh-640.webp', 's/2026/12/abc/anh-320.webp', 's/2026/12/abc/anh-320.jpg',
    ]);
  });
});
