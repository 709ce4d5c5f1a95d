// GET /api/v1/dataset: the open dataset, streamed from the database page by page.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { DATASET_FILES } from '../dataset/files';
import { DATASET_LICENSE, datapackage } from '../dataset/datapackage';
import type { Context } from '../app';

const FILES = new Map(DATASET_FILES.map((f) => [f.path, f]));

export function datasetRoutes(app: FastifyInstance, ctx: Context): void {
  // Downloads are heavy: a tenth of the read budget.
  const rateLimit = { max: Math.max(1, Math.floor(ctx.config.rateLimit.reads / 10)), timeWindow: ctx.config.rateLimit.windowMs };

  app.get('/api/v1/dataset', { config: { rateLimit: { max: ctx.config.rateLimit.reads, timeWindow: ctx.config.rateLimit.windowMs } } }, async () => ({
    license: DATASET_LICENSE,
    datapackage: '/api/v1/dataset/datapackage.json',
    files: DATASET_FILES.map((f) => ({ name: f.name, title: f.title, format: f.format, mediatype: f.mediatype, url: `/api/v1/dataset/${f.path}` })),
  }));

  app.get('/api/v1/dataset/datapackage.json', async () => datapackage(ctx.version));

  app.get<{ Params: { file: string } }>('/api/v1/dataset/:file', { config: { rateLimit } }, async (request, reply) => {
    const file = FILES.get(request.params.file);
    if (!file) return reply.code(404).send({ error: `no such dataset file; see /api/v1/dataset` });
    reply
      .type(`${file.mediatype}; charset=utf-8`)
      .header('content-disposition', `inline; filename="vigie-${file.path}"`)
      .header('cache-control', 'public, max-age=300');
    // Readable.from pulls the next page only when the client has taken the previous one (backpressure), and
    // stops querying if the client goes away.
    return reply.send(Readable.from(file.chunks(ctx.store), { objectMode: false }));
  });
}
