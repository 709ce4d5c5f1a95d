// Records every request of every tab into the visit it belongs to. Observational only: no listener blocks or
// changes traffic. A main-frame request starts a visit; subframes belong to the top page; late requests of the
// previous page are kept out; history-API navigations keep the visit.
import { addJarCookie, addRequest, addResponse, newVisit, parseSetCookie, resourceType, setInteraction, type Visit } from './visit';
import type { TabState } from './tab-state';
import type { LiveAudits } from './live-audit';
import type { ObservedCookie } from '../../utils/types';

/** The fields of webRequest details both browsers give, plus each one's own (Chromium documents, Firefox URLs). */
export interface RequestDetails {
  requestId: string;
  url: string;
  type: string;
  tabId: number;
  frameId: number;
  timeStamp: number;
  ip?: string;
  responseHeaders?: Array<{ name: string; value?: string }>;
  /** Chromium */
  documentId?: string;
  documentLifecycle?: 'prerender' | 'active' | 'cached' | 'pending_deletion';
  /** Firefox */
  documentUrl?: string;
  originUrl?: string;
  frameAncestors?: Array<{ url: string; frameId: number }>;
}

interface Pending {
  tabId: number;
  visit: Visit;
  index: number;
}

interface Previous {
  documentId: string | null;
  urls: string[];
}

export class Recorder {
  /** Requests waiting for their response details (memory only: a restart loses at most these few IPs). */
  private readonly pending = new Map<string, Pending>();
  /** The page each tab showed before its current visit, to recognise its late requests. */
  private readonly previous = new Map<number, Previous>();
  /** Tabs whose main-frame request started and whose document has not committed yet. */
  private readonly expectingCommit = new Set<number>();
  /**
   * Web documents that committed without a main-frame request seen first. Firefox may deliver the request
   * event after the commit, so the verdict (restored from the back/forward cache: reload to audit) waits.
   */
  private readonly unexplainedCommits = new Map<number, { url: string; at: number; timer: ReturnType<typeof setTimeout> }>();

  /** Registrable domain of a visit's page, kept while its address stays (cookie changes come by the dozen). */
  private readonly pageSites = new WeakMap<Visit, { url: string; site: string }>();

  constructor(
    private readonly state: TabState,
    private readonly audits: LiveAudits,
  ) {}

  onBeforeRequest(d: RequestDetails): void {
    // Only the network: a blob: or data: "request" (a download made by a page) is not a visit nor a third party.
    if (!/^(?:https?|wss?):/.test(d.url)) return;
    if (d.tabId < 0) {
      this.state.countWithoutTab();
      return;
    }
    if (d.documentLifecycle === 'prerender') return;
    if (d.type === 'main_frame') {
      this.mainFrame(d);
      return;
    }
    const visit = this.state.visit(d.tabId);
    if (!visit) return;
    if (this.isLate(visit, d)) {
      visit.lateRequests++;
      this.state.changed(d.tabId);
      return;
    }
    const index = addRequest(visit, d.url, resourceType(d.type), d.timeStamp);
    this.audits.request(visit, index);
    this.pending.set(d.requestId, { tabId: d.tabId, visit, index });
    this.state.changed(d.tabId, index);
  }

  private mainFrame(d: RequestDetails): void {
    const current = this.state.visit(d.tabId);
    if (current && current.mainRequestId === d.requestId) {
      // A redirect hop: the same visit, now at the new address.
      current.url = d.url;
    } else {
      if (current) this.previous.set(d.tabId, { documentId: current.documentId, urls: [current.url, current.lastUrl ?? ''] });
      this.state.start(newVisit(d.tabId, d.url, d.timeStamp, d.requestId));
    }
    // A commit still waiting for its request: this request explains it if it is for that document and started
    // before it (Firefox may send the commit first); otherwise this is a new page, whose own commit is to come.
    // Either way the tab is not to be marked "reload" for the earlier commit.
    const early = this.unexplainedCommits.get(d.tabId);
    clearTimeout(early?.timer);
    this.unexplainedCommits.delete(d.tabId);
    if (!early || d.timeStamp > early.at || !sameDocument(early.url, d.url)) this.expectingCommit.add(d.tabId);
    const visit = this.state.visit(d.tabId)!;
    const index = addRequest(visit, d.url, 'main_frame', d.timeStamp);
    this.audits.request(visit, index);
    this.pending.set(d.requestId, { tabId: d.tabId, visit, index });
    this.state.changed(d.tabId, index);
  }

  /** Does this request come from the page the tab showed before (an unload beacon, its favicon)? */
  private isLate(visit: Visit, d: RequestDetails): boolean {
    if (d.documentLifecycle === 'pending_deletion' || d.documentLifecycle === 'cached') return true;
    const previous = this.previous.get(d.tabId);
    if (!previous) return false;
    if (d.documentId !== undefined) {
      // Chromium: the main frame's document says which page asked.
      return d.frameId === 0 && d.documentId !== visit.documentId && d.documentId === previous.documentId;
    }
    // Firefox: the URL of the top document the request was made for (a document being unloaded may no longer
    // give its documentUrl; the URL that triggered the request is then the document's).
    const top = d.frameId === 0 ? (d.documentUrl ?? d.originUrl) : d.frameAncestors?.[d.frameAncestors.length - 1]?.url;
    return top !== undefined && top !== visit.url && top !== visit.lastUrl && previous.urls.includes(top);
  }

  onResponseStarted(d: RequestDetails): void {
    const pending = this.pending.get(d.requestId);
    if (!pending) return;
    let cookies: ObservedCookie[] = [];
    for (const h of d.responseHeaders ?? []) {
      // Most headers are not Set-Cookie: compare the length before the case-insensitive name.
      if (h.name.length === 10 && h.value && h.name.toLowerCase() === 'set-cookie') cookies = cookies.concat(parseSetCookie(h.value, d.timeStamp));
    }
    const added = addResponse(pending.visit, pending.index, d.ip ?? null, cookies);
    this.audits.response(pending.visit, pending.index, added.serverIp, added.cookies);
    if (d.type === 'main_frame' && d.ip) pending.visit.serverIp = d.ip;
    // The visit may have been replaced by a newer one in the meantime: only the current one is stored.
    if (this.state.visit(pending.tabId) === pending.visit) this.state.changed(pending.tabId, pending.index);
    // A response's details are all known now: nothing more to wait for (onCompleted is not even listened to).
    this.pending.delete(d.requestId);
  }

  onRedirect(d: RequestDetails): void {
    // A redirected subresource keeps its requestId: its next hop is recorded by onBeforeRequest again.
    if (d.type !== 'main_frame') this.onResponseStarted(d);
    this.pending.delete(d.requestId);
  }

  onFinished(d: { requestId: string }): void {
    this.pending.delete(d.requestId);
  }

  /** The main document committed: Chromium tells which document it is. A commit nobody asked for is a page
   * restored from the back/forward cache (no request was made): it cannot be audited without a reload. */
  onCommitted(d: { tabId: number; frameId: number; url: string; timeStamp: number; documentId?: string }): void {
    if (d.frameId !== 0) return;
    // Navigation and request events travel apart and may cross: a commit older than the tab's visit (a new
    // tab's about:blank, arriving after the first page's request) belongs to a navigation already replaced.
    const current = this.state.visit(d.tabId);
    if (current && d.timeStamp < current.startedAt) return;
    const web = /^https?:/.test(d.url);
    // Nor does a page leave the web before it committed: an about:blank commit while a web page's commit is
    // awaited is the new tab's blank page, reported late (its navigation began before the page's request
    // but ended after it, so its time does not tell). A web page left for about:blank before it committed is
    // read the same way: its visit stays until the next page.
    if (!web && this.expectingCommit.has(d.tabId)) return;
    if (!this.expectingCommit.delete(d.tabId)) {
      if (!web) {
        this.state.remove(d.tabId);
        return;
      }
      clearTimeout(this.unexplainedCommits.get(d.tabId)?.timer);
      const timer = setTimeout(() => {
        this.unexplainedCommits.delete(d.tabId);
        this.state.markUnknown(d.tabId);
      }, UNEXPLAINED_COMMIT_MS);
      this.unexplainedCommits.set(d.tabId, { url: d.url, at: d.timeStamp, timer });
      return;
    }
    if (!current) return;
    if (!web) {
      this.state.remove(d.tabId);
      return;
    }
    current.documentId = d.documentId ?? null;
    this.state.changed(d.tabId);
  }

  onHistoryStateUpdated(d: { tabId: number; frameId: number; url: string }): void {
    if (d.frameId !== 0) return;
    const visit = this.state.visit(d.tabId);
    if (!visit || d.url === (visit.lastUrl ?? visit.url)) return;
    visit.spaNavigations++;
    visit.lastUrl = d.url;
    this.state.changed(d.tabId);
  }

  /**
   * A cookie written into the site's own jar (by a script, e.g. `_ga`): added to the visits of that site.
   * `siteOf` gives a host's registrable domain; the cookie's is found once, each page's once per address.
   */
  onCookieChanged(change: { removed: boolean; cookie: { name: string; domain: string; expirationDate?: number } }, siteOf: (host: string) => string): void {
    if (change.removed) return;
    const { name, domain, expirationDate } = change.cookie;
    const now = Date.now();
    const expiresIn = expirationDate === undefined ? null : Math.round(expirationDate - now / 1000);
    const site = siteOf(domain.replace(/^\./, ''));
    const cookie = { name, domain, expiresIn };
    for (const tabId of this.state.tabIds()) {
      const visit = this.state.visit(tabId)!;
      if (this.pageSite(visit, siteOf) === site && addJarCookie(visit, cookie, now)) {
        this.audits.jarCookie(visit, cookie, now);
        this.state.changed(tabId);
      }
    }
  }

  private pageSite(visit: Visit, siteOf: (host: string) => string): string {
    const known = this.pageSites.get(visit);
    if (known?.url === visit.url) return known.site;
    let host = '';
    try {
      host = new URL(visit.url).hostname;
    } catch {
      // A visit's URL came from the browser; an unparsable one matches no cookie.
    }
    const site = host ? siteOf(host) : '';
    this.pageSites.set(visit, { url: visit.url, site });
    return site;
  }

  /** The visitor's first click, key press or scroll in a tab (epoch milliseconds). */
  onInteraction(tabId: number, at: number): void {
    const visit = this.state.visit(tabId);
    // The live audit notices the change and refolds the visit with the right before/after flags.
    if (visit && setInteraction(visit, at)) this.state.changed(tabId);
  }
}

/** How long a commit may wait for its late main-frame request before the page counts as restored from cache. */
const UNEXPLAINED_COMMIT_MS = 1_000;

/** Same document: URLs equal but for the fragment. */
function sameDocument(a: string, b: string): boolean {
  const strip = (u: string) => (u.includes('#') ? u.slice(0, u.indexOf('#')) : u);
  return strip(a) === strip(b);
}

/** webRequest listener options: Chromium hides Set-Cookie unless asked for "extraHeaders". */
export function responseInfoSpec(): string[] {
  return import.meta.env.FIREFOX ? ['responseHeaders'] : ['responseHeaders', 'extraHeaders'];
}

export const ALL_URLS = { urls: ['<all_urls>'] };
