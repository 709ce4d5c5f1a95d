// The audit kept in step with a visit must be exactly the audit of the visit's stored log.
import { describe, expect, it } from 'vitest';
import { loadLists } from '../../cli/lists';
import { auditLog } from '../../utils/audit';
import { LiveAudits } from './live-audit';
import { DETAIL_BOUND, addJarCookie, addRequest, addResponse, newVisit, setInteraction, toObservationLog } from './visit';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

describe('LiveAudits', () => {
  it('folds as requests, responses and cookies arrive, to the same audit as the stored log gives', () => {
    const lists = loadLists();
    const audits = new LiveAudits(() => lists);
    const visit = newVisit(3, 'https://www.lyon.fr/', T0, 'main');
    const live = (url: string, type: Parameters<typeof addRequest>[2], at: number) => {
      const i = addRequest(visit, url, type, at);
      audits.request(visit, i);
      return i;
    };
    const respond = (i: number, ip: string | null, cookies: Parameters<typeof addResponse>[3]) => {
      const added = addResponse(visit, i, ip, cookies);
      audits.response(visit, i, added.serverIp, added.cookies);
    };
    // The first read builds the live audit; from then on everything is folded in as it comes.
    const main = live('https://www.lyon.fr/', 'main_frame', T0);
    expect(audits.audit(visit, 'en').requests.total).toBe(1);
    visit.serverIp = '51.91.10.20';
    respond(main, '51.91.10.20', [{ name: 'session', domain: '', expiresIn: null }]);
    const ga = live('https://www.google-analytics.com/g/collect?v=2', 'ping', T0 + 300);
    const fonts = live('https://fonts.googleapis.com/css2?family=X', 'stylesheet', T0 + 100);
    respond(fonts, '142.250.1.1', [{ name: 'NID', domain: '.google.com', expiresIn: 15_552_000 }]);
    respond(ga, '142.250.1.2', []);
    const img = live('https://static.lyon.fr/a.png', 'image', T0 + 150);
    respond(img, '104.16.1.1', []);
    if (addJarCookie(visit, { name: '_ga', domain: '.lyon.fr', expiresIn: 63_072_000 }, T0 + 400)) {
      audits.jarCookie(visit, { name: '_ga', domain: '.lyon.fr', expiresIn: 63_072_000 }, T0 + 400);
    }
    for (let i = 0; i < DETAIL_BOUND + 30; i++) live(`https://cdn${i % 7}.example-vendor.com/p${i}.gif`, 'image', T0 + 500 + i);
    const during = audits.audit(visit, 'fr');
    expect(during).toEqual(auditLog(toObservationLog(visit), lists, { lang: 'fr' }));
    expect(audits.badge(visit)).toMatchObject({
      score: during.score.score,
      grade: during.score.grade,
      thirdParties: during.thirdParties.length,
      publicSector: during.page.publicSector !== null,
    });

    // An interaction reported late changes before/after flags: the live audit is rebuilt, still identical.
    setInteraction(visit, T0 + 200);
    live('https://connect.facebook.net/en_US/fbevents.js', 'script', T0 + 3000);
    expect(audits.audit(visit, 'en')).toEqual(auditLog(toObservationLog(visit), lists, { lang: 'en' }));
    expect(audits.audit(visit, 'en').score.deductions.length).toBeGreaterThan(0);
  });

  it('scores the badge again whenever one thing SN-1 reads changes, and only the score of the whole visit', () => {
    const lists = loadLists();
    const audits = new LiveAudits(() => lists);
    const visit = newVisit(4, 'https://www.lyon.fr/', T0, 'main');
    visit.serverIp = '51.91.10.20'; // OVHcloud: European hosting, so that the site's CDN can count on its own
    const fetch = (url: string, at: number, ip: string | null = null, cookies: Parameters<typeof addResponse>[3] = []) => {
      const i = addRequest(visit, url, 'script', at);
      audits.request(visit, i);
      const added = addResponse(visit, i, ip, cookies);
      audits.response(visit, i, added.serverIp, added.cookies);
    };
    setInteraction(visit, T0 + 1_000);
    let previous = audits.badge(visit).score;
    // Each step changes one thing only (a request to a third party already counted changes nothing).
    const steps: Array<[string, () => void]> = [
      ['a first third party', () => fetch('https://fonts.googleapis.com/css2?family=X', T0 + 100)],
      ['the site’s own files from a US CDN', () => fetch('https://static.lyon.fr/app.js', T0 + 200, '104.16.1.1')],
      ['a tracker, after the interaction', () => fetch('https://www.google-analytics.com/g/collect?v=2', T0 + 2_000)],
      ['the same tracker, reported late, before it', () => fetch('https://www.google-analytics.com/g/collect?v=3', T0 + 500)],
      ['mixed content from a host already counted', () => fetch('http://fonts.googleapis.com/css2?family=Y', T0 + 2_100)],
      ['a long-lived tracking cookie on a known service', () => fetch('https://fonts.googleapis.com/css2?family=Z', T0 + 300, null, [{ name: 'NID', domain: '.google.com', expiresIn: 63_072_000 }])],
      ['the hosting of the page', () => (visit.serverIp = '142.250.1.1')],
    ];
    for (const [what, step] of steps) {
      step();
      const whole = auditLog(toObservationLog(visit), lists);
      const badge = audits.badge(visit);
      expect(badge, what).toMatchObject({ score: whole.score.score, grade: whole.score.grade, thirdParties: whole.thirdParties.length });
      expect(badge.score, `${what} moves the score`).not.toBe(previous);
      previous = badge.score;
      fetch('https://fonts.googleapis.com/css2?family=again', T0 + 2_200);
      expect(audits.badge(visit), `${what}, then a request that changes nothing`).toBe(badge);
    }
  });
});
