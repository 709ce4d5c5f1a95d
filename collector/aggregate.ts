// Site aggregates from counters: the median, the grade and the publication threshold are computed from counts of
// (week, grade, score), so they survive the deletion of the raw reports they came from. Pure functions, shared
// by both stores.
import type { Report } from '../utils/anonymise';
import { GRADES, worseGrade, type Grade } from '../utils/methodology';

/**
 * A site is published once this many reports from this many different ISO weeks agree on its grade: a single
 * poisoned report, or one person's reports of a single week, cannot put a site on the map.
 */
export const PUBLICATION = { reports: 3, weeks: 2 } as const;

/** A report accepted by the API, ready to store: its id, the validated report and its canonical JSON. */
export interface Incoming {
  id: string;
  report: Report;
  body: string;
}

export interface ScoreCount {
  week: string;
  grade: Grade;
  score: number;
  reports: number;
}

export interface SiteSummary {
  reports: number;
  /** Median score of all its reports (an integer, or the mean of the two middle ones). */
  median_score: number | null;
  /** The grade its reports agree on, null until published. */
  grade: Grade | null;
  published: boolean;
  first_week: string | null;
  last_week: string | null;
  grades: Record<Grade, number>;
}

export interface WeekSummary {
  week: string;
  reports: number;
  median_score: number;
  /** The grade most of that week's reports gave (the worse one on a tie). */
  grade: Grade;
}

export function emptyGrades(): Record<Grade, number> {
  return { A: 0, B: 0, C: 0, D: 0, E: 0 };
}

/** Median of a histogram of integer scores. */
export function medianOf(counts: ReadonlyArray<{ score: number; reports: number }>): number | null {
  const sorted = [...counts].filter((c) => c.reports > 0).sort((a, b) => a.score - b.score);
  const n = sorted.reduce((sum, c) => sum + c.reports, 0);
  if (n === 0) return null;
  // 1-based ranks of the middle element(s): the same rank when n is odd.
  const lower = Math.floor((n + 1) / 2);
  const upper = Math.floor(n / 2) + 1;
  let seen = 0;
  let low: number | null = null;
  for (const c of sorted) {
    seen += c.reports;
    if (low === null && seen >= lower) low = c.score;
    if (seen >= upper) return (low! + c.score) / 2;
  }
  return null;
}

export function summarise(rows: readonly ScoreCount[]): SiteSummary {
  const grades = emptyGrades();
  const byGrade = new Map<Grade, { reports: number; weeks: Set<string>; last: string }>();
  let first: string | null = null;
  let last: string | null = null;
  let reports = 0;
  for (const r of rows) {
    if (r.reports <= 0) continue;
    reports += r.reports;
    grades[r.grade] += r.reports;
    if (first === null || r.week < first) first = r.week;
    if (last === null || r.week > last) last = r.week;
    const g = byGrade.get(r.grade) ?? { reports: 0, weeks: new Set<string>(), last: r.week };
    g.reports += r.reports;
    g.weeks.add(r.week);
    if (r.week > g.last) g.last = r.week;
    byGrade.set(r.grade, g);
  }
  // Among the grades that meet the threshold: the one most reports give, then the most recently seen, then the
  // worse (a tie is no reason to flatter a site).
  let grade: Grade | null = null;
  for (const candidate of GRADES) {
    const g = byGrade.get(candidate);
    if (!g || g.reports < PUBLICATION.reports || g.weeks.size < PUBLICATION.weeks) continue;
    if (grade === null) {
      grade = candidate;
      continue;
    }
    const best = byGrade.get(grade)!;
    if (g.reports > best.reports || (g.reports === best.reports && (g.last > best.last || (g.last === best.last && worseGrade(candidate, grade) === candidate)))) {
      grade = candidate;
    }
  }
  return { reports, median_score: medianOf(rows), grade, published: grade !== null, first_week: first, last_week: last, grades };
}

export function weeklyHistory(rows: readonly ScoreCount[]): WeekSummary[] {
  const weeks = new Map<string, ScoreCount[]>();
  for (const r of rows) if (r.reports > 0) weeks.set(r.week, [...(weeks.get(r.week) ?? []), r]);
  return [...weeks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, list]) => {
      const grades = emptyGrades();
      for (const r of list) grades[r.grade] += r.reports;
      const grade = GRADES.reduce((best, g) => (grades[g] >= grades[best] ? g : best), 'A' as Grade);
      return { week, reports: list.reduce((s, r) => s + r.reports, 0), median_score: medianOf(list)!, grade };
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Third parties: who a site sends its visitors to, with the share of its reports that saw each.

export interface ThirdPartyLabel {
  organisation: string | null;
  parent: string | null;
  country: string | null;
  category: string | null;
  gafam: string | null;
  tracker: boolean;
}

/**
 * The description of a third party a report gave, as one key. Reports are counted per description, and the one
 * most reports give is published: one report cannot rename google-analytics.com.
 */
export function labelOf(t: Report['third_parties'][number]): string {
  return JSON.stringify([t.organisation, t.parent, t.country, t.category, t.gafam, t.tracker]);
}

export function parseLabel(label: string): ThirdPartyLabel {
  const [organisation, parent, country, category, gafam, tracker] = JSON.parse(label) as [
    string | null, string | null, string | null, string | null, string | null, boolean,
  ];
  return { organisation, parent, country, category, gafam, tracker };
}

/** Counts of reports that saw a domain under one description (weeks folded). */
export interface ThirdPartyCount {
  site: string;
  domain: string;
  label: string;
  reports: number;
  first_week: string;
  last_week: string;
}

export interface SiteThirdParty extends ThirdPartyLabel {
  domain: string;
  reports: number;
  /** Share of the site's reports that saw it, 0..1. */
  share: number;
  first_week: string;
  last_week: string;
}

function byMostReports<T extends { reports: number; label: string }>(a: T, b: T): number {
  return b.reports - a.reports || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

export function summariseThirdParties(rows: readonly ThirdPartyCount[], siteReports: number): SiteThirdParty[] {
  const domains = new Map<string, ThirdPartyCount[]>();
  for (const r of rows) domains.set(r.domain, [...(domains.get(r.domain) ?? []), r]);
  return [...domains.entries()]
    .map(([domain, list]) => {
      const label = [...list].sort(byMostReports)[0]!.label;
      const reports = list.reduce((s, r) => s + r.reports, 0);
      return {
        domain,
        ...parseLabel(label),
        reports,
        share: siteReports > 0 ? Math.round((reports / siteReports) * 10_000) / 10_000 : 0,
        first_week: list.reduce((w, r) => (r.first_week < w ? r.first_week : w), list[0]!.first_week),
        last_week: list.reduce((w, r) => (r.last_week > w ? r.last_week : w), list[0]!.last_week),
      };
    })
    .sort((a, b) => b.reports - a.reports || (a.domain < b.domain ? -1 : 1));
}

/** The description most reports give for each domain. */
export function commonLabels(rows: ReadonlyArray<{ domain: string; label: string; reports: number }>): Map<string, ThirdPartyLabel> {
  const best = new Map<string, { label: string; reports: number }>();
  for (const r of rows) {
    const b = best.get(r.domain);
    if (!b || byMostReports(r, b) < 0) best.set(r.domain, { label: r.label, reports: r.reports });
  }
  return new Map([...best].map(([domain, b]) => [domain, parseLabel(b.label)]));
}

// ---------------------------------------------------------------------------------------------------------------
// Public body: which list says the site is public. Most reports win, as for third parties.

export interface BodyCount {
  site: string;
  source: string;
  /** '' when the source gives no id. */
  body_id: string;
  reports: number;
}

export function commonBody(rows: readonly BodyCount[]): { source: string; id: string | null } | null {
  const sorted = [...rows].sort(
    (a, b) => b.reports - a.reports || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.body_id < b.body_id ? -1 : 1),
  );
  const top = sorted[0];
  return top ? { source: top.source, id: top.body_id || null } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// A batch of incoming reports as the counter increments it makes, in a fixed order (sites sorted) so that
// concurrent writers on PostgreSQL always lock rows in the same order and never deadlock.

export interface BatchPlan {
  sites: string[];
  reports: Incoming[];
  scores: Array<ScoreCount & { site: string }>;
  thirdParties: Array<{ site: string; week: string; domain: string; label: string; reports: number }>;
  bodies: BodyCount[];
}

const sortedValues = <T>(map: Map<string, T>): T[] => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

export function planBatch(items: readonly Incoming[]): BatchPlan {
  const scores = new Map<string, ScoreCount & { site: string }>();
  const thirdParties = new Map<string, BatchPlan['thirdParties'][number]>();
  const bodies = new Map<string, BodyCount>();
  const sites = new Set<string>();
  // Plain loops, no callbacks: this runs for every report stored. NUL separates key parts (the schema refuses
  // control characters in every field).
  for (const { report: r } of items) {
    sites.add(r.site);
    const scoreKey = `${r.site}\u0000${r.week}\u0000${r.grade}\u0000${r.score}`;
    const score = scores.get(scoreKey);
    if (score) score.reports += 1;
    else scores.set(scoreKey, { site: r.site, week: r.week, grade: r.grade, score: r.score, reports: 1 });

    const bodyId = r.public_body.id ?? '';
    const bodyKey = `${r.site}\u0000${r.public_body.source}\u0000${bodyId}`;
    const body = bodies.get(bodyKey);
    if (body) body.reports += 1;
    else bodies.set(bodyKey, { site: r.site, source: r.public_body.source, body_id: bodyId, reports: 1 });

    for (const t of r.third_parties) {
      const label = labelOf(t);
      const key = `${r.site}\u0000${r.week}\u0000${t.domain}\u0000${label}`;
      const seen = thirdParties.get(key);
      if (seen) seen.reports += 1;
      else thirdParties.set(key, { site: r.site, week: r.week, domain: t.domain, label, reports: 1 });
    }
  }
  return {
    sites: [...sites].sort(),
    reports: [...items],
    scores: sortedValues(scores),
    thirdParties: sortedValues(thirdParties),
    bodies: sortedValues(bodies),
  };
}
