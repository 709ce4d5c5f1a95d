// Progress of a batch on stderr: a bar with counts and an estimate of the time left on a terminal, one plain
// line per site otherwise (logs, CI), so stdout stays free for the final summary.

export interface ProgressReport {
  /** Sites this run will visit, and those an earlier run already did. */
  start(total: number, skipped: number): void;
  siteStarted(): void;
  siteDone(url: string, outcome: 'audited' | 'failed' | 'retry', detail: string): void;
  stop(): void;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export interface ProgressOptions {
  write: (text: string) => void;
  tty: boolean;
  columns: () => number;
  /** A first guess of one site's duration, before any site has finished. */
  guessPerSiteMs: number;
  concurrency: number;
  now?: () => number;
}

export function createProgress(options: ProgressOptions): ProgressReport {
  const now = options.now ?? Date.now;
  let total = 0;
  let skipped = 0;
  let done = 0;
  let failed = 0;
  let running = 0;
  let startedAt = now();
  let timer: ReturnType<typeof setInterval> | undefined;

  const timeLeft = (): string => {
    const left = total - done;
    if (!left) return '';
    // Throughput so far once a few sites are in; before that, the first guess spread over the workers.
    const perSite = done >= Math.min(3, total) ? (now() - startedAt) / done : options.guessPerSiteMs / options.concurrency;
    return `~${formatDuration(perSite * left)} left`;
  };

  const bar = (): string => {
    const counts = `${done}/${total} done · ${failed} failed · ${running} running${skipped ? ` · ${skipped} already done` : ''}`;
    const tail = `${counts} · ${timeLeft()}`;
    const width = Math.max(10, Math.min(40, options.columns() - tail.length - 4));
    const filled = total ? Math.round((done / total) * width) : width;
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${tail}`;
  };

  const redraw = () => {
    if (options.tty) options.write(`\r\x1b[2K${bar().slice(0, options.columns() - 1)}`);
  };

  return {
    start(t, s) {
      total = t;
      skipped = s;
      startedAt = now();
      if (s) options.write(`${options.tty ? '' : 'vigie audit: '}${s} sites already done in this folder: skipped\n`);
      if (options.tty) {
        timer = setInterval(redraw, 1000);
        timer.unref();
        redraw();
      }
    },
    siteStarted() {
      running++;
      redraw();
    },
    siteDone(url, outcome, detail) {
      running--;
      if (outcome !== 'retry') done++;
      if (outcome === 'failed') failed++;
      const line = outcome === 'audited' ? `${url} → ${detail}` : outcome === 'failed' ? `${url} → failed: ${detail}` : `${url} → ${detail}`;
      if (options.tty) {
        // Successes show in the bar's counts; failures and retries deserve a line of their own above it.
        if (outcome !== 'audited') options.write(`\r\x1b[2K${line}\n`);
        redraw();
      } else {
        options.write(`[${done}/${total}] ${line}${outcome === 'retry' ? '' : ` (${timeLeft() || 'finished'})`}\n`);
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      if (options.tty) options.write(`\r\x1b[2K${bar()}\n`);
    },
  };
}
