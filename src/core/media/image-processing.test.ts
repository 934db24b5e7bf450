import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { describe, it, expect } from 'vitest';
import sharp, { type Color } from 'sharp';
import { UnsupportedMediaError } from '../errors.ts';
import { processImage, sniffImageFormat, variantWidthsFor } from './image-processing.ts';

/** A 3000×2000 JPEG, left half red and right half blue, with EXIF orientation 6, a camera make and GPS. */
async function exifJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#ff0000' } })
    .composite([{ input: { create: { width: 1500, height: 2000, channels: 3, background: '#0000ff' } }, left: 1500, top: 0 }])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'CongTestCam', Copyright: 'Bí mật' },
      IFD3: { GPSMapDatum: 'WGS-84', GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

function solid(width: number, height: number, background: Color, channels: 3 | 4 = 3) {
  return sharp({ create: { width, height, channels, background } });
}

async function pixelAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data } = await sharp(image).extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
  return [...data];
}

/** A valid 1×1 PNG whose IHDR is rewritten to claim width × height (CRC fixed), pixel data unchanged. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await solid(1, 1, '#000000').png().toBuffer());
  // Signature (8) + length (4) + "IHDR" (4): width at 16, height at 20, CRC over type+data at 29.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}

async function expectRejected(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnsupportedMediaError);
  expect((error as UnsupportedMediaError).field).toBe('file');
  expect((error as UnsupportedMediaError).message).toMatch(message);
}

function expectNoMetadataBytes(data: Buffer): void {
  for (const marker of ['Exif', 'CongTestCam', 'WGS-84', 'Bí mật', 'http://ns.adobe.com/xap']) {
    expect(data.includes(Buffer.from(marker))).toBe(false);
  }
}

describe('processImage: a phone photo with EXIF orientation 6 and GPS', () => {
  it('applies the orientation, strips all metadata and derives every width in WebP and JPEG', async () => {
    const input = await exifJpeg();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString('latin1')).toContain('WGS-84');

    const out = await processImage(input);

    expect(out).toMatchObject({ sourceFormat: 'jpeg', format: 'jpeg', mimeType: 'image/jpeg', width: 2000, height: 3000 });
    expect(out.sha256).toBe(crypto.createHash('sha256').update(input).digest('hex'));

    const original = await sharp(out.original).metadata();
    expect(original).toMatchObject({ format: 'jpeg', width: 2000, height: 3000 });
    expect(original.orientation).toBeUndefined();
    expect(original.exif).toBeUndefined();
    expect(original.xmp).toBeUndefined();
    expect(original.iptc).toBeUndefined();
    expectNoMetadataBytes(out.original);
    // Orientation 6 turns the stored left half (red) to the top of the displayed image.
    const top = await pixelAt(out.original, 1000, 200);
    const bottom = await pixelAt(out.original, 1000, 2800);
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);

    expect(out.variants.map((v) => `${v.format}@${v.width}x${v.height}`)).toEqual([
      'webp@320x480', 'jpeg@320x480',
      'webp@640x960', 'jpeg@640x960',
      'webp@1024x1536', 'jpeg@1024x1536',
      'webp@1600x2400', 'jpeg@1600x2400',
    ]);
    for (const variant of out.variants) {
      const meta = await sharp(variant.data).metadata();
      expect(meta).toMatchObject({ format: variant.format, width: variant.width, height: variant.height });
      expect(meta.orientation).toBeUndefined();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expectNoMetadataBytes(variant.data);
      expect(variant.height / variant.width).toBeCloseTo(3 / 2, 2);
    }
  });
});

describe('processImage: formats', () => {
  it('keeps a PNG as lossless PNG with its transparency; JPEG derivatives are flattened on white', async () => {
    const input = await solid(800, 600, { r: 0, g: 128, b: 0, alpha: 0 }, 4).png().toBuffer();
    const out = await processImage(input);
    expect(out).toMatchObject({ sourceFormat: 'png', format: 'png', mimeType: 'image/png', width: 800, height: 600 });
    const meta = await sharp(out.original).metadata();
    expect(meta).toMatchObject({ format: 'png', hasAlpha: true, width: 800, height: 600 });
    expect(out.variants.map((v) => `${v.format}@${v.width}x${v.height}`)).toEqual([
      'webp@320x240', 'jpeg@320x240', 'webp@640x480', 'jpeg@640x480', 'webp@800x600', 'jpeg@800x600',
    ]);
    const jpeg = out.variants.find((v) => v.format === 'jpeg')!;
    expect((await sharp(jpeg.data).metadata()).channels).toBe(3);
    expect(await pixelAt(jpeg.data, 10, 10)).toEqual([255, 255, 255]);
    const webp = out.variants.find((v) => v.format === 'webp')!;
    expect((await sharp(webp.data).metadata()).hasAlpha).toBe(true);
  });

  it('stores a WebP as WebP', async () => {
    const out = await processImage(await solid(400, 300, '#336699').webp().toBuffer());
    expect(out).toMatchObject({ sourceFormat: 'webp', format: 'webp', mimeType: 'image/webp', width: 400, height: 300 });
    expect((await sharp(out.original).metadata()).format).toBe('webp');
    expect(out.variants.map((v) => v.width)).toEqual([320, 320, 400, 400]);
  });

  it('keeps only the first frame of an animated GIF and stores it as WebP', async () => {
    const red = await solid(40, 20, '#ff0000').png().toBuffer();
    const blue = await solid(40, 20, '#0000ff').png().toBuffer();
    const gif = await sharp([red, blue], { join: { animated: true } }).gif().toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const out = await processImage(gif);
    expect(out).toMatchObject({ sourceFormat: 'gif', format: 'webp', mimeType: 'image/webp', width: 40, height: 20 });
    const meta = await sharp(out.original).metadata();
    expect(meta.pages ?? 1).toBe(1);
    expect(meta.height).toBe(20);
    const [r, , b] = await pixelAt(out.original, 5, 5);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(60);
  });

  it.runIf(sharp.format.heif.input.buffer)('accepts AVIF and stores it as WebP', async () => {
    const out = await processImage(await solid(500, 250, '#aa5500').avif().toBuffer());
    expect(out).toMatchObject({ sourceFormat: 'avif', format: 'webp', width: 500, height: 250 });
    expect((await sharp(out.original).metadata()).format).toBe('webp');
  });

  it('never upscales: a small image gets derivatives at its own width only', async () => {
    const out = await processImage(await solid(100, 50, '#123456').jpeg().toBuffer());
    expect(out.variants.map((v) => `${v.format}@${v.width}x${v.height}`)).toEqual(['webp@100x50', 'jpeg@100x50']);
  });
});

describe('processImage: refusals', () => {
  it('refuses SVG, even though sharp could render it', async () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect((await sharp(svg).metadata()).format).toBe('svg');
    await expectRejected(processImage(svg), /SVG/);
  });

  it('refuses a text file whatever it is called, naming the field `file`', async () => {
    await expectRejected(processImage(Buffer.from('Đây không phải là ảnh.\n')), /không phải ảnh JPEG, PNG, WebP, GIF/);
  });

  it('refuses TIFF and other formats sharp can read but we do not accept', async () => {
    await expectRejected(processImage(await solid(10, 10, '#000').tiff().toBuffer()), /không phải ảnh/);
  });

  it('refuses an empty file', async () => {
    await expectRejected(processImage(Buffer.alloc(0)), /rỗng/);
  });

  it('refuses a file over the byte limit (default 20 MB) before reading it', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff], 0);
    await expectRejected(processImage(big), /quá lớn: tối đa 20 MB/);
    const small = await solid(10, 10, '#000').jpeg().toBuffer();
    await expectRejected(processImage(small, { maxBytes: small.length - 1 }), /quá lớn/);
  });

  it('refuses a header claiming 50000×50000 pixels', async () => {
    const bomb = await pngClaiming(50000, 50000);
    const meta = await sharp(bomb, { limitInputPixels: false }).metadata();
    expect([meta.width, meta.height]).toEqual([50000, 50000]);
    await expectRejected(processImage(bomb), /quá lớn: tối đa 40 megapixel/);
  });

  it('applies a configurable pixel limit', async () => {
    const input = await solid(200, 100, '#000').png().toBuffer();
    await expectRejected(processImage(input, { maxPixels: 19_999 }), /quá lớn: tối đa 19999 điểm ảnh/);
    await expect(processImage(input, { maxPixels: 20_000 })).resolves.toMatchObject({ width: 200, height: 100 });
  });

  it('refuses a truncated JPEG as corrupt', async () => {
    const input = await solid(600, 400, '#00ff00').jpeg().toBuffer();
    await expectRejected(processImage(input.subarray(0, Math.floor(input.length / 2))), /hỏng/);
  });

  it('refuses a file whose signature and content disagree', async () => {
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really a png')]);
    await expectRejected(processImage(fake), /không phải ảnh/);
  });
});

describe('sniffImageFormat', () => {
  it('recognises formats by their signature only', async () => {
    expect(sniffImageFormat(await solid(2, 2, '#000').jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageFormat(await solid(2, 2, '#000').png().toBuffer())).toBe('png');
    expect(sniffImageFormat(await solid(2, 2, '#000').webp().toBuffer())).toBe('webp');
    expect(sniffImageFormat(await solid(2, 2, '#000').gif().toBuffer())).toBe('gif');
    expect(sniffImageFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageFormat(Buffer.from('GIF8'))).toBeNull();
    expect(sniffImageFormat(Buffer.alloc(0))).toBeNull();
  });
});

describe('variantWidthsFor', () => {
  it('lists the steps not wider than the image, plus its own width under the widest step', () => {
    expect(variantWidthsFor(3000)).toEqual([320, 640, 1024, 1600]);
    expect(variantWidthsFor(1600)).toEqual([320, 640, 1024, 1600]);
    expect(variantWidthsFor(1024)).toEqual([320, 640, 1024]);
    expect(variantWidthsFor(900)).toEqual([320, 640, 900]);
    expect(variantWidthsFor(100)).toEqual([100]);
  });
});
