/**
 * Serves stored media files under `/media/<key>`. Keys contain the content hash, so files
 * never change under a URL: they are cached for a year as immutable.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Core } from '../../../core/create-core.ts';

/**
 * Whether a decoded file path under a static prefix has a `..` segment. Such a request can be
 * no file: it answers the themed 404 (`allowedPath`) instead of the file server's English 403.
 */
export function hasUpPathSegment(pathname: string): boolean {
  return /(?:^|[\\/])\.\.(?:[\\/]|$)/.test(pathname);
}

/** Registers the `/media/*` file route on the app. */
export function registerMediaRoutes(app: FastifyInstance, core: Core): void {
  fs.mkdirSync(core.mediaDir, { recursive: true });
  void app.register(fastifyStatic, {
    root: core.mediaDir,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    allowedPath: (pathname) => !hasUpPathSegment(pathname),
    immutable: true,
    maxAge: '365d',
    etag: true,
  });
}
