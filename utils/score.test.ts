// Every worked example of the SN-1 specification, as shared fixtures (tests/fixtures/sn1), is a test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLog } from './audit';
import { grade } from './score';
import { loadLists } from '../cli/lists';
import type { ObservationLog } from './types';

interface Example {
  description: string;
  expected: { score: number; grade: string; criteria: Record<string, number>; deductions: string[] };
  log: ObservationLog;
}

const dir = join(import.meta.dirname, '../tests/fixtures/sn1');
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Example] as const);

describe('SN-1 worked examples', () => {
  it('covers the six examples of the specification', () => {
    expect(examples.map(([f]) => f)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `example-${n}.json`));
  });

  for (const [file, example] of examples) {
    it(`${file}: ${example.description}`, () => {
      const { score } = auditLog(example.log, loadLists());
      expect(score.score).toBe(example.expected.score);
      expect(score.grade).toBe(example.expected.grade);
      expect(Object.fromEntries(score.criteria.map((c) => [c.id, c.lost]))).toEqual(example.expected.criteria);
      expect(score.deductions.map((d) => d.code).sort()).toEqual(example.expected.deductions);
      // The badge's shortcut, without the words, gives the same score and grade.
      const { score: _, ...summary } = auditLog(example.log, loadLists());
      expect(grade(summary)).toEqual({ score: example.expected.score, grade: example.expected.grade });
    });
  }

  it('gives every deduction its evidence, reason, remedy and legal context, in both languages', () => {
    const example4 = examples.find(([f]) => f === 'example-4.json')![1];
    for (const lang of ['en', 'fr'] as const) {
      const { score } = auditLog(example4.log, loadLists(), { lang });
      for (const d of score.deductions) {
        expect(d.reason).not.toMatch(/\{\w+\}/);
        expect(d.remedy.length).toBeGreaterThan(20);
        expect(d.law).toBeTruthy();
        expect(Object.keys(d.evidence).length).toBeGreaterThan(0);
      }
      const hosting = score.deductions.find((d) => d.code === 'C3-hosting')!;
      expect(hosting.evidence.provider).toMatch(/Cloudflare/);
      expect(hosting.reason).toContain(lang === 'fr' ? 'aux États-Unis' : 'in the United States');
    }
  });

  it('is deterministic: the same log gives the same audit, byte for byte', () => {
    for (const [, example] of examples) {
      const a = JSON.stringify(auditLog(example.log, loadLists()));
      const b = JSON.stringify(auditLog(structuredClone(example.log), loadLists()));
      expect(a).toBe(b);
    }
  });
});
