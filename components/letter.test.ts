import { describe, expect, it } from 'vitest';
import { translator } from './i18n';
import { LETTER_FINDINGS, letterText } from './letter';
import { crowdedAudit, exampleAudit } from './test-audits';

describe('letterText', () => {
  it('writes to the webmaster in English, findings by points lost, each with its evidence, law and remedy', () => {
    const audit = exampleAudit(4);
    const text = letterText(audit, { recipient: 'webmaster', extensionVersion: '0.1.0' }, 'en', translator('en'));
    expect(text).toMatch(/^Subject: where the visitors of www\.lyon\.fr are sent\n\nDear webmaster,/);
    expect(text).toContain('https://www.lyon.fr/');
    expect(text).toContain('grade E (25/100) under methodology SN-1');
    const sorted = [...audit.score.deductions].sort((a, b) => b.points - a.points);
    expect(text).toContain(`1. ${sorted[0]!.reason}`);
    for (const d of sorted) expect(text).toContain(d.remedy);
    expect(text).toContain('Legal context:');
    expect(text).toContain('Hosts: ');
    expect(text).toContain('Vigie 0.1.0, methodology SN-1, lists ' + audit.lists);
    expect(text).not.toContain('record of processing activities');
  });

  it('writes to the data-protection officer in French', () => {
    const audit = exampleAudit(4, 'fr');
    const text = letterText(audit, { recipient: 'dpo', extensionVersion: '0.1.0' }, 'fr', translator('fr'));
    expect(text).toMatch(/^Objet : à qui les visiteurs de www\.lyon\.fr sont envoyés\n\nMadame, Monsieur le délégué à la protection des données,/);
    expect(text).toContain('registre des activités de traitement');
    expect(text).toContain('Solution proposée :');
    expect(text).toContain(audit.score.deductions[0]!.remedy);
  });

  it('lists the first findings and points to the report for the others', () => {
    const audit = crowdedAudit(40, 20);
    expect(audit.score.deductions.length).toBeGreaterThan(LETTER_FINDINGS);
    const text = letterText(audit, { recipient: 'webmaster', extensionVersion: '0.1.0' }, 'en', translator('en'));
    expect(text).toContain(`${LETTER_FINDINGS}. `);
    expect(text).not.toContain(`${LETTER_FINDINGS + 1}. `);
    expect(text).toContain(`detailed in the attached report: ${audit.score.deductions.length - LETTER_FINDINGS}.`);
  });

  it('thanks a site with nothing to report', () => {
    const audit = exampleAudit(1);
    expect(audit.score.deductions).toEqual([]);
    const text = letterText(audit, { recipient: 'webmaster', extensionVersion: '0.1.0' }, 'en', translator('en'));
    expect(text).toContain('Vigie found nothing to report');
  });
});
