import { describe, expect, it } from 'vitest';
import { translator } from './i18n';
import { cookiesTable, lifetime, publicBodyName, seconds, servicesTable, timelineTable } from './report-tables';
import { exampleAudit } from './test-audits';

const en = translator('en');
const fr = translator('fr');

describe('report tables', () => {
  it('formats lifetimes and times in each language', () => {
    expect(lifetime(null, 'en', en)).toBe('session');
    expect(lifetime(3600, 'en', en)).toBe('1 h');
    expect(lifetime(30 * 86400, 'fr', fr)).toBe('30 jours');
    expect(lifetime(13 * 30.5 * 86400, 'en', en)).toBe('13 months');
    expect(lifetime(2 * 365 * 86400, 'fr', fr)).toBe('2 ans');
    expect(seconds(650, 'en', en)).toBe('0.65 s');
    expect(seconds(650, 'fr', fr)).toBe('0,65 s');
  });

  it('has one row per service, with markers in words', () => {
    const audit = exampleAudit(4);
    const table = servicesTable(audit, 'en', en);
    expect(table.rows).toHaveLength(audit.thirdParties.length);
    expect(table.headers).toHaveLength(table.rows[0]!.length);
    const ga = table.rows.find((r) => r[0] === 'Google Analytics')!;
    expect(ga.at(-1)).toBe('GAFAM, Tracker, before consent');
    expect(ga[3]).toBe('United States (GAFAM)');
  });

  it('names tracking cookies and their lifetime', () => {
    const audit = exampleAudit(4);
    const rows = cookiesTable(audit, 'en', en).rows;
    const ga = rows.find((r) => r[0] === '_ga')!;
    expect(ga[6]).toBe('yes, known tracking cookie (_ga)');
    expect(ga[5]).toMatch(/years|months/);
  });

  it('places the first interaction among the third parties, in time order', () => {
    const audit = { ...exampleAudit(4), firstInteraction: 500 };
    const rows = timelineTable(audit, 'en', en).rows;
    const at = rows.findIndex((r) => r[1] === 'Your first interaction (click, key press or scroll)');
    expect(at).toBeGreaterThan(0);
    const times = rows.map((r) => Number.parseFloat(r[0]!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('names the public body, or the registry it came from', () => {
    const audit = exampleAudit(4);
    expect(publicBodyName(audit, en)).toBe(audit.page.publicSector!.name);
    expect(publicBodyName({ ...audit, page: { ...audit.page, publicSector: { source: 'fr-dinum', country: 'FR' } } }, fr)).toBe('liste du secteur public français (DINUM)');
    expect(publicBodyName({ ...audit, page: { ...audit.page, publicSector: null } }, en)).toBeNull();
  });
});
