// Score an audit with methodology SN-1: every point lost is a deduction with its evidence, reason and remedy.
import type { Category } from './types';
import type { Audit, ServiceSummary } from './audit';
import type { Lists } from './lists';
import {
  METHODOLOGY,
  worseGrade,
  type CriterionId,
  type FindingCode,
  type GateCode,
  type Grade,
} from './methodology';
import { fill, inCountry, pickText, type Lang } from './texts';

export interface Evidence {
  hosts?: string[];
  cookies?: string[];
  service?: string;
  organisation?: string;
  country?: string | null;
  provider?: string;
}

export interface Deduction {
  criterion: CriterionId;
  code: FindingCode;
  points: number;
  evidence: Evidence;
  reason: string;
  remedy: string;
  /** The legal context in one sentence. */
  law: string | null;
}

export interface GateApplied {
  code: GateCode;
  /** The grade the gate allows at best, and what the bands alone gave. */
  maxGrade: Grade;
  bandGrade: Grade;
  reason: string;
  evidence: Evidence;
}

export interface Score {
  methodology: string;
  score: number;
  grade: Grade;
  criteria: Array<{ id: CriterionId; cap: number; raw: number; lost: number }>;
  deductions: Deduction[];
  gates: GateApplied[];
}

const INVASIVE: ReadonlySet<Category> = new Set<Category>(['advertising', 'session-replay', 'fingerprinting']);

type Scorable = Omit<Audit, 'score'>;

/** A point lost, before it is put into words. */
interface Finding {
  criterion: CriterionId;
  code: FindingCode;
  points: number;
  evidence: Evidence;
  /** Values for the reason and remedy templates. */
  vars: Record<string, string>;
  /** Which remedy and legal context fit (the service's category, say). */
  qualifiers: { remedy?: string; law?: string };
}

interface Assessment {
  findings: Finding[];
  criteria: Score['criteria'];
  score: number;
  grade: Grade;
  bandGrade: Grade;
  gates: Array<{ code: GateCode; maxGrade: Grade; evidence: Evidence }>;
}

/** SN-1's findings, caps, bands and gates: everything but the words. */
function assess(audit: Scorable): Assessment {
  const findings: Finding[] = [];
  const find = (code: FindingCode, evidence: Evidence, vars: Record<string, string>, qualifiers: Finding['qualifiers'] = {}) => {
    const { criterion, points } = METHODOLOGY.findings[code];
    findings.push({ criterion, code, points, evidence, vars, qualifiers });
  };

  // C1 jurisdiction: every third-party service, by the class of its parent's country.
  for (const s of audit.thirdParties) {
    const code = METHODOLOGY.jurisdiction[s.countryClass];
    if (!code) continue;
    find(
      code,
      { service: s.key, organisation: s.parent ?? undefined, country: s.country, hosts: s.hosts },
      { service: s.key, parent: s.parent ?? s.key },
      { remedy: s.category ?? undefined, law: s.category ?? undefined },
    );
  }

  // C2 consent: trackers before interaction, counted by organisation; then tracking cookies.
  const early = audit.organisations.filter((o) => o.trackerBeforeInteraction);
  early.forEach((o, i) => {
    const trackers = audit.thirdParties.filter((s) => o.services.includes(s.key) && s.trackerBeforeInteraction);
    const names = trackers.map((s) => s.key).join(', ');
    find(
      i === 0 ? 'C2-tracker-first' : 'C2-tracker-more',
      { organisation: o.parent ?? o.key, country: o.country, hosts: trackers.flatMap((s) => s.hosts) },
      { organisation: o.parent ?? o.key, services: names },
      { remedy: trackers.some((s) => s.category === 'analytics') ? 'analytics' : undefined },
    );
  });
  const badCookies = audit.cookies.filter((c) => c.tracking && (c.beforeInteraction || c.longLived));
  if (badCookies.length) {
    const names = [...new Set(badCookies.map((c) => c.name))].sort();
    find('C2-cookie', { cookies: names }, { cookies: names.join(', ') });
  }

  // C3 infrastructure: a known provider headquartered outside the EU/EEA serves the page, or else its own files.
  const nonEu = (c: string) => c !== 'eu' && c !== 'unknown';
  if (audit.hosting?.provider && nonEu(audit.hosting.countryClass)) {
    const h = audit.hosting;
    find('C3-hosting', { provider: h.provider!, country: h.country, hosts: [audit.page.host] }, { provider: h.provider! });
  } else {
    const fronting = audit.firstParty.networks.filter((n) => nonEu(n.countryClass));
    if (fronting.length) {
      const n = fronting[0]!;
      const hosts = [...new Set(fronting.flatMap((f) => f.hosts))].sort();
      find('C3-cdn', { provider: n.provider!, country: n.country, hosts }, { provider: n.provider!, hosts: hosts.join(', ') });
    }
  }

  // C4 transport.
  if (!audit.transport.https) find('C4-http', { hosts: [audit.page.host] }, {});
  else if (audit.transport.mixedContent.length) {
    find('C4-mixed', { hosts: audit.transport.mixedContent }, { hosts: audit.transport.mixedContent.join(', ') });
  }

  // Caps: C2's trackers share their own cap inside the criterion's.
  const criteria = METHODOLOGY.criteria.map((c) => {
    const own = findings.filter((d) => d.criterion === c.id);
    const raw = own.reduce((sum, d) => sum + d.points, 0);
    let counted = raw;
    if (c.id === 'C2') {
      const trackers = own.filter((d) => d.code.startsWith('C2-tracker')).reduce((sum, d) => sum + d.points, 0);
      counted = raw - trackers + Math.min(trackers, METHODOLOGY.trackerCap);
    }
    return { id: c.id, cap: c.cap, raw, lost: Math.min(counted, c.cap) };
  });
  const total = Math.max(0, 100 - criteria.reduce((sum, c) => sum + c.lost, 0));
  const bandGrade = METHODOLOGY.bands.find((b) => total >= b.min)?.grade ?? 'E';

  // Gates lower the grade the bands give; only those that change it are reported.
  const gates: Assessment['gates'] = [];
  let grade = bandGrade;
  const gate = (code: GateCode, evidence: Evidence) => {
    const { maxGrade } = METHODOLOGY.gates.find((g) => g.code === code)!;
    if (worseGrade(grade, maxGrade) === grade) return;
    gates.push({ code, maxGrade, evidence });
    grade = maxGrade;
  };
  const hostsOf = (list: ServiceSummary[]) => list.flatMap((s) => s.hosts);
  const invasive = audit.thirdParties.filter((s) => s.tracker && s.category !== null && INVASIVE.has(s.category));
  if (invasive.length) gate('G3', { hosts: hostsOf(invasive) });
  const foreignEarly = audit.thirdParties.filter((s) => s.trackerBeforeInteraction && s.countryClass !== 'eu');
  if (foreignEarly.length) gate('G2', { hosts: hostsOf(foreignEarly) });
  const foreign = audit.thirdParties.filter((s) => s.countryClass !== 'eu');
  const anyEarly = audit.thirdParties.filter((s) => s.trackerBeforeInteraction);
  if (!audit.transport.https || foreign.length || anyEarly.length) {
    gate('G1', { hosts: [...new Set([...hostsOf(foreign), ...hostsOf(anyEarly)])].sort() });
  }

  return { findings, criteria, score: total, grade, bandGrade, gates };
}

/**
 * The score and grade alone, for what shows only those (the toolbar badge): putting every deduction into
 * words costs more than finding it, and a busy page is scored again every second.
 */
export function grade(audit: Scorable): Pick<Score, 'score' | 'grade'> {
  const { score, grade } = assess(audit);
  return { score, grade };
}

/** Only the lists' texts are read: a stored audit can be scored again in another language with them alone. */
export function score(audit: Scorable, lists: Pick<Lists, 'texts'>, lang: Lang): Score {
  const { texts } = lists;
  const a = assess(audit);
  const deductions = a.findings.map(({ criterion, code, points, evidence, vars, qualifiers }): Deduction => {
    const family = code.split('-')[0]!;
    const remedyKey = code.startsWith('C2-tracker') ? 'C2-tracker' : code.startsWith('C1-') ? 'C1' : code;
    const values = { ...vars, inCountry: inCountry(texts, evidence.country ?? null, lang) };
    return {
      criterion,
      code,
      points,
      evidence,
      reason: fill(pickText(texts.reasons, [code], lang) ?? code, values),
      remedy: fill(pickText(texts.remedies, [qualifiers.remedy ? `${remedyKey}:${qualifiers.remedy}` : '', remedyKey], lang) ?? '', values),
      law: pickText(texts.law, [qualifiers.law ? `${family}:${qualifiers.law}` : '', code, family], lang),
    };
  });
  const gates = a.gates.map(
    ({ code, maxGrade, evidence }): GateApplied => ({ code, maxGrade, bandGrade: a.bandGrade, reason: pickText(texts.gates, [code], lang) ?? code, evidence }),
  );
  return { methodology: METHODOLOGY.id, score: a.score, grade: a.grade, criteria: a.criteria, deductions, gates };
}
