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
    const { score, ...summary } = during;
    expect(audits.graded(visit)).toEqual({ summary, score: score.score, grade: score.grade });

    // An interaction reported late changes before/after flags: the live audit is rebuilt, still identical.
    setInteraction(visit, T0 + 200);
    live('https://connect.facebook.net/en_US/fbevents.js', 'script', T0 + 3000);
    expect(audits.audit(visit, 'en')).toEqual(auditLog(toObservationLog(visit), lists, { lang: 'en' }));
    expect(audits.audit(visit, 'en').score.deductions.length).toBeGreaterThan(0);
  });
});
