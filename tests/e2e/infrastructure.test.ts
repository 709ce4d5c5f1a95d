// Smoke test of the end-to-end infrastructure: the fixture server in every mode browsers use, real Chromium and
// real Firefox loading a fixture site through it, and the built extension loaded and reachable in both.
import { getDomain } from 'tldts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { extensionBuildDir } from './support/extension-build';
import { launchFirefox, type FirefoxSession } from './support/firefox';
import { startFixtureServer, type FixtureServer, type LoggedRequest } from './support/fixture-server';
import { fetchFromFixture, rawExchange } from './support/http-client';
import { waitInPage } from './support/poll';
import { SITES, type FixtureSite } from './sites/manifest';

// Generous: on a busy two-core machine Firefox alone can take 20 s to start.
const BROWSER_TIMEOUT = 60_000;
const LAUNCH_TIMEOUT = 120_000;

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
});

afterAll(async () => {
  await server?.close();
});

/** Requests of one visit: everything after `since`, minus the browser's own traffic. */
function visitRequests(since: number): LoggedRequest[] {
  return server.requests().filter((r) => r.seq > since && !r.background);
}

/** Every host the site's manifest expects was requested and answered without error, and nothing else was. */
function expectVisitMatches(site: FixtureSite, since: number): LoggedRequest[] {
  const requests = visitRequests(since);
  for (const host of site.thirdPartyHosts) {
    const answered = requests.filter((r) => r.host === host);
    expect(answered.length, `requests to ${host}`).toBeGreaterThan(0);
    for (const r of answered) expect(r.status, r.url).toBeLessThan(400);
  }
  const known = new Set([...site.firstPartyHosts, ...site.thirdPartyHosts]);
  expect([...new Set(requests.map((r) => r.host))].filter((h) => !known.has(h)), 'hosts the manifest does not list').toEqual([]);
  for (const [host, names] of Object.entries(site.responseCookies)) {
    const set = requests.filter((r) => r.host === host).flatMap((r) => r.setCookies);
    for (const name of names) expect(set, `Set-Cookie ${name} from ${host}`).toContain(name);
  }
  return requests;
}

describe('fixture server', () => {
  it('answers plain HTTP by Host header, with the site’s own files', async () => {
    const res = await fetchFromFixture(server.port, 'http://www.numerique.gouv.fr/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('Le numérique de l');
    const log = server.requests('www.numerique.gouv.fr').at(-1)!;
    expect(log).toMatchObject({ scheme: 'http', via: 'direct', status: 200, url: 'http://www.numerique.gouv.fr/' });
  });

  it('answers TLS on the same port (first byte 0x16), for any host name', async () => {
    const res = await fetchFromFixture(server.port, 'https://www.lyon.fr/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Ville de Lyon');
    expect(server.requests('www.lyon.fr').at(-1)).toMatchObject({ scheme: 'https', via: 'direct' });
  });

  it('works as an HTTP proxy: absolute-form requests and CONNECT tunnels with TLS inside', async () => {
    const plain = await fetchFromFixture(server.port, 'http://www.paris.fr/carte', 'proxy');
    expect(plain.status).toBe(200);
    expect(server.requests('www.paris.fr').at(-1)).toMatchObject({ via: 'proxy', scheme: 'http', pathname: '/carte' });

    const tunnelled = await fetchFromFixture(server.port, 'https://www.facebook.com/tr/?id=1&ev=PageView', 'proxy', { 'sec-fetch-dest': 'image' });
    expect(tunnelled.status).toBe(200);
    expect(tunnelled.headers['content-type']).toBe('image/gif');
    const setCookie = tunnelled.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/^fr=.*Max-Age=7776000; Domain=\.facebook\.com; Path=\/; SameSite=None; Secure; HttpOnly$/);
    expect(server.requests('www.facebook.com').at(-1)).toMatchObject({ via: 'tunnel', scheme: 'https', setCookies: ['fr'] });
  });

  it('imitates third parties by path and extension', async () => {
    const port = server.port;
    const css = await fetchFromFixture(port, 'https://fonts.googleapis.com/css2?family=Open+Sans:wght@400;700&display=swap');
    expect(css.body).toContain('https://fonts.gstatic.com/s/opensans/');
    const font = await fetchFromFixture(port, 'https://fonts.gstatic.com/s/opensans/v37/x.woff2');
    expect(font.headers['content-type']).toBe('font/woff2');
    const youtube = await fetchFromFixture(port, 'https://www.youtube.com/embed/dQw4w9WgXcQ');
    expect(youtube.body).toContain('https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg');
    expect((youtube.headers['set-cookie'] ?? []).map((c) => c.split('=')[0])).toEqual(['YSC', 'VISITOR_INFO1_LIVE', 'VISITOR_PRIVACY_METADATA']);
    const beacon = await fetchFromFixture(port, 'https://www.google-analytics.com/g/collect?v=2&tid=G-1');
    expect(beacon.status).toBe(204);
    const unknownImage = await fetchFromFixture(port, 'https://cdn3.example-vendor7.com/a/b.png');
    expect(unknownImage.headers['content-type']).toBe('image/png');
    const gtag = await fetchFromFixture(port, 'https://www.googletagmanager.com/gtag/js?id=G-K7LYON1');
    expect(gtag.body).toContain('max-age=63072000; path=/');
  });

  it('follows a site’s _redirects: the marseille.fr chain', async () => {
    const first = await fetchFromFixture(server.port, 'http://marseille.fr/', 'proxy');
    expect(first.status).toBe(301);
    expect(first.headers.location).toBe('https://marseille.fr/');
    const second = await fetchFromFixture(server.port, 'https://marseille.fr/');
    expect(second.status).toBe(302);
    expect(second.headers.location).toBe('https://www.marseille.fr/');
  });

  it('renders the generated pages with exactly the planned requests', async () => {
    const heavy = await fetchFromFixture(server.port, SITES.bordeauxHeavy.url);
    expect(heavy.body.match(/<img src="https:\/\//g)?.length).toBe(2000);
    const bench = await fetchFromFixture(server.port, SITES.toulouse300.url);
    expect(bench.body.match(/(src|href)="https:\/\/(?!www\.toulouse\.fr)/g)?.length).toBe(300);
  });

  it('never throws on malformed input', async () => {
    expect(await rawExchange(server.port, 'GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawExchange(server.port, 'CONNECT nowhere HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawExchange(server.port, 'GET / HTTP/1.1\r\nHost: \r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawExchange(server.port, 'GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    // A broken TLS handshake gets a TLS alert (0x15), not a crash.
    expect((await rawExchange(server.port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5]))).charCodeAt(0)).toBe(0x15);
    const traversal = await rawExchange(server.port, 'GET /../../../etc/passwd HTTP/1.1\r\nHost: www.lyon.fr\r\n\r\n');
    expect(traversal).toMatch(/^HTTP\/1\.1 404/);
    const badEscape = await rawExchange(server.port, 'GET /%E0%A4%A HTTP/1.1\r\nHost: www.lyon.fr\r\n\r\n');
    expect(badEscape).toMatch(/^HTTP\/1\.1 404/);
    // Still serving.
    expect((await fetchFromFixture(server.port, 'https://www.lyon.fr/')).status).toBe(200);
  });

  it('has a manifest whose domains are the registrable domains of its hosts (as utils/domains.ts computes them)', () => {
    for (const [name, site] of Object.entries(SITES) as [string, FixtureSite][]) {
      const computed = [...new Set(site.thirdPartyHosts.map((h) => getDomain(h, { allowPrivateDomains: true })))].sort();
      expect(computed, name).toEqual(site.thirdPartyDomains);
    }
  });
});

describe('Chromium', () => {
  let chromium: ChromiumSession;

  beforeAll(async () => {
    chromium = await launchChromium({ port: server.port, extensionDir: extensionBuildDir('chrome-mv3') });
  }, LAUNCH_TIMEOUT);

  afterAll(async () => {
    await chromium?.close();
  });

  it('loads the built extension: its service worker runs', async () => {
    expect(chromium.extensionId).toMatch(/^[a-p]{32}$/);
    expect(chromium.serviceWorker?.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\//);
    expect((await chromium.waitForWorkerStatus('running')).scriptURL).toContain(chromium.extensionId!);
  });

  it('loads www.lyon.fr over https with every third party answered by the fixture server', async () => {
    const since = server.lastSeq();
    const page = await chromium.newPage();
    await page.goto(SITES.lyon.url, { waitUntil: 'load' });
    await server.waitForHosts(SITES.lyon.thirdPartyHosts, { since });
    const requests = expectVisitMatches(SITES.lyon, since);
    expect(requests.filter((r) => r.host !== 'www.lyon.fr').every((r) => r.scheme === 'https' && r.via === 'direct')).toBe(true);
    const jar = (await chromium.context.cookies('https://www.lyon.fr/')).map((c) => c.name);
    expect(jar).toEqual(expect.arrayContaining(SITES.lyon.jarCookies));
    await page.close();
  }, BROWSER_TIMEOUT);

  it('opens an extension page, reads it, and knows the tab ids the extension uses', async () => {
    const page = await chromium.newPage();
    await page.goto(SITES.numerique.url);
    const tabId = await chromium.tabIdOf(page);
    expect((await chromium.extensionTabs()).find((t) => t.id === tabId)?.url).toBe(SITES.numerique.url);
    const popup = await chromium.openExtensionPage(`popup.html?tabId=${tabId}`);
    expect(popup.url()).toBe(`chrome-extension://${chromium.extensionId}/popup.html?tabId=${tabId}`);
    const text = await waitInPage(popup, () => document.body.innerText.trim());
    expect(text).not.toBe('');
    await popup.close();
    await page.close();
  }, BROWSER_TIMEOUT);

  it('stops the extension’s service worker on purpose and sees it start again', async () => {
    await chromium.stopServiceWorker();
    expect(chromium.workerVersion()?.runningStatus).toBe('stopped');
    await chromium.startServiceWorker();
    expect(chromium.workerVersion()?.runningStatus).toBe('running');
  }, BROWSER_TIMEOUT);
});

describe('Firefox', () => {
  let firefox: FirefoxSession;

  beforeAll(async () => {
    firefox = await launchFirefox({ port: server.port, extensionDir: extensionBuildDir('firefox-mv2') });
  }, LAUNCH_TIMEOUT);

  afterAll(async () => {
    await firefox?.close();
  });

  it('installs the built extension as a temporary add-on: its background page runs', async () => {
    expect(firefox.extensionId).toBeTruthy();
    expect(firefox.extensionBaseUrl).toMatch(/^moz-extension:\/\/[0-9a-f-]{36}\/$/);
    expect(await firefox.backgroundIsRunning()).toBe(true);
  });

  it('loads www.lyon.fr through the fixture server as its proxy (CONNECT for https)', async () => {
    const since = server.lastSeq();
    const page = await firefox.newPage();
    await page.goto(SITES.lyon.url, { waitUntil: 'load' });
    await server.waitForHosts(SITES.lyon.thirdPartyHosts, { since });
    const requests = expectVisitMatches(SITES.lyon, since);
    expect(requests.every((r) => r.scheme === 'https' && r.via === 'tunnel')).toBe(true);
    const jar = await page.evaluate(() => document.cookie);
    for (const name of SITES.lyon.jarCookies) expect(jar).toContain(`${name}=`);
    await page.close();
  }, BROWSER_TIMEOUT);

  it('follows the http → https redirect chain through the proxy', async () => {
    const since = server.lastSeq();
    const page = await firefox.newPage();
    await page.goto(SITES.marseille.url, { waitUntil: 'load' });
    await server.waitForHosts(SITES.marseille.thirdPartyHosts, { since });
    expect(await page.evaluate(() => location.href)).toBe(SITES.marseille.finalUrl);
    const chain = visitRequests(since).filter((r) => r.pathname === '/' && r.host.endsWith('marseille.fr') && !r.host.includes('matomo'));
    expect(chain.map((r) => `${r.status} ${r.via} ${r.url}`)).toEqual([
      '301 proxy http://marseille.fr/',
      '302 tunnel https://marseille.fr/',
      '200 tunnel https://www.marseille.fr/',
    ]);
    await page.close();
  }, BROWSER_TIMEOUT);

  it('opens an extension page, reads it, and knows the tab ids the extension uses', async () => {
    const page = await firefox.newPage();
    await page.goto(SITES.numerique.url);
    const tabId = await firefox.tabIdOf(page);
    expect((await firefox.extensionTabs()).find((t) => t.id === tabId)?.url).toBe(SITES.numerique.url);
    const popup = await firefox.openExtensionPage(`popup.html?tabId=${tabId}`);
    expect(await popup.evaluate(() => location.href)).toBe(`${firefox.extensionBaseUrl}popup.html?tabId=${tabId}`);
    const text = await waitInPage(popup, () => document.body.innerText.trim());
    expect(text).not.toBe('');
    // Runtime messages from an extension page reach the background (answer or "no receiver", never a hang).
    const reply = await firefox.evaluateInExtension(async (id: number) => {
      const api = (globalThis as unknown as { browser: { runtime: { sendMessage(m: object): Promise<unknown> } } }).browser;
      return api.runtime.sendMessage({ type: 'vigie/get-tab', tabId: id }).then(
        (value) => ({ settled: 'answered', value }),
        (error: unknown) => ({ settled: 'rejected', value: String(error) }),
      );
    }, tabId);
    expect(['answered', 'rejected']).toContain(reply.settled);
    await popup.close();
    await page.close();
  }, BROWSER_TIMEOUT);
});
