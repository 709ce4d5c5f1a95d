// Answers for hosts that are not fixture sites: what the real third party would plausibly return for that path,
// with realistic headers and the cookies the real service sets (the extension reads Set-Cookie headers).
import { contentTypeFor, extensionOf, htmlPage, imageBytes, svgImage, WOFF2_STUB } from './bodies';
import type { FixtureRequest, FixtureResponse } from './fixture-types';
import * as scripts from './third-party-scripts';

interface CookieSpec {
  name: string;
  value: string;
  domain?: string;
  path?: string;
  /** Seconds; absent = session cookie. */
  maxAge?: number;
  httpOnly?: boolean;
}

/** A third-party cookie as the big services send it: SameSite=None; Secure, with both Max-Age and Expires. */
export function setCookie(spec: CookieSpec): string {
  const parts = [`${spec.name}=${spec.value}`];
  if (spec.maxAge !== undefined) {
    parts.push(`Expires=${new Date(Date.now() + spec.maxAge * 1000).toUTCString()}`, `Max-Age=${spec.maxAge}`);
  }
  if (spec.domain) parts.push(`Domain=${spec.domain}`);
  parts.push(`Path=${spec.path ?? '/'}`, 'SameSite=None', 'Secure');
  if (spec.httpOnly) parts.push('HttpOnly');
  return parts.join('; ');
}

function token(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

type Kind = 'js' | 'css' | 'html' | 'json' | 'image' | 'font' | 'beacon';

function body(kind: Kind, request: FixtureRequest, content?: string | Buffer): FixtureResponse {
  const ext = extensionOf(request.pathname);
  switch (kind) {
    case 'js':
      return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: content ?? `/* ${request.host}${request.pathname} */\n` };
    case 'css':
      return { status: 200, headers: { 'content-type': 'text/css; charset=utf-8' }, body: content ?? `/* ${request.host}${request.pathname} */\n` };
    case 'html':
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: content ?? htmlPage(request.host) };
    case 'json':
      return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: content ?? '{}' };
    case 'font':
      return { status: 200, headers: { 'content-type': contentTypeFor(ext) ?? 'font/woff2' }, body: content ?? WOFF2_STUB };
    case 'beacon':
      return { status: 204, headers: {} };
    case 'image':
      if (ext === 'svg') return { status: 200, headers: { 'content-type': 'image/svg+xml' }, body: svgImage(request.host) };
      return { status: 200, headers: { 'content-type': contentTypeFor(ext) ?? 'image/gif' }, body: content ?? imageBytes(ext) };
  }
}

function withCookies(response: FixtureResponse, ...cookies: CookieSpec[]): FixtureResponse {
  return { ...response, headers: { ...response.headers, 'set-cookie': cookies.map(setCookie) } };
}

/** A path collectors answer with 204 when hit by sendBeacon/fetch (as images they answer with a GIF). */
const BEACON_PATH = /(^|\/)(g\/collect|j\/collect|collect|tr|beacon|ping|log|log_event|track|event|events|matomo\.php|piwik\.php|generate_204)\/?$/i;

/** What kind of resource the browser expects, from Sec-Fetch-Dest (both browsers send it over https) then Accept. */
function expectedKind(request: FixtureRequest): Kind | undefined {
  const dest = String(request.headers['sec-fetch-dest'] ?? '');
  if (dest === 'script' || dest === 'serviceworker' || dest === 'worker') return 'js';
  if (dest === 'style') return 'css';
  if (dest === 'image') return 'image';
  if (dest === 'font') return 'font';
  if (dest === 'iframe' || dest === 'frame' || dest === 'document' || dest === 'embed') return 'html';
  const accept = String(request.headers.accept ?? '');
  if (accept.startsWith('text/html')) return 'html';
  if (accept.startsWith('image/')) return 'image';
  if (accept.startsWith('text/css')) return 'css';
  return undefined;
}

/** The generic answer: by expected destination first, then by extension, then beacon-or-JSON. */
export function genericThirdParty(request: FixtureRequest): FixtureResponse {
  const expected = expectedKind(request);
  if (expected === 'image' || expected === 'font' || expected === 'css' || expected === 'js' || expected === 'html') {
    return body(expected, request);
  }
  const ext = extensionOf(request.pathname);
  if (ext === 'js' || ext === 'mjs') return body('js', request);
  if (ext === 'css') return body('css', request);
  if (['gif', 'png', 'jpg', 'jpeg', 'webp', 'avif', 'svg', 'ico'].includes(ext)) return body('image', request);
  if (['woff2', 'woff', 'ttf', 'otf'].includes(ext)) return body('font', request);
  if (ext === 'json') return body('json', request);
  if (ext === 'html' || ext === 'htm' || request.pathname.includes('/embed')) return body('html', request);
  if (BEACON_PATH.test(request.pathname) || request.method === 'POST') return body('beacon', request);
  return body('json', request);
}

/** A collector: GIF for <img>, 204 for beacons and fetch. */
function collector(request: FixtureRequest): FixtureResponse {
  return expectedKind(request) === 'image' ? body('image', request) : body('beacon', request);
}

interface Service {
  host: string | RegExp;
  path: RegExp;
  answer(request: FixtureRequest, match: RegExpMatchArray): FixtureResponse;
}

/** Families asked for in fonts.googleapis.com's css / css2 query: family=Open+Sans:wght@400;700|Roboto … */
function googleFontsCss(request: FixtureRequest): FixtureResponse {
  const families = request.query.getAll('family').flatMap((value) => value.split('|'));
  const faces = families.map((family) => {
    const name = family.split(':')[0]!.trim();
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
    return `@font-face {\n  font-family: '${name.replace(/'/g, '')}';\n  font-style: normal;\n  font-weight: 400;\n  font-display: swap;\n  src: url(https://fonts.gstatic.com/s/${slug}/v37/${slug}-latin-400-normal.woff2) format('woff2');\n}\n`;
  });
  return withHeaders(body('css', request, faces.join('')), { 'access-control-allow-origin': '*' });
}

function withHeaders(response: FixtureResponse, headers: Record<string, string>): FixtureResponse {
  return { ...response, headers: { ...response.headers, ...headers } };
}

const SERVICES: Service[] = [
  // Google Tag Manager and Google Analytics 4.
  { host: 'www.googletagmanager.com', path: /^\/gtm\.js$/, answer: (r) => body('js', r, scripts.googleTagManagerJs(r.query.get('id') ?? 'GTM-XXXX')) },
  { host: 'www.googletagmanager.com', path: /^\/gtag\/js$/, answer: (r) => body('js', r, scripts.gtagJs(r.query.get('id') ?? 'G-XXXX')) },
  { host: 'www.googletagmanager.com', path: /^\/ns\.html$/, answer: (r) => body('html', r) },
  { host: /(^|\.)google-analytics\.com$/, path: /\/(g|j)?\/?collect$/, answer: collector },
  // Google Fonts.
  { host: 'fonts.googleapis.com', path: /^\/css2?$/, answer: googleFontsCss },
  { host: 'fonts.gstatic.com', path: /^\/s\//, answer: (r) => withHeaders(body('font', r), { 'access-control-allow-origin': '*' }) },
  // YouTube: the embed sets YSC (session) and VISITOR_INFO1_LIVE (about 6 months) on .youtube.com.
  {
    host: 'www.youtube.com',
    path: /^\/embed\/([\w-]+)/,
    answer: (r, m) =>
      withCookies(
        body('html', r, scripts.youtubeEmbedHtml(r.host, m[1]!)),
        { name: 'YSC', value: token(11), domain: '.youtube.com', httpOnly: true },
        { name: 'VISITOR_INFO1_LIVE', value: token(11), domain: '.youtube.com', maxAge: 15552000, httpOnly: true },
        { name: 'VISITOR_PRIVACY_METADATA', value: 'CgJGUhIEGgAgOQ%3D%3D', domain: '.youtube.com', maxAge: 15552000, httpOnly: true },
      ),
  },
  { host: 'www.youtube-nocookie.com', path: /^\/embed\/([\w-]+)/, answer: (r, m) => body('html', r, scripts.youtubeEmbedHtml(r.host, m[1]!)) },
  // DoubleClick (reached from the YouTube embed): IDE, 13 months.
  { host: 'static.doubleclick.net', path: /^\/instream\/ad_status\.js$/, answer: (r) => body('js', r, 'window.google_ad_status = 1;\n') },
  {
    host: /(^|\.)doubleclick\.net$/,
    path: /./,
    answer: (r) => {
      const base = r.pathname === '/pagead/id' ? body('json', r, JSON.stringify({ id: token(22) })) : genericThirdParty(r);
      return withCookies(base, { name: 'IDE', value: token(40), domain: '.doubleclick.net', maxAge: 33696000, httpOnly: true });
    },
  },
  // reCAPTCHA.
  { host: 'www.google.com', path: /^\/recaptcha\/(api|enterprise)\.js$/, answer: (r) => body('js', r, scripts.recaptchaApiJs()) },
  { host: 'www.gstatic.com', path: /^\/recaptcha\/releases\/[^/]+\/recaptcha__\w+\.js$/, answer: (r) => body('js', r, scripts.recaptchaReleaseJs()) },
  {
    host: 'www.google.com',
    path: /^\/recaptcha\/api2\/anchor$/,
    answer: (r) =>
      withCookies(body('html', r, scripts.recaptchaAnchorHtml()), { name: '_GRECAPTCHA', value: token(40), path: '/recaptcha', maxAge: 15552000, httpOnly: true }),
  },
  // Google Maps embed: NID on .google.com, about 6 months.
  {
    host: 'www.google.com',
    path: /^\/maps\/embed$/,
    answer: (r) => withCookies(body('html', r, scripts.googleMapsEmbedHtml()), { name: 'NID', value: `519=${token(60)}`, domain: '.google.com', maxAge: 15724800, httpOnly: true }),
  },
  { host: 'maps.googleapis.com', path: /^\/maps\/vt$/, answer: () => ({ status: 200, headers: { 'content-type': 'image/png' }, body: imageBytes('png') }) },
  // Meta pixel: fr on .facebook.com, 90 days.
  { host: 'connect.facebook.net', path: /^\/[a-z]{2}_[A-Z]{2}\/fbevents\.js$/, answer: (r) => body('js', r, scripts.facebookEventsJs()) },
  { host: 'connect.facebook.net', path: /^\/signals\/config\/\d+$/, answer: (r) => body('js', r, '/* pixel configuration */\n') },
  {
    host: 'www.facebook.com',
    path: /^\/tr\/?$/,
    answer: (r) => withCookies(collector(r), { name: 'fr', value: `0${token(30)}..${token(20)}`, domain: '.facebook.com', maxAge: 7776000, httpOnly: true }),
  },
  // OpenStreetMap embed (its own assets and tiles come through the generic answers).
  { host: 'www.openstreetmap.org', path: /^\/export\/embed\.html$/, answer: (r) => body('html', r, scripts.openStreetMapEmbedHtml()) },
  // Dailymotion embed: v1st on .dailymotion.com, 13 months.
  {
    host: 'www.dailymotion.com',
    path: /^\/embed\/video\/(\w+)/,
    answer: (r, m) => withCookies(body('html', r, scripts.dailymotionEmbedHtml(m[1]!)), { name: 'v1st', value: token(32), domain: '.dailymotion.com', maxAge: 34128000 }),
  },
  // Matomo Cloud.
  { host: 'cdn.matomo.cloud', path: /\/matomo\.js$/, answer: (r) => body('js', r, scripts.matomoJs()) },
  { host: /\.matomo\.cloud$/, path: /\/matomo\.php$/, answer: collector },
  // Hotjar.
  { host: 'static.hotjar.com', path: /^\/c\/hotjar-(\d+)\.js$/, answer: (r, m) => body('js', r, scripts.hotjarJs(m[1]!)) },
];

/** Server header by operator, so responses look like the real ones in devtools and logs. */
function serverHeader(host: string): string | undefined {
  if (/(^|\.)(google|googleapis|gstatic|googletagmanager|google-analytics|youtube|youtube-nocookie|ytimg|doubleclick)\.(com|net)$/.test(host)) return 'ESF';
  if (/(^|\.)(facebook\.com|facebook\.net)$/.test(host)) return 'proxygen-bolt';
  if (/(^|\.)(hotjar\.com|matomo\.cloud)$/.test(host)) return 'cloudflare';
  return 'nginx';
}

/** Find the answer for a request to a host that is not a fixture site. Never throws. */
export function thirdPartyResponse(request: FixtureRequest): FixtureResponse {
  let response: FixtureResponse | undefined;
  for (const service of SERVICES) {
    const hostOk = typeof service.host === 'string' ? service.host === request.host : service.host.test(request.host);
    if (!hostOk) continue;
    const match = request.pathname.match(service.path);
    if (match) {
      response = service.answer(request, match);
      break;
    }
  }
  response ??= genericThirdParty(request);
  const origin = request.headers.origin;
  const headers: Record<string, string | string[]> = {
    'cross-origin-resource-policy': 'cross-origin',
    'timing-allow-origin': '*',
    ...response.headers,
  };
  const server = serverHeader(request.host);
  if (server) headers.server = server;
  // Credentialed fetches (pagead/id, beacons) need the origin echoed back, not '*'.
  if (typeof origin === 'string' && origin !== 'null' && !headers['access-control-allow-origin']) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-allow-credentials'] = 'true';
    headers.vary = 'Origin';
  }
  return { ...response, headers };
}
