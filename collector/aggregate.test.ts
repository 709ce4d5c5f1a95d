// Aggregates from counters: median, threshold, grade choice, weekly history, third-party shares and labels.
import { describe, expect, it } from 'vitest';
import { commonBody, commonLabels, labelOf, medianOf, planBatch, summarise, summariseThirdParties, weeklyHistory, type ScoreCount } from './aggregate';
import { makeReport } from './test-support/reports';

const row = (week: string, grade: ScoreCount['grade'], score: number, reports = 1): ScoreCount => ({ week, grade, score, reports });

describe('medianOf', () => {
  it('reads the median of a histogram, odd or even', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([{ score: 40, reports: 1 }])).toBe(40);
    expect(medianOf([{ score: 40, reports: 1 }, { score: 60, reports: 1 }])).toBe(50);
    expect(medianOf([{ score: 90, reports: 1 }, { score: 10, reports: 2 }])).toBe(10);
    expect(medianOf([{ score: 10, reports: 2 }, { score: 90, reports: 2 }])).toBe(50);
    expect(medianOf([{ score: 10, reports: 0 }, { score: 90, reports: 3 }])).toBe(90);
  });
});

describe('summarise', () => {
  it('publishes once 3 reports from 2 weeks agree on a grade', () => {
    expect(summarise([row('2026-W40', 'C', 60), row('2026-W41', 'C', 62)])).toMatchObject({ published: false, grade: null, reports: 2 });
    expect(summarise([row('2026-W40', 'C', 60, 3)])).toMatchObject({ published: false, grade: null });
    expect(summarise([row('2026-W40', 'C', 60, 2), row('2026-W41', 'C', 61)])).toMatchObject({
      published: true, grade: 'C', reports: 3, median_score: 60, first_week: '2026-W40', last_week: '2026-W41',
    });
  });

  it('picks the grade most agreeing reports give, then the most recent, then the worse', () => {
    const most = summarise([row('2026-W40', 'B', 80, 4), row('2026-W41', 'B', 80), row('2026-W40', 'D', 40, 2), row('2026-W42', 'D', 40)]);
    expect(most.grade).toBe('B');
    const recent = summarise([row('2026-W40', 'B', 80, 2), row('2026-W41', 'B', 80), row('2026-W41', 'D', 40, 2), row('2026-W42', 'D', 40)]);
    expect(recent.grade).toBe('D');
    const worse = summarise([row('2026-W40', 'B', 80, 2), row('2026-W42', 'B', 80), row('2026-W40', 'D', 40, 2), row('2026-W42', 'D', 40)]);
    expect(worse.grade).toBe('D');
    expect(worse.grades).toEqual({ A: 0, B: 3, C: 0, D: 3, E: 0 });
  });

  it('gives each week its reports, median and most common grade', () => {
    expect(weeklyHistory([row('2026-W41', 'C', 60), row('2026-W40', 'A', 95, 2), row('2026-W41', 'D', 40), row('2026-W41', 'D', 50)])).toEqual([
      { week: '2026-W40', reports: 2, median_score: 95, grade: 'A' },
      { week: '2026-W41', reports: 3, median_score: 50, grade: 'D' },
    ]);
  });
});

describe('third parties and public bodies', () => {
  it('sums reports per domain, keeps the description most reports give, and computes shares', () => {
    const google = labelOf(makeReport().third_parties[0]!);
    const forged = JSON.stringify(['Acme', null, 'FR', null, null, false]);
    const tps = summariseThirdParties(
      [
        { site: 's', domain: 'fonts.googleapis.com', label: google, reports: 3, first_week: '2026-W40', last_week: '2026-W42' },
        { site: 's', domain: 'fonts.googleapis.com', label: forged, reports: 1, first_week: '2026-W39', last_week: '2026-W39' },
        { site: 's', domain: 'x.example', label: forged, reports: 1, first_week: '2026-W41', last_week: '2026-W41' },
      ],
      8,
    );
    expect(tps).toEqual([
      { domain: 'fonts.googleapis.com', organisation: 'Google', parent: 'Alphabet', country: 'US', category: 'fonts', gafam: 'google', tracker: false, reports: 4, share: 0.5, first_week: '2026-W39', last_week: '2026-W42' },
      { domain: 'x.example', organisation: 'Acme', parent: null, country: 'FR', category: null, gafam: null, tracker: false, reports: 1, share: 0.125, first_week: '2026-W41', last_week: '2026-W41' },
    ]);
    expect(commonLabels([{ domain: 'd', label: forged, reports: 1 }, { domain: 'd', label: google, reports: 2 }]).get('d')).toMatchObject({ organisation: 'Google' });
    expect(commonBody([{ site: 's', source: 'user', body_id: '', reports: 1 }, { site: 's', source: 'fr-dinum', body_id: '42', reports: 2 }])).toEqual({ source: 'fr-dinum', id: '42' });
    expect(commonBody([{ site: 's', source: 'user', body_id: '', reports: 1 }])).toEqual({ source: 'user', id: null });
  });
});

describe('planBatch', () => {
  it('folds a batch into counter increments, sites in order', () => {
    const a = makeReport({ site: 'b.example.fr', week: '2026-W40' });
    const b = makeReport({ site: 'a.example.fr', week: '2026-W40' });
    const plan = planBatch([a, a, b].map((report, i) => ({ id: String(i), report, body: JSON.stringify(report) })));
    expect(plan.sites).toEqual(['a.example.fr', 'b.example.fr']);
    expect(plan.scores).toEqual([
      { site: 'a.example.fr', week: '2026-W40', grade: 'C', score: 77, reports: 1 },
      { site: 'b.example.fr', week: '2026-W40', grade: 'C', score: 77, reports: 2 },
    ]);
    expect(plan.thirdParties.filter((t) => t.site === 'b.example.fr').map((t) => [t.domain, t.reports])).toEqual([
      ['fonts.googleapis.com', 2], ['google-analytics.com', 2], ['matomo.example-agglo.fr', 2],
    ]);
    expect(plan.bodies).toEqual([
      { site: 'a.example.fr', source: 'fr-dinum', body_id: 'example-ville.fr', reports: 1 },
      { site: 'b.example.fr', source: 'fr-dinum', body_id: 'example-ville.fr', reports: 2 },
    ]);
  });
});
