// `vigie score --har`: a HAR as browsers' developer tools export it is scored as the observation log the
// extension would have recorded for the same visit.
import { describe, expect, it } from 'vitest';
import { runVigie } from './test-io';
import type { ObservationLog } from '../utils/types';

const vigie = (args: string[], files: Record<string, string>) => runVigie(args, files);

const T0 = Date.parse('2026-11-23T10:15:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const header = (name: string, value: string) => ({ name, value });

interface EntrySpec {
  url: string;
  ms: number;
  resourceType?: string;
  mime?: string;
  status?: number;
  redirect?: string;
  ip?: string;
  headers?: Array<{ name: string; value: string }>;
  cookies?: Array<{ name: string; domain?: string; expires?: string }>;
}

function entry(e: EntrySpec) {
  return {
    pageref: 'page_1',
    startedDateTime: at(e.ms),
    time: 12,
    request: { method: 'GET', url: e.url, headers: [], cookies: [] },
    response: {
      status: e.status ?? 200,
      headers: e.headers ?? [],
      cookies: e.cookies ?? [],
      content: { size: 1, mimeType: e.mime ?? '' },
      redirectURL: e.redirect ?? '',
    },
    ...(e.ip !== undefined ? { serverIPAddress: e.ip } : {}),
    ...(e.resourceType ? { _resourceType: e.resourceType } : {}),
  };
}

/** A Chrome-like HAR of a visit to http://marseille.fr/ (two redirects), with Firefox-like entries (no _resourceType) mixed in. */
const HAR = {
  log: {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    pages: [{ startedDateTime: at(0), id: 'page_1', title: 'http://marseille.fr/', pageTimings: {} }],
    entries: [
      entry({ url: 'http://marseille.fr/', ms: 0, resourceType: 'document', status: 301, redirect: 'https://marseille.fr/', ip: '51.91.10.20' }),
      entry({ url: 'https://marseille.fr/', ms: 40, resourceType: 'document', status: 302, redirect: 'https://www.marseille.fr/', ip: '51.91.10.20' }),
      entry({ url: 'https://www.marseille.fr/', ms: 80, resourceType: 'document', mime: 'text/html', ip: '[2001:41d0:301::21]' }),
      entry({ url: 'https://fonts.googleapis.com/css2?family=Marianne', ms: 150, resourceType: 'stylesheet', ip: '142.250.75.234' }),
      entry({ url: 'https://fonts.gstatic.com/s/marianne.woff2', ms: 210, mime: 'font/woff2', ip: '142.250.75.227' }),
      entry({
        url: 'https://www.google-analytics.com/g/collect?v=2',
        ms: 650,
        resourceType: 'ping',
        ip: '142.250.75.238',
        headers: [header('set-cookie', 'NID=abc; Domain=.google.com; Max-Age=15552000; Path=/'), header('Set-Cookie', 'gone=1; Max-Age=0')],
      }),
      entry({ url: 'https://www.youtube.com/embed/xyz', ms: 700, mime: 'text/html; charset=utf-8', ip: '142.250.75.206', cookies: [{ name: 'YSC', domain: '.youtube.com' }, { name: 'VISITOR_INFO1_LIVE', domain: '.youtube.com', expires: at(700 + 15552000 * 1000) }] }),
      entry({ url: 'https://cdn.matomo.cloud/marseille.matomo.cloud/matomo.js', ms: 720, resourceType: 'script', ip: '' }),
      entry({ url: 'https://marseille.matomo.cloud/matomo.php', ms: 900, resourceType: 'preflight' }),
      entry({ url: 'https://marseille.matomo.cloud/matomo.php?idsite=1', ms: 910, resourceType: 'fetch', ip: '104.18.2.3' }),
      entry({ url: 'data:image/png;base64,iVBORw0KGgo=', ms: 950, resourceType: 'image' }),
    ],
  },
};

/** The same visit as the extension records it. */
const LOG: ObservationLog = {
  format: 'vigie.observations/1',
  page: { url: 'https://www.marseille.fr/', serverIp: '2001:41d0:301::21', visitedAt: at(0) },
  requests: [
    { url: 'http://marseille.fr/', type: 'main_frame', serverIp: '51.91.10.20', time: 0, beforeInteraction: true, cookies: [] },
    { url: 'https://marseille.fr/', type: 'main_frame', serverIp: '51.91.10.20', time: 40, beforeInteraction: true, cookies: [] },
    { url: 'https://www.marseille.fr/', type: 'main_frame', serverIp: '2001:41d0:301::21', time: 80, beforeInteraction: true, cookies: [] },
    { url: 'https://fonts.googleapis.com/css2?family=Marianne', type: 'stylesheet', serverIp: '142.250.75.234', time: 150, beforeInteraction: true, cookies: [] },
    { url: 'https://fonts.gstatic.com/s/marianne.woff2', type: 'font', serverIp: '142.250.75.227', time: 210, beforeInteraction: true, cookies: [] },
    {
      url: 'https://www.google-analytics.com/g/collect?v=2',
      type: 'ping',
      serverIp: '142.250.75.238',
      time: 650,
      beforeInteraction: true,
      cookies: [{ name: 'NID', domain: '.google.com', expiresIn: 15552000 }],
    },
    {
      url: 'https://www.youtube.com/embed/xyz',
      type: 'sub_frame',
      serverIp: '142.250.75.206',
      time: 700,
      beforeInteraction: true,
      cookies: [
        { name: 'YSC', domain: '.youtube.com', expiresIn: null },
        { name: 'VISITOR_INFO1_LIVE', domain: '.youtube.com', expiresIn: 15552000 },
      ],
    },
    { url: 'https://cdn.matomo.cloud/marseille.matomo.cloud/matomo.js', type: 'script', serverIp: null, time: 720, beforeInteraction: true, cookies: [] },
    { url: 'https://marseille.matomo.cloud/matomo.php?idsite=1', type: 'xmlhttprequest', serverIp: '104.18.2.3', time: 910, beforeInteraction: true, cookies: [] },
  ],
  firstInteraction: null,
};

describe('vigie score --har', () => {
  it('scores a HAR as the observation log of the same visit', async () => {
    const fromHar = await vigie(['score', '--har', 'visit.har'], { 'visit.har': JSON.stringify(HAR) });
    expect(fromHar.code, fromHar.err).toBe(0);
    const fromLog = await vigie(['score', 'visit.json'], { 'visit.json': JSON.stringify(LOG) });
    expect(JSON.parse(fromHar.out)).toEqual(JSON.parse(fromLog.out));
    const audit = JSON.parse(fromHar.out) as { page: { url: string }; requests: { types: Record<string, number> } };
    expect(audit.page.url).toBe('https://www.marseille.fr/');
    expect(audit.requests.types).toMatchObject({ main_frame: 3, sub_frame: 1, font: 1, ping: 1 });
    expect(fromHar.err).toContain('every request counts as made before interaction');
    expect(fromHar.err).toContain('2 entries left out');
  });

  it('says so in a text report too, and when the export holds no cookies', async () => {
    const bare = structuredClone(HAR);
    for (const e of bare.log.entries) {
      e.response.headers = [];
      e.response.cookies = [];
    }
    const r = await vigie(['score', '--har', 'visit.har', '--format', 'text'], { 'visit.har': JSON.stringify(bare) });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Note: a HAR records no interaction');
    expect(r.err).toContain('no response cookies in the HAR');
  });

  it('scores the first page of a HAR that holds several', async () => {
    const two = structuredClone(HAR) as typeof HAR & { log: { pages: Array<{ id: string }> } };
    two.log.pages.push({ startedDateTime: at(5000), id: 'page_2', title: 'https://www.lyon.fr/', pageTimings: {} } as never);
    two.log.entries.push({ ...entry({ url: 'https://www.lyon.fr/', ms: 5000, resourceType: 'document' }), pageref: 'page_2' });
    const r = await vigie(['score', '--har', 'visit.har'], { 'visit.har': JSON.stringify(two) });
    expect(JSON.parse(r.out).page.url).toBe('https://www.marseille.fr/');
    expect(r.err).toContain('2 pages');
  });

  it('explains files that are no HAR', async () => {
    for (const [text, message] of [
      ['', /empty file/],
      ['{"log": {"entries": [', /invalid JSON at line 1/],
      ['{"format": "vigie.observations/1"}', /not a HAR file/],
      ['{"log": {"entries": [{"request": {"url": "data:x"}}]}}', /no request to score/],
    ] as const) {
      const r = await vigie(['score', '--har', 'x.har'], { 'x.har': text });
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(message);
    }
    expect((await vigie(['score', '--har', 'missing.har'], {})).err).toMatch(/missing\.har: no such file/);
    expect((await vigie(['score', '--har', 'x.har', 'other.json'], { 'x.har': '{}' })).code).toBe(2);
  });
});
