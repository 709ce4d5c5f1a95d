// Anonymised reporting, when the person opted in: a public site's audit becomes a report (utils/anonymise.ts),
// queued once per site and ISO week, sent one at a time after a random delay, without credentials, retried with
// back-off when offline or when the collector is busy, dropped with its reason when the collector refuses it.
import type { Audit } from '../../utils/audit';
import { anonymise, type Report } from '../../utils/anonymise';
import { clearQueued, enqueue, queued, update, type QueuedReport } from './report-queue';

/** A visit is reported once it has been observed this long (what loads late counts too). */
export const OBSERVATION_WINDOW_MS = 10_000;
/** Reports leave one by one after a random delay, so the collector cannot tie them to a browsing moment. */
export const DELAY_MS = { min: 60_000, max: 15 * 60_000 } as const;
const BACKOFF_MAX_MS = 6 * 3_600_000;
export const ALARM = 'vigie-report';

export type SendOutcome =
  | { kind: 'sent'; id: string }
  | { kind: 'dropped'; reason: string }
  | { kind: 'retry'; afterMs: number; reason: string };

/** How long to wait before the next attempt: the collector's Retry-After, else doubling from a minute. */
export function backoffMs(attempts: number, retryAfterSeconds: number | null, random: () => number): number {
  if (retryAfterSeconds !== null && retryAfterSeconds > 0) return Math.min(retryAfterSeconds * 1000, BACKOFF_MAX_MS);
  const base = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
  return Math.round(base * (0.75 + random() / 2)); // jitter, so queued reports do not retry in step
}

export function randomDelayMs(random: () => number): number {
  return Math.round(DELAY_MS.min + random() * (DELAY_MS.max - DELAY_MS.min));
}

/** What an answer of the collector means for a report (REPORTING.md: 202, 400, 413, 415, 429 with Retry-After). */
export function outcomeOf(status: number, body: string, retryAfter: string | null, attempts: number, random: () => number): SendOutcome {
  if (status === 202 || status === 201 || status === 200) {
    let id = '';
    try {
      id = String((JSON.parse(body) as { id?: unknown }).id ?? '');
    } catch {
      // A collector that accepted without an id is still a collector that accepted.
    }
    return { kind: 'sent', id };
  }
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
  if (status === 429 || status >= 500) {
    return { kind: 'retry', afterMs: backoffMs(attempts, seconds, random), reason: `HTTP ${status}` };
  }
  let reason = `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
    const text = typeof parsed.message === 'string' ? parsed.message : typeof parsed.error === 'string' ? parsed.error : '';
    if (text) reason += `: ${text.slice(0, 300)}`;
  } catch {
    // Not JSON: the status says enough.
  }
  return { kind: 'dropped', reason };
}

export interface ReporterDeps {
  enabled(): boolean;
  collector(): string;
  client(): Promise<Report['client']>;
  /** Wakes the background at `when` (alarms survive the service worker stopping). */
  wakeAt(when: number): void;
  fetch: typeof fetch;
  now(): number;
  random(): number;
}

export class Reporter {
  /** Visits already considered by this worker (the queue itself refuses a second report per site and week). */
  private readonly considered = new Set<string>();
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ReporterDeps) {}

  /** A visit's audit, once observed for the window: queued when the site is public and reporting is on. */
  async consider(visitId: string, audit: Audit): Promise<QueuedReport | null> {
    if (!this.deps.enabled() || this.considered.has(visitId)) return null;
    this.considered.add(visitId);
    const result = anonymise(audit, { client: await this.deps.client() });
    if ('refused' in result) return null;
    const now = this.deps.now();
    const entry = await enqueue(result.report, now + randomDelayMs(this.deps.random), now);
    if (entry) this.deps.wakeAt(entry.notBefore);
    return entry;
  }

  /** The alarm fired (or the person pressed "send now"): send what is due, one report at a time. */
  wake(all = false): Promise<void> {
    this.sending = this.sending.then(() => this.sendDue(all)).catch((error) => console.warn('Vigie reporting:', error));
    return this.sending;
  }

  private async sendDue(all: boolean): Promise<void> {
    if (!this.deps.enabled()) return;
    for (const entry of await queued()) {
      if (!all && entry.notBefore > this.deps.now()) {
        this.deps.wakeAt(entry.notBefore);
        return;
      }
      const outcome = await this.send(entry);
      entry.attempts++;
      if (outcome.kind === 'sent') {
        Object.assign(entry, { status: 'sent', sentAt: this.deps.now(), collectorId: outcome.id });
      } else if (outcome.kind === 'dropped') {
        Object.assign(entry, { status: 'dropped', reason: outcome.reason });
      } else {
        Object.assign(entry, { notBefore: this.deps.now() + outcome.afterMs, reason: outcome.reason });
        await update(entry);
        // Offline or busy: the others would fare no better now.
        const next = (await queued())[0];
        if (next) this.deps.wakeAt(next.notBefore);
        return;
      }
      await update(entry);
    }
  }

  private async send(entry: QueuedReport): Promise<SendOutcome> {
    try {
      const response = await this.deps.fetch(new URL('api/v1/reports', this.deps.collector()).href, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(entry.report),
        // Nothing that could link reports to each other or to the person: no cookies, no referrer, no cache.
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
      });
      return outcomeOf(response.status, await response.text(), response.headers.get('retry-after'), entry.attempts + 1, this.deps.random);
    } catch (error) {
      return { kind: 'retry', afterMs: backoffMs(entry.attempts + 1, null, this.deps.random), reason: `network: ${(error as Error).message}` };
    }
  }

  /** Reporting turned off: the queue is emptied. */
  async disable(): Promise<void> {
    await clearQueued();
  }
}
