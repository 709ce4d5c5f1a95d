// What each fixture site is and what a visit to it must produce: tests assert against this, never against
// numbers copied into the tests themselves.
import { BENCH_300_PLAN, HEAVY_PLAN, plannedDomains, type RequestPlan } from './plans';

export interface FixtureSite {
  /** URL to open. */
  url: string;
  /** Top-level URL once every redirect and client-side navigation is done. */
  finalUrl: string;
  /** Hosts of the site itself that the visit reaches (the redirect chain included). */
  firstPartyHosts: string[];
  /**
   * Every third-party host the visit requests, frames' requests included. Tests can wait for these in the
   * fixture server's log to know the visit is complete.
   */
  thirdPartyHosts: string[];
  /**
   * Registrable domains of those hosts in Vigie's sense (Public Suffix List including its private section, as
   * utils/domains.ts does: fonts.googleapis.com is its own domain, fonts.gstatic.com belongs to gstatic.com).
   */
  thirdPartyDomains: string[];
  /** Exact number of third-party requests the page makes, where the page is generated from a plan. */
  thirdPartyRequests?: number;
  /** Cookies the third parties' responses set, by host (names). */
  responseCookies: Record<string, string[]>;
  /** Cookies scripts write into the site's own jar (names; '*' ends a prefix). */
  jarCookies: string[];
  /** Something to wait for in the page before the visit is over, if the load event is not enough. */
  readyWhen?: { selector: string };
  description: string;
}

function planHosts(plan: RequestPlan): string[] {
  return [...new Set(plan.hosts.map((h) => h.host))].sort();
}

const sorted = (values: string[]): string[] => [...values].sort();

export const SITES = {
  lyon: {
    url: 'https://www.lyon.fr/',
    finalUrl: 'https://www.lyon.fr/',
    firstPartyHosts: ['www.lyon.fr'],
    thirdPartyHosts: sorted([
      'www.googletagmanager.com',
      'www.google-analytics.com',
      'fonts.googleapis.com',
      'fonts.gstatic.com',
      'www.youtube.com',
      'i.ytimg.com',
      'static.doubleclick.net',
      'googleads.g.doubleclick.net',
      'www.google.com',
      'www.gstatic.com',
      'connect.facebook.net',
      'www.facebook.com',
    ]),
    thirdPartyDomains: sorted([
      'googletagmanager.com',
      'google-analytics.com',
      'fonts.googleapis.com',
      'gstatic.com',
      'youtube.com',
      'ytimg.com',
      'doubleclick.net',
      'google.com',
      'facebook.net',
      'facebook.com',
    ]),
    responseCookies: {
      'www.youtube.com': ['YSC', 'VISITOR_INFO1_LIVE', 'VISITOR_PRIVACY_METADATA'],
      'googleads.g.doubleclick.net': ['IDE'],
      'www.google.com': ['_GRECAPTCHA'],
      'www.facebook.com': ['fr'],
    },
    jarCookies: ['_ga', '_ga_K7LYON1', '_fbp'],
    description: 'GAFAM-heavy city page: Tag Manager, Analytics, Fonts, YouTube, reCAPTCHA, Meta pixel, all before interaction',
  },
  numerique: {
    url: 'https://www.numerique.gouv.fr/',
    finalUrl: 'https://www.numerique.gouv.fr/',
    firstPartyHosts: ['www.numerique.gouv.fr'],
    thirdPartyHosts: [],
    thirdPartyDomains: [],
    responseCookies: {},
    jarCookies: ['dsfr-theme'],
    description: 'Clean page: only its own files',
  },
  parisCarte: {
    url: 'https://www.paris.fr/carte',
    finalUrl: 'https://www.paris.fr/carte',
    firstPartyHosts: ['www.paris.fr'],
    thirdPartyHosts: sorted([
      'www.google.com',
      'maps.googleapis.com',
      'maps.gstatic.com',
      'www.openstreetmap.org',
      'tile.openstreetmap.org',
      'www.dailymotion.com',
      'static1.dmcdn.net',
      's1.dmcdn.net',
    ]),
    thirdPartyDomains: sorted(['google.com', 'maps.googleapis.com', 'gstatic.com', 'openstreetmap.org', 'dailymotion.com', 'dmcdn.net']),
    responseCookies: { 'www.google.com': ['NID'], 'www.dailymotion.com': ['v1st'] },
    jarCookies: [],
    description: 'Embedded frames: Google Maps, OpenStreetMap (with tiles), Dailymotion',
  },
  marseille: {
    url: 'http://marseille.fr/',
    finalUrl: 'https://www.marseille.fr/',
    firstPartyHosts: ['marseille.fr', 'www.marseille.fr'],
    thirdPartyHosts: sorted(['fonts.googleapis.com', 'fonts.gstatic.com', 'cdn.matomo.cloud', 'marseille.matomo.cloud']),
    thirdPartyDomains: sorted(['fonts.googleapis.com', 'gstatic.com', 'matomo.cloud']),
    responseCookies: {},
    jarCookies: ['_pk_id.1.8f1c', '_pk_ses.1.8f1c'],
    description: 'Redirect chain http://marseille.fr/ → 301 https://marseille.fr/ → 302 https://www.marseille.fr/ (Google Fonts, Matomo Cloud)',
  },
  servicePublic: {
    url: 'https://www.service-public.fr/',
    finalUrl: 'https://www.service-public.fr/particuliers/vosdroits/F5678',
    firstPartyHosts: ['www.service-public.fr'],
    thirdPartyHosts: sorted(['static.hotjar.com', 'script.hotjar.com', 'www.youtube-nocookie.com', 'i.ytimg.com']),
    thirdPartyDomains: sorted(['hotjar.com', 'youtube-nocookie.com', 'ytimg.com']),
    responseCookies: {},
    jarCookies: ['_hjSessionUser_3141592', '_hjSession_3141592'],
    readyWhen: { selector: 'html[data-spa-step="2"]' },
    description: 'Single-page app: two history.pushState navigations, each loading one more third party (Hotjar, then youtube-nocookie)',
  },
  bordeauxHeavy: {
    url: HEAVY_PLAN.pageUrl,
    finalUrl: HEAVY_PLAN.pageUrl,
    firstPartyHosts: ['www.bordeaux.fr'],
    thirdPartyHosts: planHosts(HEAVY_PLAN),
    thirdPartyDomains: plannedDomains(HEAVY_PLAN),
    thirdPartyRequests: HEAVY_PLAN.requests.length,
    responseCookies: { 'stats.g.doubleclick.net': ['IDE'] },
    jarCookies: [],
    description: '2,000 third-party images from 40 real and 200 unknown hosts',
  },
  toulouse300: {
    url: BENCH_300_PLAN.pageUrl,
    finalUrl: BENCH_300_PLAN.pageUrl,
    firstPartyHosts: ['www.toulouse.fr'],
    thirdPartyHosts: planHosts(BENCH_300_PLAN),
    thirdPartyDomains: plannedDomains(BENCH_300_PLAN),
    thirdPartyRequests: BENCH_300_PLAN.requests.length,
    responseCookies: { 'stats.g.doubleclick.net': ['IDE'] },
    jarCookies: [],
    description: 'Page-load benchmark: exactly 300 third-party requests (images, async scripts, stylesheets)',
  },
} satisfies Record<string, FixtureSite>;

export type SiteName = keyof typeof SITES;
