// Fold the observations of one page visit into an audit: third parties by service and organisation, cookies,
// hosting of the site, transport security, then the SN-1 score.
import type { Category, Classification, CountryClass, Gafam, ObservationLog, ObservedCookie, PublicBody, ResourceType } from './types';
import type { Lists } from './lists';
import { createClassifier, isClassification } from './classify';
import { isUrlError, parseUrl, registrableDomain } from './domains';
import { lookupHosting } from './hosting';
import { ownerAt, ownerById } from './services';
import { trackingCookieRule, type CookieRule } from './cookies';
import { score, type Score } from './score';
import { METHODOLOGY } from './methodology';
import type { Lang } from './texts';

export const AUDIT_SCHEMA = 'vigie.audit/1';

export interface ServiceSummary {
  /** The service name, or the registrable domain of a third party no list knows. */
  key: string;
  service: string | null;
  category: Category | null;
  organisation: string | null;
  parent: string | null;
  country: string | null;
  countryClass: CountryClass;
  gafam: Gafam | null;
  publicSector: boolean;
  tracker: boolean;
  domains: string[];
  hosts: string[];
  requests: number;
  types: Partial<Record<ResourceType, number>>;
  /** Milliseconds since navigation start of the first request. */
  firstSeen: number;
  beforeInteraction: boolean;
  trackerBeforeInteraction: boolean;
  /** Names of cookies its responses set. */
  cookies: string[];
}

/** One row per third-party registrable domain (reports and CSV exports are per domain). */
export interface DomainSummary {
  domain: string;
  /** Key of the service it belongs to. */
  service: string;
  requests: number;
  types: Partial<Record<ResourceType, number>>;
  firstSeen: number;
  beforeInteraction: boolean;
  tracker: boolean;
  cookies: string[];
}

export interface OrganisationSummary {
  /** Ultimate parent (or the registrable domain when unknown): the unit SN-1 counts trackers by. */
  key: string;
  parent: string | null;
  organisations: string[];
  country: string | null;
  countryClass: CountryClass;
  gafam: Gafam | null;
  services: string[];
  requests: number;
  tracker: boolean;
  trackerBeforeInteraction: boolean;
}

export interface CookieFinding {
  name: string;
  domain: string;
  party: 'first' | 'third';
  /** Where it was seen: a Set-Cookie response header, or the site's cookie jar (written by a script). */
  via: 'response' | 'jar';
  service: string | null;
  organisation: string | null;
  /** A known tracking cookie name (`_ga`, `_fbp`, …). */
  knownTracker: boolean;
  /** The known-tracker rule it matched, as a name or a prefix pattern (`_ga`, `_ga_*`); null otherwise. */
  rule: string | null;
  /** Third-party or known tracking: never essential to the service the visitor asked for. */
  tracking: boolean;
  expiresIn: number | null;
  longLived: boolean;
  beforeInteraction: boolean;
}

export interface HostingFinding {
  ip: string;
  asn: number | null;
  provider: string | null;
  organisation: string | null;
  parent: string | null;
  country: string | null;
  countryClass: CountryClass;
}

export interface NetworkFinding extends HostingFinding {
  hosts: string[];
}

export interface Audit {
  schema: typeof AUDIT_SCHEMA;
  methodology: string;
  lists: string;
  page: {
    url: string;
    host: string;
    domain: string;
    https: boolean;
    publicSector: PublicBody | null;
    visitedAt: string | null;
  };
  hosting: HostingFinding | null;
  requests: {
    total: number;
    firstParty: number;
    thirdParty: number;
    beforeInteraction: number;
    types: Partial<Record<ResourceType, number>>;
    /** Requests whose URL could not be used (the reason is in `errors`). */
    invalid: number;
    withoutTab: number;
    /** Requests merged into others' details past the recording bound (still counted above). */
    detailsMerged: number;
  };
  thirdParties: ServiceSummary[];
  thirdPartyDomains: DomainSummary[];
  organisations: OrganisationSummary[];
  /** The site's own hosts and the networks serving them (CDN fronting). */
  firstParty: { hosts: string[]; requests: number; networks: NetworkFinding[] };
  cookies: CookieFinding[];
  transport: { https: boolean; mixedContent: string[] };
  firstInteraction: number | null;
  errors: Array<{ url: string; error: string }>;
  score: Score;
}

/** "More than 13 months" (CNIL): 13 × 30.5 days, so a cookie set for exactly 13 calendar months is not flagged. */
const THIRTEEN_MONTHS = 13 * 30.5 * 24 * 3600;
const MAX_ERRORS = 50;

function increment<K extends string>(record: Partial<Record<K, number>>, key: K, by: number): void {
  record[key] = (record[key] ?? 0) + by;
}

function hostingOf(ip: string | null, lists: Lists): HostingFinding | null {
  if (!ip) return null;
  const found = lookupHosting(lists.hosting, ip);
  const owner = found ? ownerById(lists.services, found.owner) : null;
  return {
    ip,
    asn: found?.asn ?? null,
    provider: found?.provider ?? null,
    organisation: owner?.organisation ?? null,
    parent: owner?.parent ?? null,
    country: owner?.country ?? null,
    countryClass: owner ? owner.countryClass : 'unknown',
  };
}

/** http: or ws: (plain text on the wire). Browsers report lowercase schemes; files people write may not. */
function isInsecure(url: string): boolean {
  if (url.startsWith('https:') || url.startsWith('wss:')) return false;
  return url.startsWith('http:') || url.startsWith('ws:') || /^\s*(?:http|ws):/i.test(url);
}

function ruleName(rule: CookieRule | null): string | null {
  if (!rule) return null;
  return rule.name ?? `${rule.prefix}*${rule.suffix ?? ''}`;
}

function sortedKeys(set: Set<string>): string[] {
  return [...set].sort();
}

export interface AuditOptions {
  lang?: Lang;
}

type ServiceAggregate = ServiceSummary & { domainSet: Set<string>; hostSet: Set<string>; cookieSet: Set<string> };
type DomainAggregate = DomainSummary & { cookieSet: Set<string> };

/** What `AuditFold.request` remembers of a request for its response (cookies, server IP) to be folded in. */
export interface RequestHandle {
  classification: Classification | null;
  type: ResourceType;
  beforeInteraction: boolean;
}

/**
 * An audit built one observation at a time: the recorder folds each request as it arrives and each response
 * when it comes (cookies, server IP), so reading the audit costs the size of its summary, not of the visit.
 * `auditLog` folds a whole log the same way, so both give the same audit.
 */
export class AuditFold {
  private readonly classifyRequest: (url: string) => ReturnType<ReturnType<typeof createClassifier>>;
  private readonly pageHost: string;
  private readonly pageDomain: string;
  private readonly https: boolean;
  private readonly publicBody: PublicBody | null;
  private readonly requests: Audit['requests'];
  private readonly errors: Audit['errors'] = [];
  private readonly services = new Map<string, ServiceAggregate>();
  private readonly domains = new Map<string, DomainAggregate>();
  private readonly firstPartyHosts = new Set<string>();
  private readonly firstPartyIps = new Map<string, Set<string>>();
  private firstPartyRequests = 0;
  private readonly mixed = new Set<string>();
  private readonly cookies = new Map<string, CookieFinding>();
  /** The main document's server IP, once its response is in. */
  serverIp: string | null;
  /**
   * Grows whenever something SN-1 reads changes: a new service, a tracker or before-interaction flag, a cookie,
   * mixed content, a network of the site's own. Not mere request counts: a score computed at one revision (and
   * the same `serverIp`) still holds at that revision.
   */
  revision = 0;

  constructor(
    private readonly lists: Lists,
    private readonly page: ObservationLog['page'],
    counters: { withoutTab?: number; detailsMerged?: number; firstInteraction?: number | null } = {},
  ) {
    this.classifyRequest = createClassifier(lists, page.url);
    const parsed = parseUrl(page.url);
    this.pageHost = isUrlError(parsed) ? '' : parsed.host;
    this.pageDomain = isUrlError(parsed) ? '' : registrableDomain(parsed.host, lists.publicSector);
    this.https = !isUrlError(parsed) && parsed.scheme === 'https';
    const pageInfo = isUrlError(parsed) ? null : this.classifyRequest(page.url);
    this.publicBody = pageInfo && isClassification(pageInfo) ? pageInfo.publicSector : null;
    this.serverIp = page.serverIp;
    this.firstInteraction = counters.firstInteraction ?? null;
    this.requests = {
      total: 0,
      firstParty: 0,
      thirdParty: 0,
      beforeInteraction: 0,
      types: {},
      invalid: 0,
      withoutTab: counters.withoutTab ?? 0,
      detailsMerged: counters.detailsMerged ?? 0,
    };
  }

  firstInteraction: number | null;

  /** Folds a request in (`count` identical requests when merged past a bound); returns its handle. */
  request(url: string, type: ResourceType, time: number, beforeInteraction: boolean, count = 1): RequestHandle {
    const requests = this.requests;
    requests.total += count;
    increment(requests.types, type, count);
    if (beforeInteraction) requests.beforeInteraction += count;
    const c = this.classifyRequest(url);
    if (!isClassification(c)) {
      requests.invalid += count;
      if (this.errors.length < MAX_ERRORS) this.errors.push({ url, error: c.error });
      return { classification: null, type, beforeInteraction };
    }
    if (this.https && type !== 'main_frame' && isInsecure(url) && !this.mixed.has(c.host)) {
      this.mixed.add(c.host);
      this.revision++;
    }

    if (c.party === 'first') {
      requests.firstParty += count;
      this.firstPartyRequests += count;
      this.firstPartyHosts.add(c.host);
      return { classification: c, type, beforeInteraction };
    }
    requests.thirdParty += count;
    const key = c.service ?? c.domain;
    let s = this.services.get(key);
    if (!s) {
      s = {
        key,
        service: c.service,
        category: c.category,
        organisation: c.organisation,
        parent: c.parent,
        country: c.country,
        countryClass: c.countryClass,
        gafam: c.gafam,
        publicSector: c.publicSector !== null,
        tracker: false,
        domains: [],
        hosts: [],
        requests: 0,
        types: {},
        firstSeen: time,
        beforeInteraction: false,
        trackerBeforeInteraction: false,
        cookies: [],
        domainSet: new Set(),
        hostSet: new Set(),
        cookieSet: new Set(),
      };
      this.services.set(key, s);
      this.revision++;
    }
    s.requests += count;
    increment(s.types, type, count);
    s.firstSeen = Math.min(s.firstSeen, time);
    s.domainSet.add(c.domain);
    s.hostSet.add(c.host);
    if ((c.tracker && !s.tracker) || (c.tracker && beforeInteraction && !s.trackerBeforeInteraction)) this.revision++;
    s.tracker ||= c.tracker;
    s.beforeInteraction ||= beforeInteraction;
    s.trackerBeforeInteraction ||= c.tracker && beforeInteraction;

    let d = this.domains.get(c.domain);
    if (!d) {
      d = { domain: c.domain, service: key, requests: 0, types: {}, firstSeen: time, beforeInteraction: false, tracker: false, cookies: [], cookieSet: new Set() };
      this.domains.set(c.domain, d);
    }
    d.requests += count;
    increment(d.types, type, count);
    d.firstSeen = Math.min(d.firstSeen, time);
    d.beforeInteraction ||= beforeInteraction;
    d.tracker ||= c.tracker;
    return { classification: c, type, beforeInteraction };
  }

  /** Folds a response in: the server it came from and the cookies it set. */
  response(handle: RequestHandle, serverIp: string | null, cookies: readonly ObservedCookie[]): void {
    const c = handle.classification;
    if (!c) return;
    if (c.party === 'first' && serverIp && handle.type !== 'main_frame') {
      let hosts = this.firstPartyIps.get(serverIp);
      if (!hosts) {
        this.firstPartyIps.set(serverIp, (hosts = new Set()));
        this.revision++;
      }
      hosts.add(c.host);
    }
    if (!cookies.length) return;
    const s = c.party === 'third' ? this.services.get(c.service ?? c.domain) : undefined;
    const d = c.party === 'third' ? this.domains.get(c.domain) : undefined;
    for (const cookie of cookies) {
      s?.cookieSet.add(cookie.name);
      d?.cookieSet.add(cookie.name);
      const cookieHost = (cookie.domain || c.host).replace(/^\./, '').toLowerCase();
      const party = registrableDomain(cookieHost, this.lists.publicSector) === this.pageDomain ? 'first' : 'third';
      const rule = trackingCookieRule(this.lists.cookies, cookie.name);
      this.addCookie({
        name: cookie.name,
        domain: cookieHost,
        party,
        via: 'response',
        service: c.service ?? (party === 'third' ? c.domain : null),
        organisation: c.organisation,
        knownTracker: rule !== null,
        rule: ruleName(rule),
        tracking: party === 'third' || rule !== null,
        expiresIn: cookie.expiresIn,
        longLived: (cookie.expiresIn ?? 0) > THIRTEEN_MONTHS,
        beforeInteraction: handle.beforeInteraction,
      });
    }
  }

  /** A cookie found in the site's own jar (written by a script). */
  jarCookie(cookie: ObservedCookie, beforeInteraction: boolean): void {
    const rule = trackingCookieRule(this.lists.cookies, cookie.name);
    const owner = rule ? ownerAt(this.lists.services, rule.owner) : null;
    const cookieHost = (cookie.domain || this.pageHost).replace(/^\./, '').toLowerCase();
    const party = registrableDomain(cookieHost, this.lists.publicSector) === this.pageDomain ? 'first' : 'third';
    this.addCookie({
      name: cookie.name,
      domain: cookieHost,
      party,
      via: 'jar',
      service: rule?.service ?? null,
      organisation: owner?.organisation ?? null,
      knownTracker: rule !== null,
      rule: ruleName(rule),
      tracking: party === 'third' || rule !== null,
      expiresIn: cookie.expiresIn,
      longLived: (cookie.expiresIn ?? 0) > THIRTEEN_MONTHS,
      beforeInteraction,
    });
  }

  private addCookie(finding: CookieFinding): void {
    this.revision++;
    const key = `${finding.name}\u0000${finding.domain}`;
    const earlier = this.cookies.get(key);
    if (!earlier) {
      this.cookies.set(key, finding);
      return;
    }
    // Keep the most telling sighting whatever the order they come in (a recorder sees responses and the cookie
    // jar in any order): before interaction beats after, longer life beats shorter; a response names the
    // service that set the cookie, and of two responses the service that sorts first is kept.
    earlier.beforeInteraction ||= finding.beforeInteraction;
    if ((finding.expiresIn ?? 0) > (earlier.expiresIn ?? 0)) earlier.expiresIn = finding.expiresIn;
    earlier.longLived ||= finding.longLived;
    const better =
      (earlier.via === 'jar' && finding.via === 'response') ||
      (earlier.via === finding.via && (finding.service ?? '\uffff') < (earlier.service ?? '\uffff'));
    if (better) {
      earlier.via = finding.via;
      earlier.service = finding.service;
      earlier.organisation = finding.organisation;
    }
  }

  /** Requests whose details were merged past the recorder's bound (still counted). */
  setDetailsMerged(count: number): void {
    this.requests.detailsMerged = count;
  }

  /** The audit as it stands, scored. Cheap: it walks the summaries, not the requests. */
  result(options: AuditOptions = {}): Audit {
    const audit = this.summary();
    return { ...audit, score: score(audit, this.lists, options.lang ?? 'en') };
  }

  /** The audit as it stands, before it is scored. */
  summary(): Omit<Audit, 'score'> {
    const thirdParties: ServiceSummary[] = [...this.services.values()]
      .map(({ domainSet, hostSet, cookieSet, ...s }) => ({
        ...s,
        types: { ...s.types },
        domains: sortedKeys(domainSet),
        hosts: sortedKeys(hostSet),
        cookies: sortedKeys(cookieSet),
      }))
      .sort((a, b) => b.requests - a.requests || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const thirdPartyDomains: DomainSummary[] = [...this.domains.values()]
      .map(({ cookieSet, ...d }) => ({ ...d, types: { ...d.types }, cookies: sortedKeys(cookieSet) }))
      .sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
    const networks: NetworkFinding[] = [];
    for (const [ip, hosts] of [...this.firstPartyIps].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const hosting = hostingOf(ip, this.lists);
      if (hosting?.provider) networks.push({ ...hosting, hosts: sortedKeys(hosts) });
    }
    return {
      schema: AUDIT_SCHEMA,
      methodology: METHODOLOGY.id,
      lists: this.lists.version,
      page: {
        url: this.page.url,
        host: this.pageHost,
        domain: this.pageDomain,
        https: this.https,
        publicSector: this.publicBody,
        visitedAt: this.page.visitedAt ?? null,
      },
      hosting: hostingOf(this.serverIp, this.lists),
      requests: { ...this.requests, types: { ...this.requests.types } },
      thirdParties,
      thirdPartyDomains,
      organisations: groupOrganisations(thirdParties),
      firstParty: { hosts: sortedKeys(this.firstPartyHosts), requests: this.firstPartyRequests, networks },
      cookies: [...this.cookies.values()]
        .map((c) => ({ ...c }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0)),
      transport: { https: this.https, mixedContent: sortedKeys(this.mixed) },
      firstInteraction: this.firstInteraction,
      errors: [...this.errors],
    };
  }
}

export function auditLog(log: ObservationLog, lists: Lists, options: AuditOptions = {}): Audit {
  const fold = new AuditFold(lists, log.page, {
    withoutTab: log.requestsWithoutTab,
    detailsMerged: log.truncated?.requestsDropped,
    firstInteraction: log.firstInteraction,
  });
  for (const r of log.requests) {
    fold.response(fold.request(r.url, r.type, r.time, r.beforeInteraction, r.count ?? 1), r.serverIp, r.cookies);
  }
  for (const jar of log.jarCookies ?? []) fold.jarCookie(jar, jar.beforeInteraction);
  return fold.result(options);
}

/** Services grouped by ultimate parent (unknown third parties stay one group per registrable domain). */
function groupOrganisations(services: ServiceSummary[]): OrganisationSummary[] {
  const groups = new Map<string, OrganisationSummary & { orgSet: Set<string> }>();
  for (const s of services) {
    const key = s.parent ?? s.key;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        parent: s.parent,
        organisations: [],
        country: s.country,
        countryClass: s.countryClass,
        gafam: s.gafam,
        services: [],
        requests: 0,
        tracker: false,
        trackerBeforeInteraction: false,
        orgSet: new Set(),
      };
      groups.set(key, g);
    }
    if (s.organisation) g.orgSet.add(s.organisation);
    g.services.push(s.key);
    g.requests += s.requests;
    g.tracker ||= s.tracker;
    g.trackerBeforeInteraction ||= s.trackerBeforeInteraction;
  }
  return [...groups.values()]
    .map(({ orgSet, ...g }) => ({ ...g, organisations: sortedKeys(orgSet), services: g.services.sort() }))
    .sort((a, b) => b.requests - a.requests || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

