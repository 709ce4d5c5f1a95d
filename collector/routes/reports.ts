// POST /api/v1/reports: a report in, validated against the shared schema, stored durably, then 202 and its id.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validateReport } from '../../utils/report-schema';
import { isFutureWeek } from '../weeks';
import type { Context } from '../app';

export const REPORT_BODY_LIMIT = 64 * 1024;

const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** 415 before the body is read: a report is JSON, nothing else. */
async function requireJson(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const type = request.headers['content-type'];
  if (!type || !JSON_TYPE.test(type)) {
    await reply.code(415).send({ error: 'send the report as application/json (UTF-8)' });
  }
}

export function reportRoutes(app: FastifyInstance, ctx: Context): void {
  app.post(
    '/api/v1/reports',
    {
      bodyLimit: REPORT_BODY_LIMIT,
      onRequest: requireJson,
      config: { rateLimit: { max: ctx.config.rateLimit.reports, timeWindow: ctx.config.rateLimit.windowMs } },
    },
    async (request, reply) => {
      const result = validateReport(request.body);
      if ('errors' in result) {
        return reply.code(400).send({ error: `invalid report: ${result.errors[0]}`, errors: result.errors });
      }
      const { report } = result;
      if (isFutureWeek(report.week, ctx.now())) {
        return reply.code(400).send({ error: `invalid report: week: ${report.week} has not started yet` });
      }
      const id = randomUUID();
      // The canonical JSON of the validated copy: only the schema's fields, in the schema's order.
      await ctx.queue.add({ id, report, body: JSON.stringify(report) });
      return reply.code(202).send({ id });
    },
  );
}
