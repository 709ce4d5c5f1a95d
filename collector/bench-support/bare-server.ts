// The ceiling the collector is measured against: Fastify on the same machine with a report route that parses the
// JSON body (as Fastify always does) and does nothing else.  PORT=… node --import tsx collector/bench-support/bare-server.ts
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
app.post('/api/v1/reports', async (_request, reply) => reply.code(202).send({ id: 'none' }));
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
