// The dashboard: the Vite build of collector/dashboard, read into memory at start (a few small files) and served
// with the security headers of every response. Paths of the single-page app all answer its index.html.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../app';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Client-side routes of the dashboard (collector/dashboard/src/routes.ts). */
export const DASHBOARD_PAGES = ['/', '/sites', '/sites/:host', '/about'];

export function dashboardRoutes(app: FastifyInstance, ctx: Context, methodologyFile: string | null): void {
  const rateLimit = { max: ctx.config.rateLimit.reads, timeWindow: ctx.config.rateLimit.windowMs };
  const dir = ctx.config.dashboardDir;
  const index = existsSync(join(dir, 'index.html')) ? readFileSync(join(dir, 'index.html')) : null;
  const assets = new Map<string, Buffer>();
  if (existsSync(join(dir, 'assets'))) {
    for (const name of readdirSync(join(dir, 'assets'))) assets.set(name, readFileSync(join(dir, 'assets', name)));
  }

  for (const page of DASHBOARD_PAGES) {
    app.get(page, { config: { rateLimit } }, async (_request, reply) => {
      if (!index) {
        return reply.code(503).type('text/plain; charset=utf-8').send('The dashboard is not built: run `npm run build:dashboard` (or start with `npm run collector`).\n');
      }
      return reply.type(TYPES['.html']!).header('cache-control', 'no-cache').send(index);
    });
  }

  app.get<{ Params: { file: string } }>('/assets/:file', { config: { rateLimit } }, async (request, reply) => {
    const body = assets.get(request.params.file);
    if (!body) return reply.code(404).send({ error: 'not found' });
    // Vite puts a content hash in every asset name: they never change, so browsers may keep them.
    return reply
      .type(TYPES[extname(request.params.file)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(body);
  });

  const methodology = methodologyFile && existsSync(methodologyFile) ? readFileSync(methodologyFile) : null;
  app.get('/methodology.md', { config: { rateLimit } }, async (_request, reply) => {
    if (!methodology) return reply.code(404).send({ error: 'not found' });
    // text/plain: every browser shows it rather than downloading it.
    return reply.type('text/plain; charset=utf-8').send(methodology);
  });
}
