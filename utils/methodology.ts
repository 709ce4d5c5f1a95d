// Methodology SN-1 as data: penalties, caps, grade bands and gates. Changing any number here changes the
// methodology, so it must change the id too (a test pins this table's fingerprint to its id).
import type { CountryClass } from './types';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';
export type CriterionId = 'C1' | 'C2' | 'C3' | 'C4';
export type FindingCode =
  | 'C1-gafam'
  | 'C1-other'
  | 'C1-adequacy'
  | 'C1-unknown'
  | 'C2-tracker-first'
  | 'C2-tracker-more'
  | 'C2-cookie'
  | 'C3-hosting'
  | 'C3-cdn'
  | 'C4-http'
  | 'C4-mixed';
export type GateCode = 'G1' | 'G2' | 'G3';

export interface Methodology {
  id: string;
  criteria: ReadonlyArray<{ id: CriterionId; name: string; cap: number }>;
  findings: Readonly<Record<FindingCode, { criterion: CriterionId; points: number }>>;
  /** C1: points per third-party service, by the class of its ultimate parent's country. */
  jurisdiction: Readonly<Record<CountryClass, FindingCode | null>>;
  /** C2: trackers before interaction are counted per organisation, up to this many points together. */
  trackerCap: number;
  /** Lower bounds of the grade bands, best first; below the last bound, the last grade. */
  bands: ReadonlyArray<{ grade: Grade; min: number }>;
  gates: ReadonlyArray<{ code: GateCode; maxGrade: Grade; rule: string }>;
}

export const METHODOLOGY: Methodology = {
  id: 'SN-1',
  criteria: [
    { id: 'C1', name: 'jurisdiction', cap: 40 },
    { id: 'C2', name: 'consent', cap: 30 },
    { id: 'C3', name: 'infrastructure', cap: 20 },
    { id: 'C4', name: 'transport', cap: 10 },
  ],
  findings: {
    'C1-gafam': { criterion: 'C1', points: 8 },
    'C1-other': { criterion: 'C1', points: 6 },
    'C1-adequacy': { criterion: 'C1', points: 2 },
    'C1-unknown': { criterion: 'C1', points: 2 },
    'C2-tracker-first': { criterion: 'C2', points: 10 },
    'C2-tracker-more': { criterion: 'C2', points: 5 },
    'C2-cookie': { criterion: 'C2', points: 5 },
    'C3-hosting': { criterion: 'C3', points: 15 },
    'C3-cdn': { criterion: 'C3', points: 5 },
    'C4-http': { criterion: 'C4', points: 10 },
    'C4-mixed': { criterion: 'C4', points: 5 },
  },
  jurisdiction: { eu: null, adequacy: 'C1-adequacy', gafam: 'C1-gafam', other: 'C1-other', unknown: 'C1-unknown' },
  trackerCap: 25,
  bands: [
    { grade: 'A', min: 90 },
    { grade: 'B', min: 75 },
    { grade: 'C', min: 55 },
    { grade: 'D', min: 35 },
    { grade: 'E', min: 0 },
  ],
  gates: [
    { code: 'G1', maxGrade: 'B', rule: 'A needs HTTPS, no non-EU/EEA third-party service, no tracker before interaction' },
    { code: 'G2', maxGrade: 'C', rule: 'a tracker of a non-EU/EEA organisation before interaction' },
    { code: 'G3', maxGrade: 'D', rule: 'any advertising, session-replay or fingerprinting tracker' },
  ],
};

export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'E'];

/** The worse of two grades. */
export function worseGrade(a: Grade, b: Grade): Grade {
  return GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b;
}
