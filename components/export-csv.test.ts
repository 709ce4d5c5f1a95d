import { describe, expect, it } from 'vitest';
import { auditCsv, csvCell, CSV_COLUMNS } from './export-csv';
import { exampleAudit } from './test-audits';
import type { Audit } from '../utils/audit';
import { parseCsv } from '../tests/csv';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+33 1 23', "'+33 1 23"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['  =1', "'  =1"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['Société Générale', 'Société Générale'],
  ])('writes %j as %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers, booleans and null as they are', () => {
    expect([csvCell(-3), csvCell(true), csvCell(null)]).toEqual(['-3', 'true', '']);
  });
});

describe('auditCsv', () => {
  it('has one row per third-party registrable domain, with stable columns', () => {
    const audit = exampleAudit(4);
    const text = auditCsv(audit);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(audit.thirdPartyDomains.length + 1);
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    const ga = rows.find((r) => r[col('domain')] === 'google-analytics.com')!;
    expect(ga[col('service')]).toBe('Google Analytics');
    expect(ga[col('gafam')]).toBe('google');
    expect(ga[col('tracker')]).toBe('true');
    expect(ga[col('site')]).toBe('www.lyon.fr');
    expect(ga[col('methodology')]).toBe('SN-1');
  });

  it('defuses formulas hidden in host or cookie names', () => {
    const audit = exampleAudit(4);
    const hostile: Audit = {
      ...audit,
      thirdPartyDomains: [{ ...audit.thirdPartyDomains[0]!, domain: '=cmd|"/c calc"!A1', cookies: ['@evil', '-2+3'] }],
    };
    const rows = parseCsv(auditCsv(hostile).slice(1));
    for (const cell of rows[1]!) expect(cell).not.toMatch(/^\s*[=+\-@\t\r]/);
    expect(rows[1]).toContain(`'=cmd|"/c calc"!A1`);
  });
});
