// `vigie audit` end to end: the built command line drives Debian's headless Chromium with the built extension
// against the fixture sites. Its audits are compared with the extension's own (taken the way the extension
// scenarios take them), then resuming after kill -9, failing sites, and shards merged into one summary.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audit } from '../../utils/audit';
import type { TabReply } from '../../entrypoints/background/messages';
import { siteKey } from '../../cli/audit/results-dir';
import { SUMMARY_COLUMNS } from '../../cli/audit/summary-csv';
import { chromiumDriver } from './support/extension-driver';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { buildCli, startVigie, vigie } from './support/vigie-cli';
import { SITES, type FixtureSite } from './sites/manifest';

const TIMEOUT = 180_000;
const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `vigie-cli-audit-${name}-`));

let server: FixtureServer;
/** Every host to the fixture server, except one with no route at all (a name that does not resolve). */
let fixtureArgs: string[];

beforeAll(async () => {
  buildCli();
  server = await startFixtureServer();
  fixtureArgs = ['--host-rules', `MAP nowhere.example.fr ~NOTFOUND, MAP * 127.0.0.1:${server.port}`, '--ignore-certificate-errors'];
}, TIMEOUT);

afterAll(async () => {
  await server?.close();
});

function readAudit(out: string, url: string): Audit {
  return JSON.parse(readFileSync(join(out, 'sites', `${siteKey(url)}.json`), 'utf8')) as Audit;
}

/** summary.csv as records (no field of these fixtures needs quoting). */
function summary(out: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(join(out, 'summary.csv'), 'utf8').trimEnd().split('\r\n');
  expect(header).toBe(SUMMARY_COLUMNS.join(','));
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [SUMMARY_COLUMNS[i]!, v])));
}

/**
 * The fields that differ between two visits of the same page only because they were made at different moments:
 * when the visit started, how many milliseconds after it each third party was first seen, and the remaining
 * lifetime of cookies read from the cookie jar (an expiry date minus the clock when the cookie was seen).
 */
function normalise(audit: Audit): Audit {
  const copy = structuredClone(audit);
  copy.page.visitedAt = null;
  for (const s of copy.thirdParties) s.firstSeen = 0;
  for (const d of copy.thirdPartyDomains) d.firstSeen = 0;
  for (const c of copy.cookies) if (c.via === 'jar' && c.expiresIn !== null) c.expiresIn = Math.round(c.expiresIn / 60);
  return copy;
}

describe('vigie audit', () => {
  it('audits a page exactly as the extension does when a person opens it', async () => {
    const sites: FixtureSite[] = [SITES.lyon, SITES.marseille, SITES.parisCarte];
    const out = tempDir('same');
    const cli = await vigie(['audit', ...sites.map((s) => s.url), '--out', out, '--wait', '3', '--concurrency', '3', ...fixtureArgs]);
    expect(cli.code, cli.err).toBe(0);

    // The extension's audits, taken as tests/e2e/extension-scenarios.ts takes them.
    const driver = await chromiumDriver(server);
    try {
      const warmUp = await driver.newPage();
      await driver.goto(warmUp, SITES.numerique.url);
      await driver.goto(warmUp, SITES.numerique.url);
      await warmUp.close();
      for (const site of sites) {
        const since = server.lastSeq();
        const page = await driver.newPage();
        await driver.goto(page, site.url);
        await server.waitForHosts(site.thirdPartyHosts, { since, timeoutMs: 30_000 });
        const tabId = await driver.tabIdOf(page);
        let reply: TabReply | undefined;
        let last = '';
        for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 400))) {
          reply = await driver.tabReply(tabId);
          if (reply.status !== 'audited') continue;
          const domains = reply.audit.thirdPartyDomains.map((d) => d.domain);
          const signature = `${reply.audit.requests.total} ${reply.audit.cookies.length}`;
          if (site.thirdPartyDomains.every((d) => domains.includes(d)) && signature === last) break;
          last = signature;
        }
        if (reply?.status !== 'audited') throw new Error(`the extension did not audit ${site.url}`);
        const fromCli = readAudit(out, site.url);
        expect(fromCli.page.visitedAt).toEqual(expect.any(String));
        expect(normalise(fromCli), site.url).toEqual(normalise(reply.audit));
        await page.close();
      }
    } finally {
      await driver.close();
    }

    const rows = summary(out);
    expect(rows.map((r) => [r.site, r.final_url, r.error])).toEqual(sites.map((s) => [s.url, s.finalUrl, '']));
    expect(rows[0]).toMatchObject({ grade: 'D', score: '40', third_parties: '7', gafam_services: '7' });
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`href="sites/${siteKey(SITES.lyon.url)}.html"`);
    expect(readFileSync(join(out, 'sites', `${siteKey(SITES.lyon.url)}.html`), 'utf8')).toMatch(/<title>[^<]*www\.lyon\.fr/);
  }, TIMEOUT);

  it('makes a row with its reason of every site that fails, and goes on', async () => {
    const routes = [
      server.addRoute({ host: 'panne.example.fr', path: '/', handle: () => ({ status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Erreur</h1>' }) }),
      server.addRoute({
        host: 'telechargement.example.fr',
        path: '/',
        handle: () => ({ status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="budget.pdf"' }, body: '%PDF-1.4' }),
      }),
      server.addRoute({ host: 'donnees.example.fr', path: '/', handle: () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' }) }),
      server.addRoute({ host: 'lent.example.fr', path: '/', handle: () => ({ status: 200, delayMs: 15_000, headers: { 'content-type': 'text/html' }, body: '<p>enfin</p>' }) }),
    ];
    try {
      const out = tempDir('failures');
      const urls = [
        'https://nowhere.example.fr/',
        'https://panne.example.fr/',
        'https://telechargement.example.fr/',
        'https://donnees.example.fr/',
        'https://lent.example.fr/',
        SITES.numerique.url,
      ];
      const r = await vigie(['audit', ...urls, '--out', out, '--wait', '1', '--timeout', '4', '--concurrency', '3', ...fixtureArgs]);
      expect(r.code, r.err).toBe(0);
      const rows = summary(out);
      expect(rows.map((row) => row.site)).toEqual(urls);
      const errors = rows.map((row) => row.error);
      expect(errors[0]).toMatch(/^DNS: .*ERR_NAME_NOT_RESOLVED/);
      expect(errors[1]).toBe('HTTP 500');
      expect(errors[2]).toBe('download instead of a page');
      expect(errors[3]).toBe('not HTML (application/json)');
      expect(errors[4]).toMatch(/^timeout: .* 4 s$/);
      expect(rows[5]).toMatchObject({ grade: 'A', score: '100', error: '' });
      for (const row of rows.slice(0, 5)) expect(row.grade).toBe('');

      // Without --ignore-certificate-errors the fixture server's certificate is refused: a TLS failure.
      const tls = await vigie(['audit', SITES.numerique.url, '--wait', '0', '--host-rules', `MAP * 127.0.0.1:${server.port}`]);
      expect(tls.code).toBe(1);
      expect(tls.err).toMatch(/TLS: .*net::ERR_CERT_/);
    } finally {
      for (const remove of routes) remove();
    }
  }, TIMEOUT);

  describe('resuming and sharding one list', () => {
    // Generated pages under host names of their own (any host answers /__fixture/many).
    const list = Array.from({ length: 8 }, (_, i) => `https://commune-${i + 1}.example.fr/__fixture/many?n=12&hosts=6`);
    const listDir = tempDir('list');
    const listFile = join(listDir, 'sites.txt');
    const whole = tempDir('whole');

    it('resumes after kill -9: every site done once, no corrupt or half-written file', async () => {
      writeFileSync(listFile, `# communes\n${list.join('\n')}\n`);
      const args = ['audit', '--input', listFile, '--out', whole, '--wait', '1', '--concurrency', '2', ...fixtureArgs];
      const first = startVigie(args);
      const rowsDir = join(whole, 'rows');
      const rowCount = () => (existsSync(rowsDir) ? readdirSync(rowsDir).filter((n) => n.endsWith('.json') && !n.startsWith('.')).length : 0);
      for (const deadline = Date.now() + 90_000; rowCount() < 3 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
      first.child.kill('SIGKILL');
      const killed = await first.done;
      expect(killed.signal).toBe('SIGKILL');
      const doneBefore = readdirSync(rowsDir).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
      expect(doneBefore.length).toBeGreaterThanOrEqual(3);
      expect(doneBefore.length).toBeLessThan(list.length);

      const since = server.lastSeq();
      const second = await vigie(args);
      expect(second.code, second.err).toBe(0);
      expect(second.err).toContain(`${doneBefore.length} sites already done`);

      // Sites finished before the kill were not visited again; every other site was, once.
      const visits = (url: string) => server.requests(new URL(url).host).filter((r) => r.seq > since && r.pathname === '/__fixture/many').length;
      for (const url of list) expect(visits(url), url).toBe(doneBefore.includes(`${siteKey(url)}.json`) ? 0 : 1);

      const rows = summary(whole);
      expect(rows.map((r) => r.site)).toEqual(list);
      expect(rows.every((r) => r.grade !== '' && r.error === '')).toBe(true);
      for (const dir of ['rows', 'sites', '.']) {
        for (const name of readdirSync(join(whole, dir))) {
          expect(name, `${dir}/${name}`).not.toMatch(/\.tmp$/);
          if (name.endsWith('.json')) expect(() => JSON.parse(readFileSync(join(whole, dir, name), 'utf8')), name).not.toThrow();
        }
      }
      expect(existsSync(join(whole, '.vigie.lock'))).toBe(false);
    }, TIMEOUT);

    it('merges shards into the same summary as one run', async () => {
      const shards = [tempDir('shard-1'), tempDir('shard-2'), tempDir('shard-3')];
      const runs = await Promise.all(
        shards.map((out, i) => vigie(['audit', '--input', listFile, '--out', out, '--shard', `${i + 1}/3`, '--wait', '1', ...fixtureArgs])),
      );
      for (const run of runs) expect(run.code, run.err).toBe(0);
      expect(shards.map((out) => summary(out).length)).toEqual([3, 3, 2]);
      const merged = tempDir('merged');
      const r = await vigie(['merge', '--out', merged, ...shards]);
      expect(r.code, r.err).toBe(0);
      expect(readFileSync(join(merged, 'summary.csv'), 'utf8')).toBe(readFileSync(join(whole, 'summary.csv'), 'utf8'));
      expect(readdirSync(join(merged, 'sites')).sort()).toEqual(readdirSync(join(whole, 'sites')).sort());
    }, TIMEOUT);
  });
});
