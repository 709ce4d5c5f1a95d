// `vigie report`: the report the extension would send, as the collector would check it, or a clear refusal.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVigie } from './test-io';
import { validateReport } from '../utils/report-schema';
import type { Report } from '../utils/anonymise';

const root = resolve(import.meta.dirname, '..');
const example = (n: number) => join(root, `tests/fixtures/sn1/example-${n}.json`);
const logOf = (n: number) => JSON.stringify((JSON.parse(readFileSync(example(n), 'utf8')) as { log: unknown }).log);

const vigie = (args: string[], files: Record<string, string> = {}, stdin = '') => runVigie(args, files, stdin);

describe('vigie report', () => {
  it('prints the report the extension would send, valid for the collector', async () => {
    const r = await vigie(['report', 'visit.json'], { 'visit.json': logOf(3) });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const report = JSON.parse(r.out) as Report;
    expect(validateReport(report)).toEqual({ report });
    expect(report).toMatchObject({
      schema: 'vigie.report/1',
      methodology: 'SN-1',
      site: 'www.lyon.fr',
      week: '2026-W48',
      client: { extension: '0.1.0', engine: 'chromium', major: 0 },
      score: 61,
      grade: 'C',
    });
    // Nothing of the URLs: hosts only.
    expect(r.out).not.toMatch(/https?:\/\//);
  });

  it('takes the browser, the week and stdin', async () => {
    const r = await vigie(['report', '-', '--engine', 'gecko', '--major', '140', '--week', '2026-W50'], {}, logOf(1));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ client: { engine: 'gecko', major: 140 }, week: '2026-W50', grade: 'A' });
  });

  it('refuses, in one sentence, a site that is not public', async () => {
    const log = logOf(1).replaceAll('www.lyon.fr', 'shop.example.com').replaceAll('stats.lyon.fr', 'stats.example.com');
    const r = await vigie(['report', 'shop.json'], { 'shop.json': log });
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe('vigie report: shop.json: no report would be sent: not a public-sector site: Vigie only reports on public sites\n');
    // Unless the person marked it as public, as the extension lets them.
    const marked = await vigie(['report', 'shop.json', '--public'], { 'shop.json': log });
    expect(marked.code).toBe(0);
    expect(JSON.parse(marked.out)).toMatchObject({ site: 'shop.example.com', public_body: { source: 'user' } });
  });

  it('says when the collector would refuse what anonymise() made', async () => {
    // A third party reached by IP address: the schema refuses addresses in a report.
    const log = JSON.parse(logOf(1)) as { requests: Array<Record<string, unknown>> };
    log.requests.push({ url: 'http://203.0.113.5/pixel.gif', type: 'image', serverIp: null, time: 900, beforeInteraction: true, cookies: [] });
    const r = await vigie(['report', 'ip.json'], { 'ip.json': JSON.stringify(log) });
    expect(r.code).toBe(1);
    expect(r.err).toContain('vigie report: ip.json: the collector would refuse this report: third_parties[0].domain: expected a host name');
  });

  it('explains bad input and bad options like vigie score', async () => {
    const missing = await vigie(['report', 'nope.json']);
    expect([missing.code, missing.err]).toEqual([1, 'vigie report: nope.json: no such file\n']);
    const broken = await vigie(['report', 'broken.json'], { 'broken.json': '{"format": "vigie.observations/1",\n  "page": ' });
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^vigie report: broken\.json: .*line 2/);
    expect((await vigie(['report'])).code).toBe(2);
    expect((await vigie(['report', 'a.json', '--engine', 'webkit'])).err).toContain('--engine must be chromium or gecko');
    expect((await vigie(['report', 'a.json', '--major', 'x'])).code).toBe(2);
    expect((await vigie(['report', 'a.json', '--week', '2026-48'])).code).toBe(2);
    for (const r of [missing, broken]) expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('is listed in the help', async () => {
    expect((await vigie(['--help'])).out).toContain('vigie report FILE');
  });
});
