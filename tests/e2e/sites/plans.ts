// Request plans of the generated pages (2,000-request page, 300-request benchmark page): which third-party host
// each request goes to. Shared by the server that renders the pages and by the manifest tests assert against.

export interface PlannedHost {
  host: string;
  /** Registrable domain in Vigie's sense (Public Suffix List including its private section). */
  domain: string;
}

/** Forty real third-party hosts public sites load from, with their registrable domains. */
export const REAL_HOSTS: readonly PlannedHost[] = [
  ['www.google-analytics.com', 'google-analytics.com'],
  ['www.googletagmanager.com', 'googletagmanager.com'],
  ['stats.g.doubleclick.net', 'doubleclick.net'],
  ['www.google.com', 'google.com'],
  ['www.gstatic.com', 'gstatic.com'],
  ['maps.googleapis.com', 'maps.googleapis.com'],
  ['i.ytimg.com', 'ytimg.com'],
  ['yt3.ggpht.com', 'ggpht.com'],
  ['lh3.googleusercontent.com', 'googleusercontent.com'],
  ['www.facebook.com', 'facebook.com'],
  ['scontent.xx.fbcdn.net', 'fbcdn.net'],
  ['connect.facebook.net', 'facebook.net'],
  ['bat.bing.com', 'bing.com'],
  ['c.clarity.ms', 'clarity.ms'],
  ['px.ads.linkedin.com', 'linkedin.com'],
  ['static.licdn.com', 'licdn.com'],
  ['pbs.twimg.com', 'twimg.com'],
  ['t.co', 't.co'],
  ['analytics.tiktok.com', 'tiktok.com'],
  ['m.media-amazon.com', 'media-amazon.com'],
  ['images-eu.ssl-images-amazon.com', 'ssl-images-amazon.com'],
  ['cdn.jsdelivr.net', 'jsdelivr.net'],
  ['cdnjs.cloudflare.com', 'cloudflare.com'],
  ['static.hotjar.com', 'hotjar.com'],
  ['cdn.matomo.cloud', 'matomo.cloud'],
  ['tile.openstreetmap.org', 'openstreetmap.org'],
  ['s1.dmcdn.net', 'dmcdn.net'],
  ['i.vimeocdn.com', 'vimeocdn.com'],
  ['secure.gravatar.com', 'gravatar.com'],
  ['cdn.cookielaw.org', 'cookielaw.org'],
  ['consent.cookiebot.com', 'cookiebot.com'],
  ['logs1412.xiti.com', 'xiti.com'],
  ['tag.aticdn.net', 'aticdn.net'],
  ['sdk.privacy-center.org', 'privacy-center.org'],
  ['static.axept.io', 'axept.io'],
  ['js.hs-scripts.com', 'hs-scripts.com'],
  ['widget.trustpilot.com', 'trustpilot.com'],
  ['p.typekit.net', 'typekit.net'],
  ['use.fontawesome.com', 'fontawesome.com'],
  ['api.mapbox.com', 'mapbox.com'],
].map(([host, domain]) => ({ host: host!, domain: domain! }));

/** Hosts no list knows: cdn1..cdn4 of example-vendor1..50 (200 hosts, 50 registrable domains). */
export function unknownHosts(vendors: number, cdnsPerVendor: number): PlannedHost[] {
  const hosts: PlannedHost[] = [];
  for (let vendor = 1; vendor <= vendors; vendor++) {
    for (let cdn = 1; cdn <= cdnsPerVendor; cdn++) {
      hosts.push({ host: `cdn${cdn}.example-vendor${vendor}.com`, domain: `example-vendor${vendor}.com` });
    }
  }
  return hosts;
}

export type PlannedKind = 'image' | 'script' | 'stylesheet';

export interface PlannedRequest {
  url: string;
  kind: PlannedKind;
}

export interface RequestPlan {
  /** Fixture page that makes the requests. */
  pageUrl: string;
  title: string;
  hosts: readonly PlannedHost[];
  requests: PlannedRequest[];
}

/**
 * Spreads `count` requests round-robin over `hosts`. Every URL is distinct so that no request is served from the
 * memory cache instead of reaching the network (and the extension). `mixed` makes one in ten a script and one in
 * ten a stylesheet, like a real page; otherwise all are images.
 */
export function planRequests(pageUrl: string, title: string, hosts: readonly PlannedHost[], count: number, mixed: boolean): RequestPlan {
  const requests: PlannedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const { host } = hosts[i % hosts.length]!;
    const kind: PlannedKind = mixed && i % 10 === 3 ? 'script' : mixed && i % 10 === 7 ? 'stylesheet' : 'image';
    const file = kind === 'script' ? `lib-${i}.js` : kind === 'stylesheet' ? `style-${i}.css` : `img-${i}.png`;
    requests.push({ url: `https://${host}/assets/fixture/${file}?r=${i}`, kind });
  }
  return { pageUrl, title, hosts, requests };
}

/** www.bordeaux.fr/heavy: 2,000 third-party images from 40 real and 200 unknown hosts. */
export const HEAVY_PLAN = planRequests(
  'https://www.bordeaux.fr/heavy',
  'Bordeaux — photothèque (2 000 ressources)',
  [...REAL_HOSTS, ...unknownHosts(50, 4)],
  2000,
  false,
);

/** www.toulouse.fr/300: exactly 300 third-party requests (images, scripts, stylesheets) from 30 hosts. */
export const BENCH_300_PLAN = planRequests(
  'https://www.toulouse.fr/300',
  'Toulouse — agenda (300 ressources tierces)',
  [...REAL_HOSTS.slice(0, 20), ...unknownHosts(5, 2)],
  300,
  true,
);

export function plannedDomains(plan: RequestPlan): string[] {
  return [...new Set(plan.hosts.map((h) => h.domain))].sort();
}
