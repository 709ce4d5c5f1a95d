// Fold the observations of one page visit into an audit: third parties by service and organisation, cookies,
// hosting of the site, transport security, then the SN-1 score.
import type { Category, CountryClass, Gafam, ObservationLog, PublicBody, ResourceType } from './types';
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

export function auditLog(log: ObservationLog, lists: Lists, options: AuditOptions = {}): Audit {
  const classifyRequest = createClassifier(lists, log.page.url);
  const page = parseUrl(log.page.url);
  const pageHost = isUrlError(page) ? '' : page.host;
  const pageDomain = isUrlError(page) ? '' : registrableDomain(page.host, lists.publicSector);
  const https = !isUrlError(page) && page.scheme === 'https';
  const pageInfo = isUrlError(page) ? null : classifyRequest(log.page.url);

  const requests: Audit['requests'] = {
    total: 0,
    firstParty: 0,
    thirdParty: 0,
    beforeInteraction: 0,
    types: {},
    invalid: 0,
    withoutTab: log.requestsWithoutTab ?? 0,
    detailsMerged: log.truncated?.requestsDropped ?? 0,
  };
  const errors: Audit['errors'] = [];
  const services = new Map<string, ServiceSummary & { domainSet: Set<string>; hostSet: Set<string>; cookieSet: Set<string> }>();
  const domains = new Map<string, DomainSummary & { cookieSet: Set<string> }>();
  const firstPartyHosts = new Set<string>();
  const firstPartyIps = new Map<string, Set<string>>();
  let firstPartyRequests = 0;
  const mixed = new Set<string>();
  const cookies = new Map<string, CookieFinding>();

  const addCookie = (finding: CookieFinding) => {
    const key = `${finding.name}\u0000${finding.domain}`;
    const earlier = cookies.get(key);
    // Keep the most telling sighting: before interaction beats after, longer life beats shorter.
    if (!earlier) cookies.set(key, finding);
    else {
      earlier.beforeInteraction ||= finding.beforeInteraction;
      if ((finding.expiresIn ?? 0) > (earlier.expiresIn ?? 0)) earlier.expiresIn = finding.expiresIn;
      earlier.longLived ||= finding.longLived;
    }
  };

  for (const request of log.requests) {
    const count = request.count ?? 1;
    requests.total += count;
    increment(requests.types, request.type, count);
    if (request.beforeInteraction) requests.beforeInteraction += count;
    const c = classifyRequest(request.url);
    if (!isClassification(c)) {
      requests.invalid += count;
      if (errors.length < MAX_ERRORS) errors.push({ url: request.url, error: c.error });
      continue;
    }
    if (https && request.type !== 'main_frame' && /^(?:http|ws):/i.test(request.url.trimStart())) mixed.add(c.host);

    for (const cookie of request.cookies) {
      const cookieHost = (cookie.domain || c.host).replace(/^\./, '').toLowerCase();
      const party = registrableDomain(cookieHost, lists.publicSector) === pageDomain ? 'first' : 'third';
      const rule = trackingCookieRule(lists.cookies, cookie.name);
      addCookie({
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
        beforeInteraction: request.beforeInteraction,
      });
    }

    if (c.party === 'first') {
      requests.firstParty += count;
      firstPartyRequests += count;
      firstPartyHosts.add(c.host);
      if (request.serverIp && request.type !== 'main_frame') {
        const hosts = firstPartyIps.get(request.serverIp) ?? new Set<string>();
        hosts.add(c.host);
        firstPartyIps.set(request.serverIp, hosts);
      }
      continue;
    }
    requests.thirdParty += count;
    const key = c.service ?? c.domain;
    let s = services.get(key);
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
        firstSeen: request.time,
        beforeInteraction: false,
        trackerBeforeInteraction: false,
        cookies: [],
        domainSet: new Set(),
        hostSet: new Set(),
        cookieSet: new Set(),
      };
      services.set(key, s);
    }
    s.requests += count;
    increment(s.types, request.type, count);
    s.firstSeen = Math.min(s.firstSeen, request.time);
    s.domainSet.add(c.domain);
    s.hostSet.add(c.host);
    s.tracker ||= c.tracker;
    s.beforeInteraction ||= request.beforeInteraction;
    s.trackerBeforeInteraction ||= c.tracker && request.beforeInteraction;
    for (const cookie of request.cookies) s.cookieSet.add(cookie.name);

    let d = domains.get(c.domain);
    if (!d) {
      d = { domain: c.domain, service: key, requests: 0, types: {}, firstSeen: request.time, beforeInteraction: false, tracker: false, cookies: [], cookieSet: new Set() };
      domains.set(c.domain, d);
    }
    d.requests += count;
    increment(d.types, request.type, count);
    d.firstSeen = Math.min(d.firstSeen, request.time);
    d.beforeInteraction ||= request.beforeInteraction;
    d.tracker ||= c.tracker;
    for (const cookie of request.cookies) d.cookieSet.add(cookie.name);
  }

  for (const jar of log.jarCookies ?? []) {
    const rule = trackingCookieRule(lists.cookies, jar.name);
    const owner = rule ? ownerAt(lists.services, rule.owner) : null;
    const cookieHost = (jar.domain || pageHost).replace(/^\./, '').toLowerCase();
    const party = registrableDomain(cookieHost, lists.publicSector) === pageDomain ? 'first' : 'third';
    addCookie({
      name: jar.name,
      domain: cookieHost,
      party,
      via: 'jar',
      service: rule?.service ?? null,
      organisation: owner?.organisation ?? null,
      knownTracker: rule !== null,
      rule: ruleName(rule),
      tracking: party === 'third' || rule !== null,
      expiresIn: jar.expiresIn,
      longLived: (jar.expiresIn ?? 0) > THIRTEEN_MONTHS,
      beforeInteraction: jar.beforeInteraction,
    });
  }

  const thirdParties: ServiceSummary[] = [...services.values()]
    .map(({ domainSet, hostSet, cookieSet, ...s }) => ({
      ...s,
      domains: sortedKeys(domainSet),
      hosts: sortedKeys(hostSet),
      cookies: sortedKeys(cookieSet),
    }))
    .sort((a, b) => b.requests - a.requests || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const thirdPartyDomains: DomainSummary[] = [...domains.values()]
    .map(({ cookieSet, ...d }) => ({ ...d, cookies: sortedKeys(cookieSet) }))
    .sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  const organisations = groupOrganisations(thirdParties);

  const networks: NetworkFinding[] = [];
  for (const [ip, hosts] of [...firstPartyIps].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const hosting = hostingOf(ip, lists);
    if (hosting?.provider) networks.push({ ...hosting, hosts: sortedKeys(hosts) });
  }

  const audit: Omit<Audit, 'score'> = {
    schema: AUDIT_SCHEMA,
    methodology: METHODOLOGY.id,
    lists: lists.version,
    page: {
      url: log.page.url,
      host: pageHost,
      domain: pageDomain,
      https,
      publicSector: pageInfo && isClassification(pageInfo) ? pageInfo.publicSector : null,
      visitedAt: log.page.visitedAt ?? null,
    },
    hosting: hostingOf(log.page.serverIp, lists),
    requests,
    thirdParties,
    thirdPartyDomains,
    organisations,
    firstParty: { hosts: sortedKeys(firstPartyHosts), requests: firstPartyRequests, networks },
    cookies: [...cookies.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0,
    ),
    transport: { https, mixedContent: sortedKeys(mixed) },
    firstInteraction: log.firstInteraction ?? null,
    errors,
  };
  return { ...audit, score: score(audit, lists, options.lang ?? 'en') };
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

