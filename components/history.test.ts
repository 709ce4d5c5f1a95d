import { describe, expect, it } from 'vitest';
import { groupBySite, historyEntry, retentionPlan, summarise, trend, type HistoryEntry } from './history';
import { exampleAudit } from './test-audits';

const DAY = 86_400_000;

function entry(id: string, site: string, date: number, score = 50): HistoryEntry {
  return { ...historyEntry(id, date, exampleAudit(4)), site, page: `https://${site}/`, score };
}

describe('summarise and historyEntry', () => {
  it('keeps language-neutral figures and the page without its query', () => {
    const audit = exampleAudit(4);
    const e = historyEntry('3:1000', 1000, { ...audit, page: { ...audit.page, url: 'https://www.lyon.fr/demarches?token=abc#x' } });
    expect(e).toMatchObject({ id: '3:1000', site: 'www.lyon.fr', page: 'https://www.lyon.fr/demarches', date: 1000, score: 25, grade: 'E', methodology: 'SN-1' });
    expect(summarise(audit)).toMatchObject({ gafam: ['google', 'meta'], trackersBeforeInteraction: 2, https: true });
    expect(summarise(audit).services).toBe(audit.thirdParties.length);
  });
});

describe('groupBySite and trend', () => {
  const entries = [entry('1', 'www.lyon.fr', 1 * DAY, 40), entry('2', 'www.paris.fr', 2 * DAY), entry('3', 'www.lyon.fr', 3 * DAY, 60)];

  it('groups by site, most recently visited first, and searches site and page', () => {
    expect(groupBySite(entries).map((s) => [s.site, s.visits.map((v) => v.id)])).toEqual([
      ['www.lyon.fr', ['3', '1']],
      ['www.paris.fr', ['2']],
    ]);
    expect(groupBySite(entries, ' LYON ').map((s) => s.site)).toEqual(['www.lyon.fr']);
    expect(groupBySite(entries, 'nantes')).toEqual([]);
  });

  it('gives a site’s scores oldest first', () => {
    expect(trend(groupBySite(entries)[0]!.visits).map((p) => p.score)).toEqual([40, 60]);
  });
});

describe('retentionPlan', () => {
  const now = 100 * DAY;
  const visits = [1, 50, 80, 95, 99].map((d) => ({ id: `v${d}`, date: d * DAY }));

  it('deletes visits older than the retention, and their audits', () => {
    const plan = retentionPlan(visits, visits, { days: 30, maxVisits: 100, fullAudits: 100 }, now);
    expect(plan.deleteVisits.sort()).toEqual(['v1', 'v50']);
    expect(plan.dropAudits).toEqual([]);
  });

  it('keeps full audits for the newest visits only, and at most maxVisits visits', () => {
    const plan = retentionPlan(visits, visits, { days: 365, maxVisits: 4, fullAudits: 2 }, now);
    expect(plan.deleteVisits).toEqual(['v1']);
    expect(plan.dropAudits.sort()).toEqual(['v50', 'v80']);
  });

  it('keeps nothing when the history is off, and drops audits left without a visit', () => {
    expect(retentionPlan(visits, [], { days: 0, maxVisits: 100, fullAudits: 100 }, now).deleteVisits).toHaveLength(5);
    expect(retentionPlan([], [{ id: 'orphan', date: now }], { days: 30, maxVisits: 100, fullAudits: 100 }, now).dropAudits).toEqual(['orphan']);
  });
});
