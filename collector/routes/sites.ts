// The read API: published sites (paged, filtered), one site's aggregate, and the figures of the dashboard.
import type { FastifyInstance } from 'fastify';
import { PUBLICATION, commonLabels } from '../aggregate';
import { METHODOLOGY } from '../../utils/methodology';
import { parseHost, parseSiteQuery } from '../query';
import { listItem, siteAggregates } from '../site-view';
import type { Context } from '../app';

export const NOT_PUBLISHED =
  `no published aggregate for this site: a site is published once at least ${PUBLICATION.reports} reports ` +
  `from at least ${PUBLICATION.weeks} different ISO weeks agree on its grade`;

const STATS_TTL_MS = 30_000;

export function siteRoutes(app: FastifyInstance, ctx: Context): void {
  const rateLimit = { max: ctx.config.rateLimit.reads, timeWindow: ctx.config.rateLimit.windowMs };

  app.get('/api/v1/sites', { config: { rateLimit } }, async (request) => {
    const query = parseSiteQuery(request.query as Record<string, unknown>);
    const { total, sites } = await ctx.store.findSites(query);
    return { total, page: query.page, per_page: query.limit, sites: sites.map(listItem) };
  });

  app.get<{ Params: { host: string } }>('/api/v1/sites/:host', { config: { rateLimit } }, async (request, reply) => {
    const host = parseHost(request.params.host);
    const row = await ctx.store.site(host);
    const [aggregate] = row ? await siteAggregates(ctx.store, [row]) : [];
    if (!aggregate) return reply.code(404).send({ error: NOT_PUBLISHED });
    return aggregate;
  });

  // The dashboard's front page asks for these on every visit: computed at most every 30 s per instance.
  let cached: { at: number; value: unknown } | null = null;
  app.get('/api/v1/stats', { config: { rateLimit } }, async () => {
    if (cached && ctx.now() - cached.at < STATS_TTL_MS) return cached.value;
    const [totals, grades, top] = await Promise.all([ctx.store.totals(), ctx.store.gradeDistribution(), ctx.store.topThirdParties(20)]);
    const labels = commonLabels(await ctx.store.thirdPartyLabels(top.map((t) => t.domain)));
    const value = {
      methodology: METHODOLOGY.id,
      threshold: PUBLICATION,
      sites: totals.published_sites,
      reports: totals.published_reports,
      grades,
      third_parties: top.map((t) => ({
        domain: t.domain,
        ...labels.get(t.domain),
        sites: t.sites,
        share_of_sites: totals.published_sites ? Math.round((t.sites / totals.published_sites) * 10_000) / 10_000 : 0,
      })),
    };
    cached = { at: ctx.now(), value };
    return value;
  });
}
