/**
 * Video intake: MP4 and WebM recognised by their content (never by name or declared type),
 * stored as uploaded (no transcoding), up to {@link DEFAULT_MAX_VIDEO_BYTES}.
 *
 * - MP4: an ISO Base Media File (ISO/IEC 14496-12) starting with an `ftyp` box whose major
 *   brand is an MP4 brand (isom, iso2…iso9, mp41, mp42, avc1, dash, M4V…). Image brands of the
 *   same container (AVIF, HEIF) are not video and QuickTime (`qt  `) is not accepted.
 * - WebM: an EBML header (`1A 45 DF A3`, RFC 8794) whose DocType is `webm` (plain Matroska
 *   is not accepted).
 * The frame size is read from the first video track when present (MP4 `tkhd`, WebM
 * `PixelWidth`/`PixelHeight`); 0 × 0 when the file does not say.
 */
import { UnsupportedMediaError } from '../errors.ts';

/** Largest accepted video: 200 MB (200 × 1024 × 1024 bytes). */
export const DEFAULT_MAX_VIDEO_BYTES = 200 * 1024 * 1024;

/** A recognised video. Width/height in pixels, 0 when unknown. */
export interface SniffedVideo {
  format: 'mp4' | 'webm';
  mimeType: 'video/mp4' | 'video/webm';
  extension: 'mp4' | 'webm';
  width: number;
  height: number;
}

const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9', 'mp41', 'mp42', 'mp71', 'avc1', 'dash', 'M4V ', 'M4VH', 'M4VP', 'mmp4', 'MSNV', 'f4v ']);

/**
 * Recognises an MP4 or WebM file by its first bytes.
 * @returns the format and frame size, or null when the bytes are neither.
 */
export function sniffVideo(data: Buffer): SniffedVideo | null {
  if (data.length >= 12 && data.toString('latin1', 4, 8) === 'ftyp') {
    const brand = data.toString('latin1', 8, 12);
    if (!MP4_BRANDS.has(brand)) return null;
    const size = mp4FrameSize(data);
    return { format: 'mp4', mimeType: 'video/mp4', extension: 'mp4', ...size };
  }
  if (data.length >= 4 && data.readUInt32BE(0) === 0x1a45dfa3) {
    const webm = webmInfo(data);
    if (!webm || webm.docType !== 'webm') return null;
    return { format: 'webm', mimeType: 'video/webm', extension: 'webm', width: webm.width, height: webm.height };
  }
  return null;
}

/**
 * Checks an upload as a video.
 * @param maxBytes largest accepted size (default {@link DEFAULT_MAX_VIDEO_BYTES}).
 * @throws UnsupportedMediaError (field `file`) when the bytes are not MP4/WebM or too large.
 */
export function checkVideo(data: Buffer, maxBytes = DEFAULT_MAX_VIDEO_BYTES): SniffedVideo {
  if (data.length === 0) throw new UnsupportedMediaError('Tệp rỗng');
  if (data.length > maxBytes) throw new UnsupportedMediaError(`Video quá lớn: tối đa ${Math.round(maxBytes / 1024 / 1024)} MB`);
  const video = sniffVideo(data);
  if (!video) throw new UnsupportedMediaError('Không phải video MP4 hoặc WebM');
  return video;
}

// --- MP4 ---------------------------------------------------------------------------------

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts']);

/** Width/height of the first track with a non-zero size in its `tkhd` (16.16 fixed point). */
function mp4FrameSize(data: Buffer): { width: number; height: number } {
  let found = { width: 0, height: 0 };
  const walk = (start: number, end: number, depth: number) => {
    let offset = start;
    while (offset + 8 <= end && depth < 8 && found.width === 0) {
      let size = data.readUInt32BE(offset);
      const type = data.toString('latin1', offset + 4, offset + 8);
      let header = 8;
      if (size === 1) {
        if (offset + 16 > end) return;
        size = Number(data.readBigUInt64BE(offset + 8));
        header = 16;
      } else if (size === 0) {
        size = end - offset;
      }
      if (size < header || offset + size > end) return;
      if (type === 'tkhd' && size >= 92) {
        const w = data.readUInt32BE(offset + size - 8) >>> 16;
        const h = data.readUInt32BE(offset + size - 4) >>> 16;
        if (w > 0 && h > 0) found = { width: w, height: h };
      } else if (CONTAINERS.has(type)) {
        walk(offset + header, offset + size, depth + 1);
      }
      offset += size;
    }
  };
  walk(0, data.length, 0);
  return found;
}

// --- WebM (EBML) -------------------------------------------------------------------------

/** Reads an EBML variable-length integer; `keepMarker` for element ids. */
function readVint(data: Buffer, offset: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | null {
  if (offset >= data.length) return null;
  const first = data[offset]!;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || offset + length > data.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let i = 1; i < length; i++) {
    const byte = data[offset + i]!;
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

const EBML_IDS = { docType: 0x4282, segment: 0x18538067, tracks: 0x1654ae6b, trackEntry: 0xae, video: 0xe0, pixelWidth: 0xb0, pixelHeight: 0xba, ebml: 0x1a45dfa3 };
const EBML_MASTERS = new Set([EBML_IDS.ebml, EBML_IDS.segment, EBML_IDS.tracks, EBML_IDS.trackEntry, EBML_IDS.video]);

function webmInfo(data: Buffer): { docType: string; width: number; height: number } | null {
  const info = { docType: '', width: 0, height: 0 };
  const walk = (start: number, end: number, depth: number): boolean => {
    let offset = start;
    while (offset < end && depth < 6) {
      const id = readVint(data, offset, true);
      if (!id) return false;
      const size = readVint(data, offset + id.length, false);
      if (!size) return false;
      const bodyStart = offset + id.length + size.length;
      const bodyEnd = size.unknown ? end : Math.min(end, bodyStart + size.value);
      if (bodyEnd <= bodyStart) {
        // an empty element: nothing to read
      } else if (id.value === EBML_IDS.docType) info.docType = data.toString('latin1', bodyStart, bodyEnd).replace(/\0+$/, '');
      else if (id.value === EBML_IDS.pixelWidth && info.width === 0) info.width = data.readUIntBE(bodyStart, Math.min(6, bodyEnd - bodyStart));
      else if (id.value === EBML_IDS.pixelHeight && info.height === 0) info.height = data.readUIntBE(bodyStart, Math.min(6, bodyEnd - bodyStart));
      else if (EBML_MASTERS.has(id.value)) walk(bodyStart, bodyEnd, depth + 1);
      // Stop after the tracks: clusters (the frames) follow and are of no interest.
      if (id.value === EBML_IDS.tracks) return true;
      if (size.unknown) return true;
      offset = bodyEnd;
    }
    return true;
  };
  if (!walk(0, data.length, 0)) return info.docType ? info : null;
  return info;
}
