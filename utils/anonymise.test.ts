// A report carries only allow-listed fields: URLs full of personal data must leave nothing of it behind.
import { describe, expect, it } from 'vitest';
import { anonymise, isoWeek, requestBucket, type Report } from './anonymise';
import { auditLog } from './audit';
import { loadLists } from '../cli/lists';
import type { ObservationLog, ObservedRequest } from './types';

const SECRETS = [
  'jean.dupont@example.org',
  'jean.dupont%40example.org',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl',
  'SESSIONID-8f14e45fceea167a5a36dedd4bea2543',
  'sk_live_51HxQ9a',
  '0612345678',
  'Dupont',
  'secret-fragment',
  'mot-de-passe',
  'dossier-42-rsa',
  'cookie-value-abcdef',
  '203.0.113.77',
];

function req(url: string, extra: Partial<ObservedRequest> = {}): ObservedRequest {
  return { url, type: 'script', serverIp: '104.16.1.1', time: 10, beforeInteraction: true, cookies: [], ...extra };
}

const log: ObservationLog = {
  format: 'vigie.observations/1',
  page: {
    url: 'https://www.service-public.fr/particuliers/dossier-42-rsa?email=jean.dupont@example.org&token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl#secret-fragment',
    serverIp: '203.0.113.77',
    visitedAt: '2026-11-26T21:45:13.123Z',
  },
  requests: [
    req('https://www.service-public.fr/particuliers/dossier-42-rsa;jsessionid=SESSIONID-8f14e45fceea167a5a36dedd4bea2543', { type: 'main_frame' }),
    req('https://www.google-analytics.com/g/collect?v=2&uid=jean.dupont%40example.org&dl=https%3A%2F%2Fwww.service-public.fr%2Fdossier-42-rsa&dt=Dupont'),
    req('https://user:mot-de-passe@connect.facebook.net/en_US/fbevents.js?tel=0612345678#secret-fragment'),
    req('https://api.stripe.example/v1/charge?key=sk_live_51HxQ9a', { cookies: [{ name: 'sid', domain: 'stripe.example', expiresIn: 3600 }] }),
    req('https://fonts.googleapis.com/css2?family=Marianne', {
      cookies: [{ name: 'NID', domain: '.google.com', expiresIn: 15_552_000 }],
    }),
  ],
  jarCookies: [
    { name: '_ga', domain: '.service-public.fr', expiresIn: 63_072_000, beforeInteraction: true },
    { name: '_ga_jean.dupont@example.org', domain: '.service-public.fr', expiresIn: 63_072_000, beforeInteraction: true },
    { name: 'session-cookie-value-abcdef', domain: 'www.service-public.fr', expiresIn: null, beforeInteraction: true },
  ],
  firstInteraction: null,
};

describe('anonymise', () => {
  const audit = auditLog(log, loadLists());
  const result = anonymise(audit, { client: { extension: '0.1.0', engine: 'chromium', major: 150 } });

  it('makes a report of a public site', () => {
    expect('report' in result).toBe(true);
    const { report } = result as { report: Report };
    expect(report.site).toBe('www.service-public.fr');
    expect(report.week).toBe('2026-W48');
    expect(report.third_parties.map((t) => t.domain)).toEqual(
      expect.arrayContaining(['google-analytics.com', 'facebook.net', 'fonts.googleapis.com']),
    );
  });

  it('lets none of the personal data in the URLs, cookies or addresses through', () => {
    const text = JSON.stringify(result);
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toMatch(/\?|#|@/);
    expect(text).not.toMatch(/T\d\d:\d\d/);
  });

  it('names only allow-listed fields', () => {
    const { report } = result as { report: Report };
    expect(Object.keys(report).sort()).toEqual(
      ['client', 'cookies', 'deductions', 'grade', 'https', 'hosting', 'lists', 'methodology', 'public_body', 'schema',
        'score', 'site', 'third_parties', 'week'].sort(),
    );
    for (const t of report.third_parties) {
      expect(Object.keys(t).sort()).toEqual(
        ['before_interaction', 'category', 'cookies', 'country', 'domain', 'gafam', 'organisation', 'parent', 'requests', 'tracker'],
      );
    }
    expect(report.cookies.tracking_names).toEqual(['NID', '_ga', '_ga_*']);
  });

  it('refuses sites that are not public', () => {
    const privateAudit = auditLog({ ...log, page: { ...log.page, url: 'https://shop.example.com/' } }, loadLists());
    expect(anonymise(privateAudit, { client: { extension: '0.1.0', engine: 'gecko', major: 140 } })).toEqual({
      refused: expect.stringContaining('public'),
    });
  });
});

describe('report helpers', () => {
  it('buckets request counts', () => {
    expect([1, 2, 5, 6, 20, 21, 5000].map(requestBucket)).toEqual(['1', '2-5', '2-5', '6-20', '6-20', '>20', '>20']);
  });

  it('computes ISO weeks, including across the new year', () => {
    expect(isoWeek('2026-11-28')).toBe('2026-W48');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('not a date')).toBeNull();
  });
});
