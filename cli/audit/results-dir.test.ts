// The output folder of a batch: file names, atomic writes, the lock, resumable rows, summary.csv and index.html.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLog, type Audit } from '../../utils/audit';
import type { ObservationLog } from '../../utils/types';
import { loadLists } from '../lists';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file';
import { indexHtml } from './index-html';
import { auditedRow, failedRow, ResultsDir, siteKey, sortRows } from './results-dir';
import { summaryCsv } from './summary-csv';
import { writeSummaries } from './summaries';

const temp = () => mkdtempSync(join(tmpdir(), 'vigie-results-'));

/** The audit of one of SN-1's worked examples. */
function exampleAudit(n: number): Audit {
  const file = join(import.meta.dirname, `../../tests/fixtures/sn1/example-${n}.json`);
  return auditLog((JSON.parse(readFileSync(file, 'utf8')) as { log: ObservationLog }).log, loadLists());
}

describe('siteKey', () => {
  it('is readable, safe as a file name, and different for every URL', () => {
    expect(siteKey('https://www.lyon.fr/')).toMatch(/^www\.lyon\.fr-[0-9a-f]{10}$/);
    expect(siteKey('https://www.paris.fr/carte?x=1')).toMatch(/^www\.paris\.fr_carte-x-1-[0-9a-f]{10}$/);
    expect(siteKey('http://www.lyon.fr/')).not.toBe(siteKey('https://www.lyon.fr/'));
    expect(siteKey('https://x.fr/../../etc/passwd')).not.toMatch(/[/\\]/);
    expect(siteKey('https://a.fr/' + 'x'.repeat(500)).length).toBeLessThan(160);
  });
});

describe('atomic files', () => {
  it('replaces a file whole and leaves no temporary file', async () => {
    const dir = temp();
    const path = join(dir, 'a.json');
    await writeFileAtomic(path, '{"v":1}');
    await writeFileAtomic(path, '{"v":2}');
    expect(readFileSync(path, 'utf8')).toBe('{"v":2}');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('clears temporary files of dead writers only', async () => {
    const dir = temp();
    writeFileSync(join(dir, '.a.json.999999999.abc.tmp'), 'half');
    writeFileSync(join(dir, `.b.json.${process.pid}.abc.tmp`), 'mine, in progress');
    await removeStaleTempFiles(dir);
    expect(readdirSync(dir)).toEqual([`.b.json.${process.pid}.abc.tmp`]);
  });
});

describe('ResultsDir', () => {
  it('keeps a second writer out, and takes over the lock of a killed one', async () => {
    const dir = temp();
    const first = new ResultsDir(dir);
    await first.open();
    writeFileSync(join(dir, '.vigie.lock'), String(process.ppid)); // a live process that is not this one
    await expect(new ResultsDir(dir).open()).rejects.toThrow(/another vigie process/);
    writeFileSync(join(dir, '.vigie.lock'), '999999999'); // dead
    const second = new ResultsDir(dir);
    await second.open();
    await second.close();
    expect(existsSync(join(dir, '.vigie.lock'))).toBe(false);
  });

  it('saves files then the row, and reads the rows back in list order', async () => {
    const results = new ResultsDir(temp());
    await results.open();
    const audit = exampleAudit(4);
    const site = { url: 'https://www.example.fr/', index: 1 };
    await results.save(siteKey(site.url), auditedRow(site, siteKey(site.url), audit), { audit: JSON.stringify(audit), report: '<html></html>' });
    await results.save(siteKey('https://down.example.fr/'), failedRow({ url: 'https://down.example.fr/', index: 0 }, 'HTTP 503', null));
    writeFileSync(join(results.rowsDir, 'garbage.json'), '{"format": "something else"}');
    const rows = sortRows((await results.rows()).values());
    expect(rows.map((r) => r.site)).toEqual(['https://down.example.fr/', 'https://www.example.fr/']);
    expect(rows[1]).toMatchObject({ grade: audit.score.grade, score: audit.score.score, error: null, audit_file: `sites/${siteKey(site.url)}.json` });
    expect(JSON.parse(readFileSync(join(results.dir, rows[1]!.audit_file!), 'utf8'))).toEqual(audit);
    await writeSummaries(results, 'en');
    expect(readFileSync(join(results.dir, 'summary.csv'), 'utf8').split('\r\n')[1]).toBe('https://down.example.fr/,,,,,,,,HTTP 503');
    await results.close();
  });
});

describe('summary.csv and index.html', () => {
  const hostile = { ...failedRow({ url: 'https://x.fr/"><script>alert(1)</script>', index: 0 }, '=HYPERLINK("http://evil")', null) };

  it('quotes fields and defuses formulas', () => {
    const csv = summaryCsv([hostile]);
    expect(csv.split('\r\n')[0]).toBe('site,final_url,grade,score,third_parties,gafam_services,trackers_before_interaction,hosting,error');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('escapes what comes from the web and counts grades', () => {
    const audit = exampleAudit(1);
    const rows = [hostile, auditedRow({ url: 'https://www.example.fr/', index: 1 }, 'k', audit)];
    for (const lang of ['en', 'fr'] as const) {
      const html = indexHtml(rows, lang);
      expect(html).not.toContain('<script>alert(1)');
      expect(html).toContain('href="sites/k.html"');
      expect(html.match(/<tr /g)).toHaveLength(2);
    }
    expect(indexHtml(rows, 'en')).toContain('2 sites: 1 audited, 1 could not be audited.');
    expect(indexHtml(rows, 'fr')).toContain('2 sites : 1 audités');
  });
});
