// The audit of each tab, kept current as the recorder sees requests, responses and cookies: reading it costs
// the size of its summary (the popup, the badge and the history read it often), not the size of the visit.
// An audit that cannot be kept in step (a restart, new lists, a late-reported interaction) is rebuilt from the
// stored visit, which gives the same result.
import { AuditFold, type Audit, type RequestHandle } from '../../utils/audit';
import type { Lists } from '../../utils/lists';
import { grade } from '../../utils/score';
import type { Grade } from '../../utils/methodology';
import type { Lang } from '../../utils/texts';
import type { ObservedCookie } from '../../utils/types';
import type { Visit } from './visit';

/** What the toolbar shows of a tab's audit. */
export interface BadgeView {
  score: number;
  grade: Grade;
  thirdParties: number;
  publicSector: boolean;
}

interface Live {
  visit: Visit;
  lists: Lists;
  url: string;
  interaction: number | null;
  fold: AuditFold;
  handles: RequestHandle[];
  /** The badge view, valid while the fold's revision and server IP are those it was made at. */
  badge: (BadgeView & { revision: number; serverIp: string | null }) | null;
}

function beforeInteraction(visit: Visit, time: number, early?: boolean): boolean {
  return early ?? (visit.firstInteraction === null || time < visit.firstInteraction);
}

export class LiveAudits {
  private readonly live = new Map<number, Live>();

  constructor(private readonly lists: () => Lists | null) {}

  /** The entry kept in step with this visit, or undefined when it must be rebuilt before use. */
  private current(visit: Visit): Live | undefined {
    const entry = this.live.get(visit.tabId);
    const ok =
      entry &&
      entry.visit === visit &&
      entry.lists === this.lists() &&
      entry.url === visit.url &&
      entry.interaction === visit.firstInteraction;
    return ok ? entry : undefined;
  }

  private rebuild(visit: Visit, lists: Lists): Live {
    const fold = new AuditFold(lists, { url: visit.url, serverIp: visit.serverIp, visitedAt: new Date(visit.startedAt).toISOString() }, {
      firstInteraction: visit.firstInteraction,
    });
    const handles = visit.requests.map((r) => {
      const handle = fold.request(r.url, r.type, r.time, beforeInteraction(visit, r.time, r.early), r.count ?? 1);
      fold.response(handle, r.serverIp, r.cookies);
      return handle;
    });
    for (const c of visit.jarCookies) fold.jarCookie(c, beforeInteraction(visit, c.time));
    const entry: Live = { visit, lists, url: visit.url, interaction: visit.firstInteraction, fold, handles, badge: null };
    this.live.set(visit.tabId, entry);
    return entry;
  }

  audit(visit: Visit, lang: Lang): Audit {
    return this.entry(visit).fold.result({ lang });
  }

  /**
   * Score, grade and counts for the badge, without the audit's words. Scored again only when something the
   * score reads has changed: a loading page refreshes its badge every second while mostly adding requests to
   * third parties already counted.
   */
  badge(visit: Visit): BadgeView {
    const entry = this.entry(visit);
    const { fold, badge } = entry;
    if (badge && badge.revision === fold.revision && badge.serverIp === fold.serverIp) return badge;
    const summary = fold.summary();
    const { score, grade: letter } = grade(summary);
    entry.badge = {
      score,
      grade: letter,
      thirdParties: summary.thirdParties.length,
      publicSector: summary.page.publicSector !== null,
      revision: fold.revision,
      serverIp: fold.serverIp,
    };
    return entry.badge;
  }

  private entry(visit: Visit): Live {
    const lists = this.lists();
    if (!lists) throw new Error('lists not loaded');
    const entry = this.current(visit) ?? this.rebuild(visit, lists);
    entry.fold.serverIp = visit.serverIp;
    entry.fold.setDetailsMerged(visit.merged);
    return entry;
  }

  /** The request at `index` was just added, or counted once more when merged past the bound. */
  request(visit: Visit, index: number): void {
    const entry = this.current(visit);
    if (!entry) return;
    const r = visit.requests[index]!;
    const handle = entry.fold.request(r.url, r.type, r.time, beforeInteraction(visit, r.time, r.early), 1);
    entry.handles[index] ??= handle;
  }

  /** Response details the visit did not have yet for the request at `index`. */
  response(visit: Visit, index: number, serverIp: string | null, cookies: ObservedCookie[]): void {
    const entry = this.current(visit);
    const handle = entry?.handles[index];
    if (handle) entry.fold.response(handle, serverIp, cookies);
  }

  jarCookie(visit: Visit, cookie: ObservedCookie, time: number): void {
    this.current(visit)?.fold.jarCookie(cookie, beforeInteraction(visit, time));
  }

  forget(tabId: number): void {
    this.live.delete(tabId);
  }
}
