/**
 * Serves the newsroom SPA under /admin: hashed assets from admin/dist/assets (immutable for a
 * year), and index.html for every other /admin path (client-side routes), never cached, never
 * indexed. When the SPA has not been built, /admin answers 503 with the command that builds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ADMIN_DIST_DIR } from '../../core/paths.ts';

/** Registers the /admin routes (synchronously, in registration order). */
export function registerAdminUi(app: FastifyInstance, distDir = ADMIN_DIST_DIR): void {
  const indexFile = path.join(distDir, 'index.html');
  const assetsDir = path.join(distDir, 'assets');
  if (fs.existsSync(assetsDir)) {
    // Not awaited: awaiting here would load the plugins registered before it early, before
    // the app's error handler is set (Fastify's encapsulation), and their errors would lose
    // the API's error format.
    void app.register(fastifyStatic, {
      root: assetsDir,
      prefix: '/admin/assets/',
      decorateReply: false,
      index: false,
      cacheControl: false,
      setHeaders(res) {
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }

  const sendIndex = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    let html: string;
    try {
      html = await fs.promises.readFile(indexFile, 'utf8');
    } catch {
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('Giao diện tòa soạn chưa được dựng. Chạy: npm run build\nThe newsroom UI has not been built. Run: npm run build\n');
    }
    return reply.header('cache-control', 'no-cache').header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8').send(html);
  };

  // The server ignores trailing slashes in routes: one route answers both /admin and /admin/.
  app.get('/admin', async (request, reply) => (request.url.split('?')[0] === '/admin' ? reply.redirect('/admin/', 301) : sendIndex(request, reply)));
  app.get('/admin/*', async (request, reply) => {
    // A missing hashed asset is a 404, not the app (a stale tab after a deploy reloads instead).
    if (request.url.startsWith('/admin/assets/')) return reply.callNotFound();
    return sendIndex(request, reply);
  });
}
