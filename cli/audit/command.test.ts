// `vigie audit` and `vigie merge` refuse bad input with a sentence saying what to do, before any browser starts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVigie } from '../test-io';
import { builtExtension } from './fresh-browser';

async function vigie(args: string[], files: Record<string, string> = {}) {
  const run = await runVigie(args, files, files['-'] ?? null);
  expect(run.err).not.toMatch(/\n\s+at /); // never a stack trace
  return run;
}

describe('vigie audit: bad input', () => {
  it('says what is missing', async () => {
    expect(await vigie(['audit'])).toMatchObject({ code: 2, err: expect.stringContaining('no site given') });
    expect(await vigie(['audit', '--input', 'sites.txt'])).toMatchObject({ code: 2, err: expect.stringContaining('sites.txt: no such file') });
    expect(await vigie(['audit', '--input', 'sites.txt'], { 'sites.txt': '\n \n' })).toMatchObject({ code: 2, err: expect.stringContaining('the list is empty') });
    expect(await vigie(['audit', 'https://a.fr/', 'https://b.fr/'])).toMatchObject({ code: 2, err: expect.stringContaining('give --out DIR') });
  });

  it('reports each malformed line with its place, and stops when none is usable', async () => {
    const r = await vigie(['audit', '--input', 'sites.txt', '--out', 'x'], { 'sites.txt': 'nonsense here\nftp://files.example.fr/\n\nhttps://\n' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('sites.txt:1:');
    expect(r.err).toContain('sites.txt:2: not a web address');
    expect(r.err).toContain('sites.txt:4:');
    expect(r.err).toContain('no usable URL in sites.txt (read as plain list');
    const csv = await vigie(['audit', '--input', 'l.csv', '--out', 'x'], { 'l.csv': 'commune,site\nLyon,https://www.lyon.fr/\n' });
    expect(csv.err).toContain('a CSV needs a "url" column (found: commune, site)');
  });

  it('audits the usable lines, and says how to install Chromium when it is missing', async () => {
    const r = await vigie(['audit', '--input', '-', '--out', 'x', '--chromium', '/nowhere/chromium'], { '-': 'https://www.lyon.fr/\nnot a url\n' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('-:2:');
    expect(r.err).toContain('Chromium not found at /nowhere/chromium');
    expect(r.err).toContain('sudo apt-get install chromium');
  });

  it('refuses bad options', async () => {
    for (const [args, message] of [
      [['--shard', '4/3'], /between 1 and n/],
      [['--shard', 'half'], /i\/n/],
      [['--wait', 'soon'], /--wait must be a number of seconds/],
      [['--timeout', '0'], /--timeout must be a number of seconds of at least 1/],
      [['--concurrency', '0'], /--concurrency/],
      [['--lang', 'de'], /--lang/],
      [['--frobnicate'], /frobnicate/],
    ] as const) {
      const r = await vigie(['audit', 'https://www.lyon.fr/', '--out', 'x', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
  });

  it('says to build the extension when it is not built', () => {
    expect(() => builtExtension(mkdtempSync(join(tmpdir(), 'vigie-no-build-')))).toThrow(/run `npm run build` first/);
  });
});

describe('vigie merge: bad input', () => {
  it('needs --out and folders that hold results', async () => {
    expect(await vigie(['merge', 'a'])).toMatchObject({ code: 2, err: expect.stringContaining('--out DIR') });
    expect(await vigie(['merge', '--out', 'a'])).toMatchObject({ code: 2, err: expect.stringContaining('folders of the runs') });
    const empty = mkdtempSync(join(tmpdir(), 'vigie-merge-empty-'));
    writeFileSync(join(empty, 'notes.txt'), 'not results');
    const r = await vigie(['merge', '--out', mkdtempSync(join(tmpdir(), 'vigie-merge-out-')), empty]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no audit results');
  });
});
