// The collector as a Fastify application: safety first (body limit, JSON only, rate limits per network, CORS for
// extension origins, security headers, no address in any log), then the routes of the API and the dashboard.
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Config } from './config';
import { IngestQueue } from './ingest-queue';
import { httpSafety } from './http-safety';
import { TrafficLog, loggerOptions, rateLimitKey } from './privacy';
import { BadRequest } from './query';
import { REPORT_BODY_LIMIT, reportRoutes } from './routes/reports';
import { siteRoutes } from './routes/sites';
import { datasetRoutes } from './routes/dataset';
import { dashboardRoutes } from './routes/dashboard';
import { openApiDocument } from './openapi';
import type { Store } from './storage/store';

export interface Context {
  store: Store;
  config: Config;
  queue: IngestQueue;
  now: () => number;
  version: string;
}

export interface AppOptions {
  store: Store;
  config: Config;
  version: string;
  /** false for no logs; a writable stream to capture them (tests); default: JSON lines on stdout. */
  log?: false | NodeJS.WritableStream;
  /** METHODOLOGY.md, served at /methodology.md for the dashboard's link. */
  methodologyFile?: string | null;
  now?: () => number;
}

/** Messages Fastify gives for refused bodies, in plain words. */
function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `the body is larger than ${REPORT_BODY_LIMIT / 1024} KiB`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'send the report as application/json (UTF-8)';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'the body does not match its Content-Length';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the body is empty';
    default:
      return error.message;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, config } = options;
  const app = Fastify({
    logger: options.log === false ? false : { ...loggerOptions(config.logLevel), ...(options.log ? { stream: options.log } : {}) },
    // No line per request: Fastify's would carry the address, and even without it, the time of each 202 next to
    // a proxy's access log would tie a report to an address. A count per minute says as much about health.
    logController: new LogController({ disableRequestLogging: true }),
    // Hence no child logger per request either: its only binding would be the request id, and making one showed
    // in profiles of the report endpoint. Errors are logged with their route alone.
    childLoggerFactory: (logger) => logger,
    // A client's own request id would be an identifier it chose; ours are per-process counters.
    requestIdHeader: false,
    bodyLimit: REPORT_BODY_LIMIT,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 256 },
    // Malformed HTTP: answer 400 and close, without Fastify's trace log of the raw bytes (they hold headers).
    clientErrorHandler: (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    },
  });

  const ctx: Context = {
    store,
    config,
    queue: new IngestQueue((batch) => store.insertReports(batch), store.writeConcurrency),
    now: options.now ?? Date.now,
    version: options.version,
  };

  // JSON is the only body the API takes; text/plain (Fastify's other default) becomes a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      // JSON.parse makes "__proto__" an own field, which the strict schema then refuses: no prototype pollution.
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(new BadRequest(`the body is not valid JSON (${(error as Error).message.slice(0, 120)})`), undefined);
    }
  });

  httpSafety(app);

  await app.register(rateLimit, {
    global: false,
    keyGenerator: rateLimitKey(),
    // Counters live in this process's memory only; a restart forgets them.
    cache: 50_000,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`too many requests from your network; retry in ${Math.max(1, Math.ceil(context.ttl / 1000))} s`), { statusCode: 429 }),
  });

  const traffic = new TrafficLog(app.log);
  app.addHook('onResponse', (_request, reply, done) => (traffic.count(reply.statusCode), done()));
  app.addHook('onClose', async () => traffic.stop());

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send({ error: clientMessage(error) });
    // Storage down, or a bug: say so in the log (no request detail), and ask the client to come back.
    request.log.error({ err: error, route: request.routeOptions.url ?? null }, 'request failed');
    return reply.code(503).header('retry-after', '30').send({ error: 'the collector cannot serve this right now; retry later' });
  });

  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ error: 'not found; the API is described at /api/v1/openapi.json' }));

  reportRoutes(app, ctx);
  siteRoutes(app, ctx);
  datasetRoutes(app, ctx);
  dashboardRoutes(app, ctx, options.methodologyFile ?? null);

  const document = openApiDocument(options.version);
  app.get('/api/v1/openapi.json', async () => document);
  app.get('/healthz', async (_request, reply) => {
    try {
      await store.ping();
      return { status: 'ok', store: store.kind };
    } catch {
      return reply.code(503).header('retry-after', '10').send({ error: 'storage unreachable' });
    }
  });

  return app;
}
