// The recorder's folding rules, without a browser: bounds, merging, interaction, Set-Cookie, resource types.
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../utils/audit';
import { loadLists } from '../../cli/lists';
import {
  DETAIL_BOUND,
  URL_BOUND,
  addJarCookie,
  addRequest,
  addResponse,
  newVisit,
  packRequests,
  parseSetCookie,
  resourceType,
  setInteraction,
  toObservationLog,
  unpackRequests,
} from './visit';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

describe('visit', () => {
  it('records requests with their time since navigation and response details', () => {
    const v = newVisit(7, 'https://www.lyon.fr/', T0, 'r1');
    const i = addRequest(v, 'https://fonts.googleapis.com/css2?family=X', 'stylesheet', T0 + 120.4);
    addResponse(v, i, '142.250.1.1', [{ name: 'NID', domain: '.google.com', expiresIn: 100 }]);
    addResponse(v, i, '10.0.0.1', [{ name: 'NID', domain: '.google.com', expiresIn: 100 }]);
    expect(v.requests[i]).toEqual({
      url: 'https://fonts.googleapis.com/css2?family=X',
      type: 'stylesheet',
      serverIp: '142.250.1.1',
      time: 120,
      cookies: [{ name: 'NID', domain: '.google.com', expiresIn: 100 }],
    });
  });

  it('marks requests before the first interaction, even when the interaction is reported late', () => {
    const v = newVisit(1, 'https://www.lyon.fr/', T0, 'r1');
    addRequest(v, 'https://a.example/1', 'script', T0 + 100);
    addRequest(v, 'https://a.example/2', 'script', T0 + 900);
    expect(setInteraction(v, T0 + 500)).toBe(true);
    expect(setInteraction(v, T0 + 800)).toBe(false);
    const log = toObservationLog(v);
    expect(log.requests.map((r) => r.beforeInteraction)).toEqual([true, false]);
    expect(log.firstInteraction).toBe(500);
  });

  it('stops keeping details past the bound but keeps counting, by host, type and interaction state', () => {
    const v = newVisit(1, 'https://www.bordeaux.fr/heavy', T0, 'r1');
    for (let i = 0; i < DETAIL_BOUND; i++) addRequest(v, `https://cdn${i % 50}.example/img${i}.png`, 'image', T0 + i);
    for (let i = 0; i < 500; i++) addRequest(v, `https://tracker.example/p?i=${i}`, 'ping', T0 + 2000 + i);
    setInteraction(v, T0 + 3000);
    for (let i = 0; i < 10; i++) addRequest(v, `https://tracker.example/p?late=${i}`, 'ping', T0 + 4000 + i);
    expect(v.requests).toHaveLength(DETAIL_BOUND + 2);
    expect(v.merged).toBe(510);
    const log = toObservationLog(v);
    const merged = log.requests.slice(DETAIL_BOUND);
    expect(merged.map((r) => [r.count, r.beforeInteraction])).toEqual([
      [500, true],
      [10, false],
    ]);
    expect(log.truncated).toEqual({ requestsDropped: 510 });
    const audit = auditLog(log, loadLists());
    expect(audit.requests.total).toBe(DETAIL_BOUND + 510);
  });

  it('bounds stored URLs', () => {
    const v = newVisit(1, 'https://www.lyon.fr/', T0, 'r1');
    addRequest(v, `https://x.example/${'a'.repeat(5000)}`, 'xmlhttprequest', T0);
    expect(v.requests[0]!.url).toHaveLength(URL_BOUND);
  });

  it('keeps each jar cookie once', () => {
    const v = newVisit(1, 'https://www.lyon.fr/', T0, 'r1');
    expect(addJarCookie(v, { name: '_ga', domain: '.lyon.fr', expiresIn: 63072000 }, T0 + 10)).toBe(true);
    expect(addJarCookie(v, { name: '_ga', domain: '.lyon.fr', expiresIn: 63072000 }, T0 + 20)).toBe(false);
    expect(toObservationLog(v).jarCookies).toEqual([{ name: '_ga', domain: '.lyon.fr', expiresIn: 63072000, beforeInteraction: true }]);
  });
});

describe('parseSetCookie', () => {
  const now = Date.UTC(2026, 0, 1);

  it('reads name, domain and lifetime from Max-Age or Expires', () => {
    expect(parseSetCookie('fr=abc; Max-Age=7776000; Domain=.facebook.com; Path=/; Secure; SameSite=None', now)).toEqual([
      { name: 'fr', domain: '.facebook.com', expiresIn: 7776000 },
    ]);
    expect(parseSetCookie('IDE=x; expires=Fri, 01 Jan 2027 00:00:00 GMT; path=/', now)).toEqual([
      { name: 'IDE', domain: '', expiresIn: 365 * 86400 },
    ]);
    expect(parseSetCookie('sid=1; HttpOnly', now)).toEqual([{ name: 'sid', domain: '', expiresIn: null }]);
  });

  it('reads several cookies joined by newlines (Firefox), skips deletions and garbage', () => {
    expect(parseSetCookie('a=1\nb=2; Max-Age=0\n=nameless\njunk\nc=3; Max-Age=60', now)).toEqual([
      { name: 'a', domain: '', expiresIn: null },
      { name: 'c', domain: '', expiresIn: 60 },
    ]);
  });
});

describe('resourceType', () => {
  it("maps Firefox's names onto Chromium's", () => {
    expect(['beacon', 'imageset', 'script', 'web_manifest', 'made_up'].map(resourceType)).toEqual([
      'ping',
      'image',
      'script',
      'other',
      'other',
    ]);
  });
});

describe('packRequests', () => {
  it('round-trips requests through the storage form, and drops malformed entries', () => {
    const v = newVisit(1, 'https://www.lyon.fr/', T0, 'r1');
    const i = addRequest(v, 'https://fonts.googleapis.com/css', 'stylesheet', T0 + 5);
    addResponse(v, i, '142.250.1.1', [{ name: 'NID', domain: '.google.com', expiresIn: 100 }]);
    for (let k = 0; k < DETAIL_BOUND + 3; k++) addRequest(v, `https://x.example/${k}`, 'image', T0 + 10 + k);
    const packed = packRequests(v.requests);
    expect(typeof packed).toBe('string');
    expect(unpackRequests(packed)).toEqual(v.requests);
    const first = (JSON.parse(packed) as unknown[])[0];
    expect(unpackRequests(JSON.stringify([[1, 2], 'junk', null, first]))).toEqual(v.requests.slice(0, 1));
    expect(unpackRequests(JSON.stringify({ not: 'an array' }))).toEqual([]);
    expect(unpackRequests('[["https://a.fr/", "scr')).toEqual([]); // cut short
    expect(unpackRequests([['https://a.fr/', 'script', null, 1, [], 0, 0]])).toEqual([]); // not a string
  });
});
