/**
 * Screenshots attached to reports of false information: private files (issue "Rapid-response
 * desk", item 6). They live under `<dataDir>/private/rapid-response/<key>`, a folder the public
 * media route never serves; only the desk reads them, through the admin API.
 */
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { isSafeMediaKey } from '../media/media-storage.ts';

/** A place for the desk's private files, by key. */
export interface PrivateFileStorage {
  /** Stores `data` at `key` (written whole, then renamed into place). */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes at `key`, or null when missing or the key is unsafe. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the file; a missing file is not an error. */
  remove(key: string): Promise<void>;
}

/**
 * The file-system store under `<dataDir>/private/rapid-response/`.
 * @param dataDir the data folder (config `dataDir`)
 * @throws Error from put/remove on an unsafe key (keys are made by code: a bug)
 */
export function createReportFileStorage(dataDir: string): PrivateFileStorage {
  const root = path.resolve(dataDir, 'private', 'rapid-response');
  const fileOf = (key: string): string => {
    if (!isSafeMediaKey(key)) throw new Error(`Unsafe private file key: ${JSON.stringify(key)}`);
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(key, data) {
      const file = fileOf(key);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      try {
        await fsp.writeFile(tmp, data, { mode: 0o600 });
        await fsp.rename(tmp, file);
      } catch (error) {
        await fsp.rm(tmp, { force: true });
        throw error;
      }
    },
    async get(key) {
      if (!isSafeMediaKey(key)) return null;
      try {
        return await fsp.readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(key) {
      await fsp.rm(fileOf(key), { force: true });
    },
  };
}

/** A fresh key for a report file: `<yyyy>/<mm>/<32 hex>.<ext>` (month in UTC). */
export function reportFileKey(now: Date, extension: string): string {
  const yyyy = String(now.getUTCFullYear());
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${yyyy}/${mm}/${crypto.randomBytes(16).toString('hex')}.${extension}`;
}
