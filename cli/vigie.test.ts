// The command line as people run it: the built `vigie` program, as a child process.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'cli/bin.mjs');
const fixtures = join(root, 'tests/fixtures');

function vigie(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { cwd: root });
});

describe('vigie classify', () => {
  it('prints one JSON object per input URL, in order, from arguments', () => {
    const cases = JSON.parse(readFileSync(join(fixtures, 'classify-cases.json'), 'utf8')) as {
      page: string;
      cases: Array<{ url: string; expect: Record<string, unknown> }>;
    };
    const r = vigie(['classify', '--page', cases.page, ...cases.cases.map((c) => c.url)]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(cases.cases.length);
    lines.forEach((line, i) => {
      expect(line.url).toBe(cases.cases[i]!.url);
      expect(line).toMatchObject(cases.cases[i]!.expect);
    });
  });

  it('reads stdin, keeps order and gives bad lines an error object', () => {
    const input = [
      'https://fonts.googleapis.com/css',
      'not a url',
      'data:text/plain,hi',
      'https://münchen.de/rathaus',
      'http://203.0.113.5/x',
      'about:blank',
      'https://exa mple.com/',
    ].join('\n');
    const r = vigie(['classify'], input + '\n\n');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.url)).toEqual(input.split('\n'));
    expect(lines[0]).toMatchObject({ service: 'Google Fonts', gafam: 'google' });
    expect(lines[1]).toMatchObject({ error: expect.stringContaining('no scheme') });
    expect(lines[2]).toMatchObject({ error: expect.stringContaining('data:') });
    expect(lines[3]).toMatchObject({ host: 'xn--mnchen-3ya.de', domain: 'xn--mnchen-3ya.de' });
    expect(lines[4]).toMatchObject({ host: '203.0.113.5' });
    expect(lines[5]).toMatchObject({ error: expect.stringContaining('about:') });
    expect(lines[6]).toMatchObject({ error: expect.any(String) });
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('exits non-zero only when nothing could be processed', () => {
    const none = vigie(['classify'], '');
    expect(none.code).toBe(2);
    expect(none.err).toContain('no URL given');
    const allBad = vigie(['classify', 'nope', 'data:x']);
    expect(allBad.code).toBe(1);
    expect(allBad.out.trim().split('\n')).toHaveLength(2);
    const badPage = vigie(['classify', '--page', 'about:blank', 'https://x.example/']);
    expect(badPage.code).toBe(2);
    expect(badPage.err).toContain('--page');
    expect(vigie(['classify', '--frobnicate']).code).toBe(2);
  });
});

describe('vigie score', () => {
  const examples = readdirSync(join(fixtures, 'sn1')).filter((f) => f.endsWith('.json')).sort();

  it('reproduces every worked example of SN-1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-score-'));
    for (const file of examples) {
      const example = JSON.parse(readFileSync(join(fixtures, 'sn1', file), 'utf8')) as {
        expected: { score: number; grade: string };
        log: unknown;
      };
      const path = join(dir, file);
      writeFileSync(path, JSON.stringify(example.log));
      const r = vigie(['score', path]);
      expect(r.code, r.err).toBe(0);
      const audit = JSON.parse(r.out) as { schema: string; score: { score: number; grade: string } };
      expect(audit.schema).toBe('vigie.audit/1');
      expect([file, audit.score.score, audit.score.grade]).toEqual([file, example.expected.score, example.expected.grade]);
    }
  });

  it('prints a readable report in French and English', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-text-'));
    const path = join(dir, 'log.json');
    const example = JSON.parse(readFileSync(join(fixtures, 'sn1/example-4.json'), 'utf8')) as { log: unknown };
    writeFileSync(path, JSON.stringify(example.log));
    const en = vigie(['score', path, '--format', 'text']);
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/Grade: E\s+Score: 25\/100/);
    expect(en.out).toContain('Google Analytics');
    expect(en.out).toContain('Remedy:');
    const fr = vigie(['score', path, '--format', 'text', '--lang', 'fr']);
    expect(fr.out).toMatch(/Note : E|Note: E/);
    expect(fr.out).toContain('Remède');
  });

  it('explains broken, truncated, missing and empty logs without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-bad-'));
    const truncated = join(dir, 'truncated.json');
    const text = readFileSync(join(fixtures, 'sn1/example-3.json'), 'utf8');
    writeFileSync(truncated, text.slice(0, 300));
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    for (const [args, message] of [
      [['score', truncated], /invalid JSON at line \d+/],
      [['score', empty], /empty file/],
      [['score', join(dir, 'missing.json')], /no such file/],
      [['score', dir], /is a directory/],
      [['score'], /exactly one/],
    ] as const) {
      const r = vigie([...args]);
      expect(r.code, r.err).not.toBe(0);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('scores a log with bad requests, reporting each one', () => {
    const r = vigie(
      ['score', '-'],
      JSON.stringify({
        format: 'vigie.observations/1',
        page: { url: 'https://www.lyon.fr/', serverIp: '51.91.10.20' },
        requests: [
          { url: 'https://fonts.googleapis.com/css', type: 'stylesheet', time: 3, beforeInteraction: true, cookies: [] },
          { url: 'blob:https://www.lyon.fr/123', type: 'media', time: 4, beforeInteraction: true, cookies: [] },
          'garbage',
        ],
      }),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).score.score).toBe(92);
    expect(r.err).toContain('requests[2]');
    expect(r.err).toContain('blob:');
  });
});
