// Progress: a redrawn bar with counts and time left on a terminal, plain lines elsewhere.
import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration } from './progress';

function capture(tty: boolean) {
  let text = '';
  let clock = 0;
  const progress = createProgress({
    write: (t) => void (text += t),
    tty,
    columns: () => 100,
    guessPerSiteMs: 12_000,
    concurrency: 2,
    now: () => clock,
  });
  return { progress, text: () => text, advance: (ms: number) => void (clock += ms) };
}

describe('progress', () => {
  it('prints one line per site when not on a terminal', () => {
    const p = capture(false);
    p.progress.start(4, 2);
    for (const url of ['https://a.fr/', 'https://b.fr/', 'https://c.fr/']) {
      p.progress.siteStarted();
      p.advance(10_000);
      p.progress.siteDone(url, url === 'https://b.fr/' ? 'failed' : 'audited', url === 'https://b.fr/' ? 'HTTP 500' : 'B 72/100');
    }
    const lines = p.text().trimEnd().split('\n');
    expect(lines[0]).toContain('2 sites already done');
    expect(lines[1]).toBe('[1/4] https://a.fr/ → B 72/100 (~18 s left)'); // first guesses: 12 s a site over 2 workers
    expect(lines[2]).toBe('[2/4] https://b.fr/ → failed: HTTP 500 (~12 s left)');
    expect(lines[3]).toBe('[3/4] https://c.fr/ → B 72/100 (~10 s left)');
    expect(p.text()).not.toContain('\x1b');
  });

  it('redraws a bar with counts on a terminal, failures on lines of their own', () => {
    const p = capture(true);
    p.progress.start(10, 0);
    p.progress.siteStarted();
    p.progress.siteDone('https://a.fr/', 'failed', 'DNS: the host name does not resolve');
    p.progress.stop();
    expect(p.text()).toContain('\r\x1b[2Khttps://a.fr/ → failed: DNS');
    expect(p.text()).toMatch(/\[#*\.+\] 1\/10 done · 1 failed · 0 running · ~\d+ s left/);
  });

  it('formats durations for people', () => {
    expect([formatDuration(4_400), formatDuration(125_000), formatDuration(3 * 3600_000 + 5 * 60_000)]).toEqual(['4 s', '2 min', '3 h 05 min']);
  });
});
