// The shared report schema: what anonymise() makes passes, anything else is refused with a readable path.
/* eslint-disable @typescript-eslint/no-explicit-any -- reports are edited as plain JSON to break them */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anonymise, type Report } from './anonymise';
import { auditLog } from './audit';
import { loadLists } from '../cli/lists';
import type { ObservationLog } from './types';
import { EXAMPLE_REPORT, reportJsonSchema, scoreOfDeductions, validateReport } from './report-schema';

const dir = join(import.meta.dirname, '../tests/fixtures/sn1');
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as { log: ObservationLog }] as const);

/** A deep copy of the example report with one change made by `edit`. */
function variant(edit: (r: Record<string, any>) => void): unknown {
  const copy = structuredClone(EXAMPLE_REPORT) as Record<string, any>;
  edit(copy);
  return copy;
}

function errorsOf(value: unknown): string[] {
  const result = validateReport(value);
  if ('report' in result) throw new Error('expected the report to be refused');
  return result.errors;
}

describe('validateReport on real reports', () => {
  it('accepts the example report and returns an equal, fresh copy', () => {
    const result = validateReport(EXAMPLE_REPORT);
    expect(result).toEqual({ report: EXAMPLE_REPORT });
    expect((result as { report: Report }).report).not.toBe(EXAMPLE_REPORT);
  });

  it.each(examples)('accepts what anonymise() makes of the SN-1 fixture %s', (_file, example) => {
    const audit = auditLog(example.log, loadLists());
    const result = anonymise(audit, { client: { extension: '0.1.0', engine: 'gecko', major: 140 } });
    if ('refused' in result) throw new Error(result.refused);
    expect(validateReport(result.report)).toEqual({ report: result.report });
    // A round trip through JSON (what the collector receives) changes nothing either.
    expect(validateReport(JSON.parse(JSON.stringify(result.report)))).toEqual({ report: result.report });
  });

  it.each(examples)('recomputes the score of %s from its deductions alone', (_file, example) => {
    const { score } = auditLog(example.log, loadLists());
    expect(scoreOfDeductions(score.deductions)).toBe(score.score);
  });
});

describe('validateReport refuses', () => {
  it('anything but an object', () => {
    for (const value of [null, 1, 'report', [], true, undefined]) expect(errorsOf(value)[0]).toMatch(/^report: expected an object/);
  });

  it('unknown fields at every level', () => {
    expect(errorsOf(variant((r) => (r.ip = '203.0.113.7')))).toEqual(['ip: unknown field (not allowed in a report)']);
    expect(errorsOf(variant((r) => (r.client.userAgent = 'Mozilla/5.0')))).toEqual(['client.userAgent: unknown field (not allowed in a report)']);
    expect(errorsOf(variant((r) => (r.third_parties[2].url = 'https://x.example/?q=1')))).toEqual([
      'third_parties[2].url: unknown field (not allowed in a report)',
    ]);
    expect(errorsOf(variant((r) => (r.hosting.ip = '51.91.10.20')))).toEqual(['hosting.ip: unknown field (not allowed in a report)']);
    expect(errorsOf(variant((r) => (r.deductions[0].evidence = 'x')))).toEqual(['deductions[0].evidence: unknown field (not allowed in a report)']);
    const polluted = errorsOf(JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(EXAMPLE_REPORT).slice(1)}`));
    expect(polluted).toEqual(['__proto__: unknown field (not allowed in a report)']);
  });

  it('missing fields, naming what was expected', () => {
    expect(errorsOf(variant((r) => delete r.week))).toEqual(['week: missing (expected an ISO week such as 2026-W48)']);
    expect(errorsOf(variant((r) => delete r.third_parties[1].tracker))).toEqual(['third_parties[1].tracker: missing (expected true or false)']);
  });

  it('wrong types and values, with the path of the field', () => {
    expect(errorsOf(variant((r) => (r.third_parties[1].country = 'France')))).toEqual([
      'third_parties[1].country: expected null or a two-letter country code (ISO 3166-1 alpha-2, or EU), got the string "France"',
    ]);
    expect(errorsOf(variant((r) => (r.score = 67.5)))[0]).toBe('score: expected an integer from 0 to 100, got 67.5');
    expect(errorsOf(variant((r) => (r.score = '67')))[0]).toBe('score: expected an integer from 0 to 100, got the string "67"');
    expect(errorsOf(variant((r) => (r.grade = 'F')))[0]).toMatch(/^grade: expected one of "A", "B", "C", "D", "E", got the string "F"$/);
    expect(errorsOf(variant((r) => (r.schema = 'vigie.report/2')))[0]).toMatch(/^schema: expected "vigie.report\/1"/);
    expect(errorsOf(variant((r) => (r.methodology = 'SN-0')))[0]).toMatch(/^methodology: expected "SN-1"/);
    expect(errorsOf(variant((r) => (r.client.engine = 'webkit')))[0]).toMatch(/^client.engine: expected one of "chromium", "gecko"/);
    expect(errorsOf(variant((r) => (r.https = 'yes')))[0]).toMatch(/^https: expected true or false/);
    expect(errorsOf(variant((r) => (r.third_parties[0].requests = 3)))[0]).toMatch(/^third_parties\[0\].requests: expected one of "1", "2-5"/);
    expect(errorsOf(variant((r) => (r.third_parties[0].category = 'spyware')))[0]).toMatch(/^third_parties\[0\].category: expected null or one of/);
    expect(errorsOf(variant((r) => (r.deductions[4].code = 'C9-x')))[0]).toMatch(/^deductions\[4\].code: expected one of "C1-gafam"/);
    expect(errorsOf(variant((r) => (r.hosting = 'OVH')))[0]).toMatch(/^hosting: expected null or an object/);
    expect(errorsOf(variant((r) => (r.third_parties = {})))[0]).toMatch(/^third_parties: expected an array/);
  });

  it('host names that are not plain host names', () => {
    for (const site of ['WWW.LYON.FR', 'lyon', 'https://www.lyon.fr/', 'www.lyon.fr/path', '203.0.113.7', 'jean@lyon.fr', 'a'.repeat(64) + '.fr', '-x.fr', '']) {
      expect(errorsOf(variant((r) => (r.site = site)))[0], site).toMatch(/^site: expected a host name/);
    }
    expect(errorsOf(variant((r) => (r.third_parties[0].domain = 'fonts.googleapis.com:443')))[0]).toMatch(/^third_parties\[0\].domain:/);
  });

  it('weeks that are not ISO weeks, or a week 53 the year does not have', () => {
    for (const week of ['2026-48', '2026-W00', '2026-W54', '2026-W5', '1999-W10', '2026-11-23']) {
      expect(errorsOf(variant((r) => (r.week = week)))[0], week).toMatch(/^week: expected an ISO week/);
    }
    expect(errorsOf(variant((r) => (r.week = '2025-W53')))).toEqual(['week: 2025 has no ISO week 53']);
    expect(validateReport(variant((r) => (r.week = '2026-W53')))).toHaveProperty('report');
  });

  it('strings too long, free text with control characters, oversized arrays', () => {
    expect(errorsOf(variant((r) => (r.third_parties[0].organisation = 'x'.repeat(201))))[0]).toMatch(
      /^third_parties\[0\].organisation: expected null or an organisation name of at most 200 characters, got the string "x{40}…" \(201 characters\)$/,
    );
    expect(errorsOf(variant((r) => (r.hosting.provider = 'OVH\u0000cloud')))[0]).toMatch(/^hosting.provider: .*without control characters/);
    expect(errorsOf(variant((r) => (r.hosting.provider = ' OVHcloud')))[0]).toMatch(/^hosting.provider: .*surrounding spaces/);
    expect(errorsOf(variant((r) => (r.public_body.id = 'x\ud800')))[0]).toMatch(/^public_body.id: /);
    expect(errorsOf(variant((r) => (r.cookies.tracking_names = Array.from({ length: 101 }, (_, i) => `c${i}`))))).toEqual([
      'cookies.tracking_names: expected at most 100 items, got 101',
    ]);
    expect(errorsOf(variant((r) => (r.cookies.third_party = -1)))[0]).toMatch(/^cookies.third_party: expected an integer from 0 to 100000/);
  });

  it('duplicates where entries must be unique', () => {
    expect(errorsOf(variant((r) => r.third_parties.push({ ...r.third_parties[0] })))).toEqual([
      'third_parties[3].domain: duplicate of third_parties[0]',
    ]);
    expect(errorsOf(variant((r) => r.cookies.tracking_names.push('_ga')))).toEqual(['cookies.tracking_names[2]: duplicate of cookies.tracking_names[0]']);
  });

  it('scores, points and grades that do not add up', () => {
    expect(errorsOf(variant((r) => (r.deductions[0].points = 1)))).toEqual(['deductions[0].points: expected 8 for C1-gafam (SN-1), got 1']);
    expect(errorsOf(variant((r) => (r.score = 90)))).toEqual(['score: expected 67 from the deductions, got 90']);
    expect(errorsOf(variant((r) => (r.grade = 'A')))).toEqual(['grade: a score of 67 gives at best C, got A']);
    // Gates only lower a grade: a worse grade than the band is coherent.
    expect(validateReport(variant((r) => (r.grade = 'D')))).toHaveProperty('report');
    expect(errorsOf(variant((r) => (r.public_body = { source: 'suffix:gouv.fr' })))).toEqual([
      'public_body.source: the site www.example-ville.fr is not under the suffix gouv.fr',
    ]);
    expect(validateReport(variant((r) => ((r.site = 'www.interieur.gouv.fr'), (r.public_body = { source: 'suffix:gouv.fr' }))))).toHaveProperty('report');
  });

  it('keeps its answer bounded for hostile input', () => {
    const junk = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    expect(errorsOf(junk)).toHaveLength(20);
  });
});

describe('reportJsonSchema', () => {
  it('describes every field, strictly', () => {
    const schema = reportJsonSchema() as { additionalProperties: boolean; required: string[]; properties: Record<string, any> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required.sort()).toEqual(Object.keys(EXAMPLE_REPORT).sort());
    expect(schema.properties.third_parties.items.additionalProperties).toBe(false);
    expect(schema.properties.public_body.required).toEqual(['source']);
    expect(schema.properties.site.pattern).toBe(
      '^(?=.{1,253}$)(?!.*\\.\\d+$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$',
    );
    // The JSON Schema is plain data: it survives JSON.
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
