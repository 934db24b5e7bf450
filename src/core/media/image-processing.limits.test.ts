/**
 * Proves the order of checks in processImage by watching sharp: every sharp() call gets
 * `limitInputPixels`, and an image over the pixel limit is refused from its header alone,
 * with no pipeline run (no `toBuffer`, the only output processImage uses).
 */
import zlib from 'node:zlib';
import { describe, it, expect, vi, beforeEach } from 'vitest';
import sharp from 'sharp';
import { UnsupportedMediaError } from '../errors.ts';
import { processImage } from './image-processing.ts';

const seen = vi.hoisted(() => ({ options: [] as unknown[], outputs: 0 }));

vi.mock('sharp', async (importOriginal) => {
  const real = (await importOriginal<typeof import('sharp')>()).default;
  const watched = new Proxy(real, {
    apply(target, thisArg, args: unknown[]) {
      seen.options.push(args[1]);
      const instance = Reflect.apply(target, thisArg, args) as ReturnType<typeof real>;
      const toBuffer = instance.toBuffer.bind(instance) as (...a: unknown[]) => unknown;
      (instance as unknown as { toBuffer: unknown }).toBuffer = (...a: unknown[]) => {
        seen.outputs += 1;
        return toBuffer(...a);
      };
      return instance;
    },
  });
  return { default: watched };
});

async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}

function reset(): void {
  seen.options.length = 0;
  seen.outputs = 0;
}

describe('processImage and sharp', () => {
  beforeEach(reset);

  it('refuses a 50000×50000 header without decoding a pixel', async () => {
    const bomb = await pngClaiming(50000, 50000);
    reset();
    const error = await processImage(bomb).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedMediaError);
    expect((error as Error).message).toMatch(/quá lớn/);
    expect(seen.outputs).toBe(0);
    expect(seen.options).toEqual([expect.objectContaining({ limitInputPixels: 40_000_000 })]);
  });

  it('refuses a real 6-megapixel photo under a 5-megapixel limit from its header alone', async () => {
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#888' } }).jpeg().toBuffer();
    reset();
    await expect(processImage(photo, { maxPixels: 5_000_000 })).rejects.toBeInstanceOf(UnsupportedMediaError);
    expect(seen.outputs).toBe(0);
  });

  it('passes limitInputPixels to every pipeline it runs', async () => {
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#888' } }).jpeg().toBuffer();
    reset();
    const out = await processImage(photo, { maxPixels: 2_000_000 });
    expect(out.variants).toHaveLength(8);
    expect(seen.outputs).toBe(1 + 8);
    expect(seen.options).toHaveLength(1 + 1 + 8);
    for (const options of seen.options) expect(options).toMatchObject({ limitInputPixels: 2_000_000 });
  });
});
