// The score is data: its numbers are pinned to the methodology id, so changing one without a new id fails here.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { METHODOLOGY, worseGrade } from './methodology';

const PINNED: Record<string, string> = {
  'SN-1': 'ff6cafb7692cb189',
};

describe('methodology table', () => {
  it('matches the fingerprint recorded for its id', () => {
    const { id, ...table } = METHODOLOGY;
    const fingerprint = createHash('sha256').update(JSON.stringify(table)).digest('hex').slice(0, 16);
    expect(PINNED[id], `a changed SN-1 table needs a new methodology id (fingerprint ${fingerprint})`).toBe(fingerprint);
  });

  it('has the caps and bands of the specification', () => {
    expect(METHODOLOGY.criteria.map((c) => [c.id, c.cap])).toEqual([['C1', 40], ['C2', 30], ['C3', 20], ['C4', 10]]);
    expect(METHODOLOGY.bands.map((b) => `${b.grade}${b.min}`)).toEqual(['A90', 'B75', 'C55', 'D35', 'E0']);
  });

  it('orders grades', () => {
    expect(worseGrade('A', 'C')).toBe('C');
    expect(worseGrade('E', 'B')).toBe('E');
  });
});
