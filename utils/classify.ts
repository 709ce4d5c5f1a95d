// Classify a request: (requestUrl, pageUrl) → host, domain, party, service, owner, parent, country, GAFAM, tracker.
import type { Classification, PublicBody } from './types';
import { TRACKER_CATEGORIES } from './types';
import type { Lists } from './lists';
import { isUrlError, parseUrl, quickHost, registrableDomain, type UrlError } from './domains';
import { serviceOfHost, serviceOfUrl, type Service } from './services';
import { isTrackerHost, trackerPathMatcher, type PathMatcher } from './trackers';
import { publicBodyOf } from './public-sector';
import { countryClassOf } from './countries';

/** What depends on the host alone, computed once per host: a page makes many requests to few hosts. */
interface HostInfo {
  host: string;
  domain: string;
  service: Service | null;
  publicBody: PublicBody | null;
  trackerHost: boolean;
  /** AdGuard's path rules for this host, when it has some and is not a tracker host already. */
  trackerPaths: PathMatcher | null;
  /** Some service is defined on a path of this host (reCAPTCHA on www.google.com). */
  serviceUrls: boolean;
  /** When the path cannot change the answer: the answers as first and as third party, shared and frozen. */
  asFirst: Classification | null;
  asThird: Classification | null;
}

/**
 * Host cache, per lists instance, in two generations: hosts seen recently live in `young`; when it is full it
 * becomes `old` and the previous `old` is dropped, so hosts still in use survive by being copied back. Cheaper
 * than LRU bookkeeping on the hot path, and at most 2 × 25,000 hosts (about 7 MB, after browsing that many).
 */
const GENERATION = 25_000;
interface HostCache {
  young: Map<string, HostInfo>;
  old: Map<string, HostInfo>;
}
const hostCaches = new WeakMap<Lists, HostCache>();

function cacheOf(lists: Lists): HostCache {
  let cache = hostCaches.get(lists);
  if (!cache) hostCaches.set(lists, (cache = { young: new Map(), old: new Map() }));
  return cache;
}

function remember(cache: HostCache, info: HostInfo): void {
  if (cache.young.size >= GENERATION) {
    cache.old = cache.young;
    cache.young = new Map();
  }
  cache.young.set(info.host, info);
}

function hostInfo(lists: Lists, cache: HostCache, host: string): HostInfo {
  let info = cache.young.get(host);
  if (info) return info;
  info = cache.old.get(host);
  if (info) {
    remember(cache, info);
    return info;
  }
  const trackerHost = isTrackerHost(lists.trackers, host);
  info = {
    host,
    domain: registrableDomain(host, lists.publicSector),
    service: serviceOfHost(lists.services, host),
    publicBody: publicBodyOf(lists.publicSector, host),
    trackerHost,
    trackerPaths: trackerHost ? null : trackerPathMatcher(lists.trackers, host),
    serviceUrls: lists.services.urls.has(host),
    asFirst: null,
    asThird: null,
  };
  if (!info.trackerPaths && !info.serviceUrls) {
    info.asFirst = Object.freeze(build(info, info.service, false, 'first'));
    info.asThird = Object.freeze(build(info, info.service, false, 'third'));
  }
  remember(cache, info);
  return info;
}

function build(info: HostInfo, service: Service | null, trackerPath: boolean, party: 'first' | 'third'): Classification {
  const owner = service?.owner ?? null;
  const body = info.publicBody;
  // A public body's own hosts, when no service claims them, are owned by that body (shared public
  // infrastructure, another administration's site): public, not an unknown foreign dependency.
  const country = owner?.country ?? body?.country ?? null;
  return {
    host: info.host,
    domain: info.domain,
    party,
    service: service?.name ?? null,
    category: service?.category ?? null,
    organisation: owner?.organisation ?? body?.name ?? null,
    parent: owner?.parent ?? body?.name ?? null,
    country,
    countryClass: owner ? owner.countryClass : body ? countryClassOf(country, null) : 'unknown',
    gafam: owner?.gafam ?? null,
    tracker:
      service?.tracker ??
      ((service !== null && TRACKER_CATEGORIES.has(service.category)) || info.trackerHost || trackerPath),
    publicSector: body,
  };
}

export type ClassifyResult = Classification | (UrlError & { url: string });

/**
 * A classifier for the requests of one page: the page URL is parsed once. An unusable page URL (about:blank,
 * a file) still classifies requests, all as third parties. Answers may be shared between calls: read them,
 * do not change them.
 */
export function createClassifier(lists: Lists, pageUrl: string | null): (requestUrl: string) => ClassifyResult {
  const cache = cacheOf(lists);
  const page = pageUrl ? parseUrl(pageUrl) : null;
  const pageDomain = page && !isUrlError(page) ? hostInfo(lists, cache, page.host).domain : null;
  return (requestUrl) => {
    // Hot path: most requests are to hosts already seen whose answer does not depend on the path.
    const quick = typeof requestUrl === 'string' ? quickHost(requestUrl) : null;
    if (quick !== null) {
      const known = cache.young.get(quick);
      const shared = known && (known.domain === pageDomain ? known.asFirst : known.asThird);
      if (shared) return shared;
    }
    const url = parseUrl(requestUrl);
    if (isUrlError(url)) return { url: requestUrl, error: url.error };
    const info = hostInfo(lists, cache, url.host);
    const first = info.domain === pageDomain;
    const shared = first ? info.asFirst : info.asThird;
    if (shared) return shared;
    const service = info.serviceUrls ? (serviceOfUrl(lists.services, url.host, url.rest) ?? info.service) : info.service;
    return build(info, service, info.trackerPaths !== null && info.trackerPaths(url.rest), first ? 'first' : 'third');
  };
}

export function classify(requestUrl: string, pageUrl: string | null, lists: Lists): ClassifyResult {
  return createClassifier(lists, pageUrl)(requestUrl);
}

export function isClassification(result: ClassifyResult): result is Classification {
  return !('error' in result);
}
