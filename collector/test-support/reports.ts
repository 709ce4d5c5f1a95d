// Valid reports made to order for tests and benchmarks: any site, week and grade, coherent with SN-1.
import type { Report } from '../../utils/anonymise';
import { worseGrade, type FindingCode, type Grade } from '../../utils/methodology';
import { EXAMPLE_REPORT, bandOf, scoreOfDeductions, validateReport } from '../../utils/report-schema';
import { METHODOLOGY } from '../../utils/methodology';

/** Per grade, sets of findings whose score's band allows that grade; `variant` picks one (scores differ). */
const PRESETS: Record<Grade, FindingCode[][]> = {
  A: [[], ['C1-unknown'], ['C1-unknown', 'C1-unknown']],
  B: [['C1-gafam'], ['C1-gafam', 'C1-other'], ['C1-gafam', 'C1-gafam']],
  C: [['C1-gafam', 'C2-tracker-first', 'C2-cookie'], ['C1-gafam', 'C1-gafam', 'C2-tracker-first', 'C2-cookie'], ['C1-gafam', 'C1-gafam', 'C1-gafam', 'C2-tracker-first']],
  D: [
    ['C1-gafam', 'C1-gafam', 'C1-gafam', 'C2-tracker-first', 'C2-tracker-more', 'C3-hosting'],
    ['C1-gafam', 'C1-gafam', 'C1-gafam', 'C1-gafam', 'C2-tracker-first', 'C2-cookie', 'C3-hosting'],
    ['C1-gafam', 'C1-gafam', 'C2-tracker-first', 'C2-tracker-more', 'C2-cookie', 'C3-hosting'],
  ],
  E: [
    ['C1-gafam', 'C1-gafam', 'C1-gafam', 'C1-gafam', 'C1-gafam', 'C2-tracker-first', 'C2-tracker-more', 'C2-tracker-more', 'C2-tracker-more', 'C2-cookie', 'C3-hosting', 'C4-http'],
    ['C1-gafam', 'C1-gafam', 'C1-gafam', 'C1-gafam', 'C1-gafam', 'C2-tracker-first', 'C2-tracker-more', 'C3-hosting', 'C4-http'],
    ['C1-gafam', 'C1-gafam', 'C1-gafam', 'C1-gafam', 'C1-gafam', 'C2-tracker-first', 'C2-tracker-more', 'C2-cookie', 'C3-hosting'],
  ],
};

export interface ReportOptions {
  site?: string;
  week?: string;
  grade?: Grade;
  /** Which preset of the grade (0..2): a different score. */
  variant?: number;
  /** Third-party domains (the example's three by default). */
  thirdParties?: string[];
  source?: string;
}

export function makeReport(options: ReportOptions = {}): Report {
  const grade = options.grade ?? 'C';
  const presets = PRESETS[grade];
  const codes = presets[(options.variant ?? 0) % presets.length]!;
  const deductions = codes.map((code) => ({ code, points: METHODOLOGY.findings[code].points }));
  const score = scoreOfDeductions(deductions);
  if (worseGrade(bandOf(score), grade) !== grade) throw new Error(`preset for ${grade} scores ${score}`);
  const template = EXAMPLE_REPORT.third_parties[0]!;
  const thirdParties = options.thirdParties
    ? options.thirdParties.map((domain, i) => ({ ...(EXAMPLE_REPORT.third_parties[i % 3] ?? template), domain }))
    : structuredClone(EXAMPLE_REPORT.third_parties);
  const report: Report = {
    ...structuredClone(EXAMPLE_REPORT),
    site: options.site ?? EXAMPLE_REPORT.site,
    week: options.week ?? EXAMPLE_REPORT.week,
    public_body: options.source ? { source: options.source } : { ...EXAMPLE_REPORT.public_body },
    third_parties: thirdParties,
    https: !codes.includes('C4-http'),
    score,
    grade,
    deductions,
  };
  const check = validateReport(report);
  if ('errors' in check) throw new Error(`test report is invalid: ${check.errors.join('; ')}`);
  return report;
}
