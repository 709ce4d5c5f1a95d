// The collector's API as clients see it, over HTTP, on both stores: error codes, the publication threshold,
// aggregates, filters, the dataset files and their datapackage, the OpenAPI document, CORS and headers.
/* eslint-disable @typescript-eslint/no-explicit-any -- answers are parsed JSON, checked field by field */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_REPORT, validateReport } from '../utils/report-schema';
import type { Report } from '../utils/anonymise';
import { makeReport } from './test-support/reports';
import { storeCases, type StoreSetting } from './test-support/stores';
import { postReport, send, startApp, type TestApp } from './test-support/server';
import { parseCsv } from '../tests/csv';

/** Wednesday of 2026-W49: reports of W40 to W49 are in the past. */
const NOW = Date.UTC(2026, 11, 2, 12);
const CHROME_EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe.each(storeCases())('collector API on $name', (storeCase) => {
  let setting: StoreSetting;
  let t: TestApp;
  const get = (path: string, headers?: Record<string, string>) => send(`${t.url}${path}`, { headers });
  const json = async (path: string) => {
    const answer = await get(path);
    return { status: answer.status, body: JSON.parse(answer.body) as any };
  };
  const post = async (report: unknown) => {
    const answer = await postReport(t.url, report);
    expect(answer.status, answer.body).toBe(202);
    return JSON.parse(answer.body).id as string;
  };

  beforeAll(async () => {
    setting = await storeCase.fresh();
    t = await startApp(setting, { now: () => NOW });
  });
  afterAll(async () => {
    await t?.close();
    setting?.cleanup();
  });

  describe('POST /api/v1/reports', () => {
    it('answers 202 with a random id for a valid report', async () => {
      const answer = await postReport(t.url, EXAMPLE_REPORT);
      expect(answer.status).toBe(202);
      expect(JSON.parse(answer.body)).toEqual({ id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) });
    });

    it('answers 400 with the field at fault', async () => {
      const bad = structuredClone(EXAMPLE_REPORT) as any;
      bad.third_parties[2].country = 'France';
      const answer = await postReport(t.url, bad);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).error).toBe(
        'invalid report: third_parties[2].country: expected null or a two-letter country code (ISO 3166-1 alpha-2, or EU), got the string "France"',
      );
      const extra = await postReport(t.url, { ...EXAMPLE_REPORT, url: 'https://www.example-ville.fr/?email=x@y.z' });
      expect(JSON.parse(extra.body)).toMatchObject({ error: 'invalid report: url: unknown field (not allowed in a report)' });
      const future = await postReport(t.url, { ...EXAMPLE_REPORT, week: '2026-W51' });
      expect(future.status).toBe(400);
      expect(JSON.parse(future.body).error).toContain('has not started yet');
      const notJson = await send(`${t.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"schema": ' });
      expect(notJson.status).toBe(400);
      expect(JSON.parse(notJson.body).error).toMatch(/^the body is not valid JSON/);
      const empty = await send(`${t.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' } });
      expect(empty.status).toBe(400);
    });

    it('answers 413 past 64 KiB and 415 for anything but JSON', async () => {
      const big = await send(`${t.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `"${'x'.repeat(64 * 1024)}"` });
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body).error).toBe('the body is larger than 64 KiB');
      const body = JSON.stringify(EXAMPLE_REPORT);
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']) {
        const answer = await send(`${t.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': type }, body });
        expect(answer.status, type).toBe(415);
      }
      const untyped = await send(`${t.url}/api/v1/reports`, { method: 'POST', body });
      expect(untyped.status).toBe(415);
      const utf8 = await send(`${t.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8' }, body });
      expect(utf8.status).toBe(202);
    });
  });

  describe('the publication threshold', () => {
    const unpublished = async (host: string) => {
      const answer = await json(`/api/v1/sites/${host}`);
      expect(answer.status).toBe(404);
      expect(answer.body.error).toContain('at least 3 reports from at least 2 different ISO weeks');
    };

    it('keeps a site unpublished with 2 agreeing reports, or 3 from a single week', async () => {
      await post(makeReport({ site: 'two.example.fr', week: '2026-W40' }));
      await post(makeReport({ site: 'two.example.fr', week: '2026-W41' }));
      await unpublished('two.example.fr');
      for (let i = 0; i < 3; i++) await post(makeReport({ site: 'one-week.example.fr', week: '2026-W40' }));
      await unpublished('one-week.example.fr');
      // Unknown sites answer exactly as unpublished ones: nothing tells them apart.
      await unpublished('never-seen.example.fr');
    });

    it('publishes a site once 3 reports from 2 weeks agree on its grade', async () => {
      await post(makeReport({ site: 'two.example.fr', week: '2026-W41', variant: 1 }));
      const answer = await json('/api/v1/sites/two.example.fr');
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ host: 'two.example.fr', grade: 'C', reports: 3, first_week: '2026-W40', last_week: '2026-W41' });
    });

    it('does not let reports that disagree publish a site', async () => {
      await post(makeReport({ site: 'mixed.example.fr', week: '2026-W40', grade: 'A' }));
      await post(makeReport({ site: 'mixed.example.fr', week: '2026-W41', grade: 'B' }));
      await post(makeReport({ site: 'mixed.example.fr', week: '2026-W42', grade: 'C' }));
      await post(makeReport({ site: 'mixed.example.fr', week: '2026-W42', grade: 'C' }));
      await unpublished('mixed.example.fr');
    });

    it('resists a poisoned report: the grade most agreeing reports give wins', async () => {
      for (const [week, variant] of [['2026-W44', 0], ['2026-W45', 1], ['2026-W45', 2], ['2026-W46', 0]] as const) {
        await post(makeReport({ site: 'www.poisoned.example.fr', week, grade: 'D', variant }));
      }
      await post(makeReport({ site: 'www.poisoned.example.fr', week: '2026-W46', grade: 'A' }));
      for (const week of ['2026-W44', '2026-W46', '2026-W47']) await post(makeReport({ site: 'www.poisoned.example.fr', week, grade: 'E' }));
      const { body } = await json('/api/v1/sites/www.poisoned.example.fr');
      expect(body.grade).toBe('D');
      expect(body.reports).toBe(8);
      expect(body.grades).toEqual({ A: 1, B: 0, C: 0, D: 4, E: 3 });
      // Scores: D 46, 38, 49, 46; A 100; E 5 three times → 5 5 5 38 46 46 49 100: median (38 + 46) / 2.
      expect(body.median_score).toBe(42);
    });
  });

  describe('site aggregates', () => {
    beforeAll(async () => {
      // www.paris-like.example.fr: 4 reports over 3 weeks; tracker.example.com seen in 2 of them, and once
      // described by a poisoned report as a French company.
      const base = ['fonts.googleapis.com', 'google-analytics.com'];
      await post(makeReport({ site: 'www.paris-like.example.fr', week: '2026-W45', thirdParties: base }));
      await post(makeReport({ site: 'www.paris-like.example.fr', week: '2026-W46', thirdParties: [...base, 'tracker.example.com'] }));
      const poisoned = makeReport({ site: 'www.paris-like.example.fr', week: '2026-W47', thirdParties: [...base, 'tracker.example.com'] });
      poisoned.third_parties[2] = { ...poisoned.third_parties[2]!, organisation: 'Totally French SA', country: 'FR', gafam: null };
      await post(poisoned);
      await post(makeReport({ site: 'www.paris-like.example.fr', week: '2026-W47', thirdParties: [...base, 'tracker.example.com'], variant: 2 }));
      for (const week of ['2026-W45', '2026-W46', '2026-W46']) {
        await post(makeReport({ site: 'www.interieur.gouv.fr', week, grade: 'A', source: 'suffix:gouv.fr', thirdParties: [] }));
        await post(makeReport({ site: 'www.ameli.gouv.fr', week, grade: 'B', source: 'suffix:gouv.fr', thirdParties: ['fonts.googleapis.com'] }));
      }
    });

    it('gives the median, grade, weeks, history and third parties with their share', async () => {
      const { status, body } = await json('/api/v1/sites/www.paris-like.example.fr');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        host: 'www.paris-like.example.fr',
        grade: 'C',
        reports: 4,
        median_score: 77,
        first_week: '2026-W45',
        last_week: '2026-W47',
        public_body: { source: 'fr-dinum', id: 'example-ville.fr' },
      });
      expect(body.history).toEqual([
        { week: '2026-W45', reports: 1, median_score: 77, grade: 'C' },
        { week: '2026-W46', reports: 1, median_score: 77, grade: 'C' },
        { week: '2026-W47', reports: 2, median_score: 71.5, grade: 'C' },
      ]);
      expect(body.third_parties.map((p: any) => [p.domain, p.reports, p.share])).toEqual([
        ['fonts.googleapis.com', 4, 1],
        ['google-analytics.com', 4, 1],
        ['tracker.example.com', 3, 0.75],
      ]);
      // Two reports describe it as unknown, one as a French company: the description most reports give wins.
      expect(body.third_parties[2]).toMatchObject({ organisation: null, country: null, gafam: null, first_week: '2026-W46', last_week: '2026-W47' });
    });

    it('accepts the host in any case and refuses what is not a host name', async () => {
      expect((await json('/api/v1/sites/WWW.PARIS-LIKE.EXAMPLE.FR')).body.host).toBe('www.paris-like.example.fr');
      const bad = await json('/api/v1/sites/not%20a%20host');
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/^host: /);
    });

    it('lists published sites with filters, search, sorting and pages', async () => {
      const all = await json('/api/v1/sites');
      expect(all.body.sites.map((s: any) => s.host)).toEqual([
        'two.example.fr', 'www.ameli.gouv.fr', 'www.interieur.gouv.fr', 'www.paris-like.example.fr', 'www.poisoned.example.fr',
      ]);
      expect(all.body).toMatchObject({ total: 5, page: 1, per_page: 50 });
      expect(all.body.sites[1]).toEqual({
        host: 'www.ameli.gouv.fr', grade: 'B', median_score: 92, reports: 3, first_week: '2026-W45', last_week: '2026-W46',
        public_body: { source: 'suffix:gouv.fr', id: null },
      });
      const hosts = async (query: string) => (await json(`/api/v1/sites?${query}`)).body.sites.map((s: any) => s.host);
      expect(await hosts('suffix=gouv.fr')).toEqual(['www.ameli.gouv.fr', 'www.interieur.gouv.fr']);
      expect(await hosts('suffix=.GOUV.FR&grade=a')).toEqual(['www.interieur.gouv.fr']);
      expect(await hosts('grade=C,D')).toEqual(['two.example.fr', 'www.paris-like.example.fr', 'www.poisoned.example.fr']);
      expect(await hosts('source=suffix:gouv.fr&sort=-score')).toEqual(['www.interieur.gouv.fr', 'www.ameli.gouv.fr']);
      expect(await hosts('q=paris')).toEqual(['www.paris-like.example.fr']);
      expect(await hosts('sort=-reports&per_page=2&page=1')).toEqual(['www.poisoned.example.fr', 'www.paris-like.example.fr']);
      const page3 = await json('/api/v1/sites?per_page=2&page=3');
      expect(page3.body).toMatchObject({ total: 5, page: 3, per_page: 2, sites: [{ host: 'www.poisoned.example.fr' }] });
    });

    it('refuses unknown or malformed parameters with their name', async () => {
      for (const [query, message] of [
        ['grade=F', /^grade: /],
        ['per_page=500', /^per_page: expected an integer from 1 to 200/],
        ['page=0', /^page: /],
        ['sort=ip', /^sort: /],
        ['suffix=a%20b', /^suffix: /],
        ['q=%25', /^q: /],
        ['grade=A&grade=B', /^grade: give it once/],
        ['ip=1', /^unknown parameter "ip"/],
      ] as const) {
        const answer = await json(`/api/v1/sites?${query}`);
        expect(answer.status, query).toBe(400);
        expect(answer.body.error, query).toMatch(message);
      }
    });

    it('gives the grade distribution and the most common third parties', async () => {
      const { body } = await json('/api/v1/stats');
      expect(body).toMatchObject({ methodology: 'SN-1', threshold: { reports: 3, weeks: 2 }, sites: 5, grades: { A: 1, B: 1, C: 2, D: 1, E: 0 } });
      expect(body.reports).toBe(3 + 8 + 4 + 3 + 3);
      expect(body.third_parties[0]).toMatchObject({ domain: 'fonts.googleapis.com', sites: 4, share_of_sites: 0.8, organisation: 'Google', gafam: 'google' });
    });
  });

  describe('the dataset', () => {
    const reportIds: string[] = [];

    it('lists its files and their licence', async () => {
      const { body } = await json('/api/v1/dataset');
      expect(body.license).toMatchObject({ name: 'etalab-2.0' });
      expect(body.files.map((f: any) => f.url)).toEqual([
        '/api/v1/dataset/sites.csv', '/api/v1/dataset/site-third-parties.csv', '/api/v1/dataset/reports.csv',
        '/api/v1/dataset/report-third-parties.csv', '/api/v1/dataset/sites.jsonl', '/api/v1/dataset/reports.jsonl',
      ]);
    });

    it('describes every file and field in a Frictionless datapackage.json naming the licence', async () => {
      const { body: pkg } = await json('/api/v1/dataset/datapackage.json');
      expect(pkg.licenses).toEqual([{ name: 'etalab-2.0', title: 'Licence Ouverte / Open Licence version 2.0', path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' }]);
      expect(pkg.name).toMatch(/^[a-z0-9._-]+$/);
      for (const resource of pkg.resources) {
        expect(resource.name).toMatch(/^[a-z0-9._-]+$/);
        const file = await get(`/api/v1/dataset/${resource.path}`);
        expect(file.status, resource.path).toBe(200);
        expect(file.headers['content-type']).toBe(`${resource.mediatype}; charset=utf-8`);
        if (resource.format !== 'csv') continue;
        const rows = parseCsv(file.body);
        // The header is the schema's field list, and every row has one value per field, of the declared type.
        expect(rows[0]).toEqual(resource.schema.fields.map((f: any) => f.name));
        for (const row of rows.slice(1)) {
          expect(row).toHaveLength(rows[0]!.length);
          resource.schema.fields.forEach((field: any, i: number) => {
            const value = row[i]!;
            if (value === '') return;
            const ok = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?$/, boolean: /^(true|false)$/, string: /^/ }[field.type as string]!;
            expect(value, `${resource.path} ${field.name}`).toMatch(ok);
          });
        }
      }
    });

    it('publishes the reports of published sites only, as sent', async () => {
      const lines = (await get('/api/v1/dataset/reports.jsonl')).body.trim().split('\n').map((l) => JSON.parse(l) as Report & { id: string });
      const sites = new Set(lines.map((l) => l.site));
      expect([...sites].sort()).toEqual(['two.example.fr', 'www.ameli.gouv.fr', 'www.interieur.gouv.fr', 'www.paris-like.example.fr', 'www.poisoned.example.fr']);
      expect(lines).toHaveLength(3 + 3 + 3 + 4 + 8);
      for (const { id, ...report } of lines) {
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(validateReport(report)).toEqual({ report });
        reportIds.push(id);
      }
      // In id order (random), not in order of arrival.
      expect([...reportIds].sort()).toEqual(reportIds);
      const csv = parseCsv((await get('/api/v1/dataset/reports.csv')).body);
      expect(csv.slice(1).map((r) => r[0])).toEqual(reportIds);
      const thirdParties = parseCsv((await get('/api/v1/dataset/report-third-parties.csv')).body);
      expect(thirdParties.length - 1).toBe(lines.reduce((n, l) => n + l.third_parties.length, 0));
    });

    it('publishes site aggregates in CSV and JSON Lines', async () => {
      const sites = parseCsv((await get('/api/v1/dataset/sites.csv')).body);
      const header = sites[0]!;
      const paris = sites.find((r) => r[0] === 'www.paris-like.example.fr')!;
      const field = (name: string) => paris[header.indexOf(name)];
      expect([field('grade'), field('median_score'), field('reports'), field('reports_c'), field('third_parties')]).toEqual(['C', '77', '4', '4', '3']);
      const jsonl = (await get('/api/v1/dataset/sites.jsonl')).body.trim().split('\n').map((l) => JSON.parse(l));
      expect(jsonl.map((s) => s.host)).toEqual(sites.slice(1).map((r) => r[0]));
      expect(jsonl.find((s) => s.host === 'www.paris-like.example.fr')).toEqual((await json('/api/v1/sites/www.paris-like.example.fr')).body);
      const shares = parseCsv((await get('/api/v1/dataset/site-third-parties.csv')).body);
      expect(shares.find((r) => r[0] === 'www.paris-like.example.fr' && r[1] === 'tracker.example.com')).toContain('0.75');
    });

    it('drops raw reports past retention but keeps them in the aggregates', async () => {
      const before = await json('/api/v1/sites/two.example.fr');
      expect(await t.store.purgeBefore('2026-W42')).toBe(3 + 3 + 2);
      const after = await json('/api/v1/sites/two.example.fr');
      expect(after.body).toEqual(before.body);
      const lines = (await get('/api/v1/dataset/reports.jsonl')).body.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.some((l) => l.week < '2026-W42')).toBe(false);
      expect(lines.filter((l) => l.site === 'two.example.fr')).toHaveLength(0);
    });

    it('answers 404 for a file it does not have', async () => {
      expect((await get('/api/v1/dataset/passwords.csv')).status).toBe(404);
    });
  });

  describe('the OpenAPI document', () => {
    it('is OpenAPI 3.1 and its POST example is a valid report the collector accepts', async () => {
      const { body: doc } = await json('/api/v1/openapi.json');
      expect(doc.openapi).toBe('3.1.0');
      const example = doc.paths['/api/v1/reports'].post.requestBody.content['application/json'].example;
      expect(validateReport(example)).toEqual({ report: example });
      expect((await postReport(t.url, example)).status).toBe(202);
      // Every path the server answers is documented.
      expect(Object.keys(doc.paths).sort()).toEqual([
        '/api/v1/dataset', '/api/v1/dataset/datapackage.json', '/api/v1/dataset/{file}', '/api/v1/openapi.json', '/api/v1/reports',
        '/api/v1/sites', '/api/v1/sites/{host}', '/api/v1/stats', '/healthz',
      ]);
    });

    it('gives a JSON Schema that a standard validator (Fastify’s Ajv) applies like validateReport', async () => {
      const { body: doc } = await json('/api/v1/openapi.json');
      const checker = Fastify({ ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true } } });
      checker.post('/', { schema: { body: doc.components.schemas.Report } }, async () => ({ ok: true }));
      const check = async (payload: unknown) => (await checker.inject({ method: 'POST', url: '/', payload: payload as object })).statusCode;
      expect(await check(EXAMPLE_REPORT)).toBe(200);
      for (const grade of ['A', 'B', 'C', 'D', 'E'] as const) expect(await check(makeReport({ grade }))).toBe(200);
      expect(await check({ ...EXAMPLE_REPORT, ip: '203.0.113.9' })).toBe(400);
      expect(await check({ ...EXAMPLE_REPORT, site: '203.0.113.9' })).toBe(400);
      expect(await check({ ...EXAMPLE_REPORT, hosting: { ...EXAMPLE_REPORT.hosting, provider: ' OVH' } })).toBe(400);
      await checker.close();
    });
  });

  describe('HTTP safety', () => {
    it('allows reports from extension origins only, and reads from anywhere, never with credentials', async () => {
      const preflight = (origin: string, method: string) =>
        send(`${t.url}/api/v1/reports`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' } });
      const chrome = await preflight(CHROME_EXTENSION, 'POST');
      expect(chrome.status).toBe(204);
      expect(chrome.headers['access-control-allow-origin']).toBe(CHROME_EXTENSION);
      expect(chrome.headers['access-control-allow-methods']).toContain('POST');
      expect(chrome.headers['access-control-allow-credentials']).toBeUndefined();
      const firefox = await preflight('moz-extension://2b1f0e3a-5d7c-4e8f-9a6b-1c2d3e4f5a6b', 'POST');
      expect(firefox.headers['access-control-allow-origin']).toBe('moz-extension://2b1f0e3a-5d7c-4e8f-9a6b-1c2d3e4f5a6b');
      const web = await preflight('https://evil.example', 'POST');
      expect(web.headers['access-control-allow-origin']).toBeUndefined();
      const read = await get('/api/v1/sites', { origin: 'https://research.example' });
      expect(read.headers['access-control-allow-origin']).toBe('*');
    });

    it('sends security headers with every answer', async () => {
      for (const path of ['/', '/api/v1/sites', '/api/v1/dataset/sites.csv', '/nowhere']) {
        const answer = await get(path);
        expect(answer.headers['content-security-policy'], path).toContain("default-src 'self'");
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        expect(answer.headers['referrer-policy']).toBe('no-referrer');
        expect(answer.headers['x-frame-options']).toBe('DENY');
      }
    });

    it('answers unknown paths with a JSON 404 and is healthy', async () => {
      const missing = await json('/api/v2/everything');
      expect(missing).toEqual({ status: 404, body: { error: expect.stringContaining('/api/v1/openapi.json') } });
      expect(await json('/healthz')).toEqual({ status: 200, body: { status: 'ok', store: storeCase.name } });
    });
  });

  describe('rate limiting', () => {
    let limited: TestApp;
    beforeAll(async () => {
      limited = await startApp(setting, { now: () => NOW, config: { rateLimit: { reports: 3, reads: 5, windowMs: 60_000 } } });
    });
    afterAll(async () => limited?.close());

    it('answers 429 with Retry-After past the limit, per network', async () => {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await postReport(limited.url, EXAMPLE_REPORT)).status);
      expect(statuses).toEqual([202, 202, 202, 429, 429]);
      const refused = await postReport(limited.url, EXAMPLE_REPORT);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(refused.body).error).toMatch(/^too many requests from your network; retry in \d+ s$/);
      // Another address has its own budget.
      expect((await postReport(limited.url, EXAMPLE_REPORT, { localAddress: '127.0.0.2' })).status).toBe(202);
      // Reads have theirs.
      expect((await send(`${limited.url}/api/v1/sites`)).status).toBe(200);
    });
  });
});
