// The one message contract between the extension's pages, its content script and the background: declared
// here, typed, and validated where messages enter the background.
import type { Audit } from '../../utils/audit';
import type { Lang } from '../../utils/texts';

export type Message =
  /** A page (popup, report) asks for a tab's audit. */
  | { type: 'vigie/get-tab'; tabId: number; lang: Lang }
  /** The content script saw the visitor's first click, key press or scroll (epoch milliseconds). */
  | { type: 'vigie/interaction'; at: number }
  /** Counters for benchmarks and diagnostics: how much work the background did. */
  | { type: 'vigie/stats' }
  /** The person asks to send the queued anonymised reports now (options page). */
  | { type: 'vigie/report-now' };

export interface VisitInfo {
  url: string;
  lastUrl: string | null;
  startedAt: number;
  spaNavigations: number;
  /** Requests merged past the stored-detail bound. */
  merged: number;
  detailBound: number;
  lateRequests: number;
}

export type TabReply =
  | { status: 'audited'; tabId: number; audit: Audit; visit: VisitInfo }
  /** The page was loaded before Vigie ran (or came back from the back/forward cache): reload to audit. */
  | { status: 'reload'; tabId: number }
  /** Nothing recorded in this tab (a browser page, a new tab). */
  | { status: 'none'; tabId: number };

export interface Stats {
  requestsObserved: number;
  requestsWithoutTab: number;
  tabs: number;
}

const LANGS: ReadonlySet<string> = new Set(['en', 'fr']);

/** The message if it is one of ours and well formed, else null (anything can be sent to a runtime). */
export function readMessage(value: unknown): Message | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'vigie/get-tab':
      return Number.isInteger(m.tabId) && typeof m.lang === 'string' && LANGS.has(m.lang)
        ? { type: m.type, tabId: m.tabId as number, lang: m.lang as Lang }
        : null;
    case 'vigie/interaction':
      return typeof m.at === 'number' && Number.isFinite(m.at) ? { type: m.type, at: m.at } : null;
    case 'vigie/stats':
    case 'vigie/report-now':
      return { type: m.type };
    default:
      return null;
  }
}
