// Shared types of the engine: what a classified request, an observation log, an audit and a score look like.

export type Gafam = 'google' | 'apple' | 'meta' | 'amazon' | 'microsoft';

/** Jurisdiction class of an organisation's ultimate parent (SN-1, "country classes"). */
export type CountryClass = 'eu' | 'adequacy' | 'gafam' | 'other' | 'unknown';

export type Party = 'first' | 'third';

/** Project categories; third-party-web's are mapped onto these at build time. */
export const CATEGORIES = [
  'advertising',
  'analytics',
  'social',
  'session-replay',
  'fingerprinting',
  'tag-manager',
  'consent',
  'video',
  'fonts',
  'maps',
  'captcha',
  'cdn',
  'hosting',
  'customer-success',
  'marketing',
  'content',
  'utility',
  'public-infrastructure',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories that make a service a tracker by nature (SN-1, C2). */
export const TRACKER_CATEGORIES: ReadonlySet<Category> = new Set<Category>([
  'advertising',
  'analytics',
  'social',
  'session-replay',
  'fingerprinting',
]);

/** A public body a host belongs to, and where that knowledge comes from. */
export interface PublicBody {
  /** Where the recognition comes from: a suffix rule, the curated list, an imported registry. */
  source: string;
  /** The body's identifier in that source, where it gives one. */
  id?: string;
  name?: string;
  country?: string;
}

/** The answer of `classify(requestUrl, pageUrl)`. */
export interface Classification {
  host: string;
  domain: string;
  party: Party;
  /** Service name (third-party-web entity or the project's own), null when unknown. */
  service: string | null;
  category: Category | null;
  organisation: string | null;
  /** Ultimate parent organisation. */
  parent: string | null;
  /** ISO 3166-1 alpha-2 of the ultimate parent's headquarters ("EU" for EU institutions). */
  country: string | null;
  countryClass: CountryClass;
  gafam: Gafam | null;
  tracker: boolean;
  publicSector: PublicBody | null;
}

/** A cookie seen in a response (Set-Cookie) or in the site's cookie jar. */
export interface ObservedCookie {
  name: string;
  domain: string;
  /** Lifetime in seconds from when it was set; null for a session cookie. */
  expiresIn: number | null;
}

/** webRequest resource types, as Chromium names them (Firefox's are mapped to these). */
export type ResourceType =
  | 'main_frame'
  | 'sub_frame'
  | 'stylesheet'
  | 'script'
  | 'image'
  | 'font'
  | 'object'
  | 'xmlhttprequest'
  | 'ping'
  | 'csp_report'
  | 'media'
  | 'websocket'
  | 'webtransport'
  | 'webbundle'
  | 'other';

export interface ObservedRequest {
  url: string;
  type: ResourceType;
  /** Server IP as reported by the browser; null when unknown (cache, blocked, failed). */
  serverIp: string | null;
  /** Milliseconds since the navigation started. */
  time: number;
  /** True when the request started before the visitor's first click, key press or scroll. */
  beforeInteraction: boolean;
  cookies: ObservedCookie[];
  /** Identical requests merged past the recording bound (same host, type and interaction flag); default 1. */
  count?: number;
}

/** The observation log of one page visit: what the extension records and `vigie score` reads. */
export interface ObservationLog {
  format: 'vigie.observations/1';
  page: {
    url: string;
    /** Server IP of the main document, null when unknown. */
    serverIp: string | null;
    /** ISO 8601 date of the visit, if known. Only the ISO week leaves the device in a report. */
    visitedAt?: string;
  };
  requests: ObservedRequest[];
  /** Cookies found in the site's own cookie jar (written by scripts, e.g. `_ga`). */
  jarCookies?: Array<ObservedCookie & { beforeInteraction: boolean }>;
  /** Milliseconds since navigation start of the first interaction, null when none happened. */
  firstInteraction?: number | null;
  /** Details stopped being stored past a bound; counts below still include everything. */
  truncated?: { requestsDropped: number };
  /** Requests seen without a tab (service workers, prefetch) and left out. */
  requestsWithoutTab?: number;
}

/** Where one part of the compiled lists comes from. */
export interface Provenance {
  part: string;
  package?: string;
  version?: string;
  licence: string;
  attribution?: string;
  source?: string;
}
