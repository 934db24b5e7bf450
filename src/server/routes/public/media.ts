/**
 * Serves stored media files under `/media/<key>`. Keys contain the content hash, so files
 * never change under a URL: they are cached for a year as immutable.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Core } from '../../../core/create-core.ts';

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
    immutable: true,
    maxAge: '365d',
    etag: true,
  });
}
