import { describe, expect, it } from 'vitest';
import { localiseAudit } from './localise';
import { exampleAudit } from './test-audits';

describe('localiseAudit', () => {
  it('writes a stored audit’s words again in another language, numbers unchanged', () => {
    const en = exampleAudit(4, 'en');
    const fr = exampleAudit(4, 'fr');
    const localised = localiseAudit(en, 'fr');
    expect(localised.score).toEqual(fr.score);
    expect(localised.score.deductions[0]!.reason).not.toBe(en.score.deductions[0]!.reason);
    expect({ ...localised, score: null }).toEqual({ ...en, score: null });
  });

  it('leaves an audit of another methodology as it was recorded', () => {
    const old = { ...exampleAudit(4, 'en'), methodology: 'SN-0' };
    expect(localiseAudit(old, 'fr')).toBe(old);
  });
});
