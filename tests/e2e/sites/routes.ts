// Generated pages of the fixture sites: too repetitive to keep as files, so the server renders them from plans.
import type { FixtureRequest, FixtureResponse, FixtureRoute } from '../support/fixture-types';
import { BENCH_300_PLAN, HEAVY_PLAN, planRequests, REAL_HOSTS, unknownHosts, type RequestPlan } from './plans';

function tag(request: RequestPlan['requests'][number]): string {
  switch (request.kind) {
    case 'script':
      return `<script async src="${request.url}"></script>`;
    case 'stylesheet':
      return `<link rel="stylesheet" href="${request.url}">`;
    case 'image':
      return `<img src="${request.url}" alt="" width="8" height="8">`;
  }
}

/** A page whose markup makes every planned request; <html data-fixture-requests> says how many. */
export function renderPlan(plan: RequestPlan): string {
  const head = plan.requests.filter((r) => r.kind === 'stylesheet').map(tag);
  const body = plan.requests.filter((r) => r.kind !== 'stylesheet').map(tag);
  return `<!doctype html>
<html lang="fr" data-fixture-requests="${plan.requests.length}">
<head><meta charset="utf-8"><title>${plan.title}</title>
<link rel="stylesheet" href="/css/site.css">
${head.join('\n')}
</head>
<body>
<h1>${plan.title}</h1>
<div class="grid">
${body.join('\n')}
</div>
</body>
</html>
`;
}

function page(html: string): FixtureResponse {
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', server: 'nginx' }, body: html };
}

/** Rendered once: the same bytes on every visit. */
const heavyHtml = renderPlan(HEAVY_PLAN);
const bench300Html = renderPlan(BENCH_300_PLAN);

export const siteRoutes: FixtureRoute[] = [
  { host: 'www.bordeaux.fr', path: /^\/heavy\/?$/, handle: () => page(heavyHtml) },
  { host: 'www.toulouse.fr', path: /^\/300\/?$/, handle: () => page(bench300Html) },
  {
    // Any fixture host: /__fixture/many?n=N[&hosts=H][&mixed=1] makes N third-party requests over H hosts
    // (the 40 real ones first, then unknown vendors), for ad-hoc load tests.
    path: '/__fixture/many',
    handle: (request: FixtureRequest) => {
      const n = clamp(Number(request.query.get('n') ?? 100), 0, 20_000);
      const hostCount = clamp(Number(request.query.get('hosts') ?? 40), 1, 2_000);
      const pool = [...REAL_HOSTS, ...unknownHosts(Math.ceil(hostCount / 4), 4)].slice(0, hostCount);
      const plan = planRequests(request.url.href, `${n} requests`, pool, n, request.query.get('mixed') === '1');
      return page(renderPlan(plan));
    },
  },
];

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : min;
}
