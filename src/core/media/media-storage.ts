/**
 * Where media files live. Commands talk to the small {@link MediaStorage} interface; the file
 * system implementation keeps them under `<dataDir>/media/<key>`, which the server serves at
 * `/media/<key>`. Keys are built by `media.ts` and checked here so that no key can leave the
 * media folder.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** A place to keep media files by key. */
export interface MediaStorage {
  /** Stores `data` at `key`, replacing what was there; readers never see a half-written file. */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes at `key`, or `null` when there is none or the key is not a safe key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the file at `key`; removing a missing file is not an error. */
  remove(key: string): Promise<void>;
  /** A stream of the file at `key`; the stream errors with `ENOENT` when it is missing. */
  createReadStream?(key: string): Readable;
  /** The file-system path of `key`, for servers that send files themselves. */
  path?(key: string): string;
}

/** Longest accepted key, in characters. */
export const MAX_MEDIA_KEY_LENGTH = 512;

const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)*$/;

/**
 * Tells whether a storage key is safe: segments of `[a-z0-9._-]` separated by single `/`,
 * each starting with a letter or digit (so no `.`, `..`, hidden files or absolute paths), no
 * `..` anywhere, at most {@link MAX_MEDIA_KEY_LENGTH} characters.
 */
export function isSafeMediaKey(key: string): boolean {
  return typeof key === 'string' && key.length <= MAX_MEDIA_KEY_LENGTH && KEY_PATTERN.test(key) && !key.includes('..');
}

function assertSafeKey(key: string): void {
  if (!isSafeMediaKey(key)) throw new Error(`Unsafe media storage key: ${JSON.stringify(key)}`);
}

/**
 * Creates a storage that keeps files under `<dataDir>/media/`. Writes go to a temporary file
 * beside the target and are renamed into place, so a file is either whole or absent. Removing
 * a file also removes the folders it leaves empty (up to, not including, `media/`).
 * @param dataDir the data folder (config `dataDir`); `media/` is created inside it on first write.
 * @returns a {@link MediaStorage} with `createReadStream` and `path`.
 * `put`, `remove`, `createReadStream` and `path` throw Error on an unsafe key (keys are built by
 * code, so that is a bug); `get` answers `null` for one, as it may be handed a request path.
 */
export function createFileMediaStorage(dataDir: string): Required<MediaStorage> {
  const root = path.resolve(dataDir, 'media');
  const fileOf = (key: string): string => {
    assertSafeKey(key);
    return path.join(root, ...key.split('/'));
  };

  async function writeOnce(file: string, data: Buffer): Promise<void> {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    try {
      await fsp.writeFile(tmp, data);
      await fsp.rename(tmp, file);
    } catch (error) {
      await fsp.rm(tmp, { force: true });
      throw error;
    }
  }

  return {
    async put(key, data) {
      const file = fileOf(key);
      try {
        await writeOnce(file, data);
      } catch (error) {
        // A concurrent remove may prune the folder between mkdir and write: try once more.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        await writeOnce(file, data);
      }
    },
    async get(key) {
      if (!isSafeMediaKey(key)) return null;
      try {
        return await fsp.readFile(fileOf(key));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
        throw error;
      }
    },
    async remove(key) {
      const file = fileOf(key);
      await fsp.rm(file, { force: true });
      for (let dir = path.dirname(file); dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
        try {
          await fsp.rmdir(dir);
        } catch {
          break; // not empty (or already gone): stop pruning
        }
      }
    },
    createReadStream(key) {
      return fs.createReadStream(fileOf(key));
    },
    path(key) {
      return fileOf(key);
    },
  };
}
