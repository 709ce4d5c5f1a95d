// Serves a fixture site's own files from tests/e2e/sites/<host>/, after applying its _redirects rules.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { contentTypeFor, extensionOf, GIF_1X1, htmlPage } from './bodies';
import type { FixtureRequest, FixtureResponse } from './fixture-types';

/**
 * One _redirects line: `FROM TO [STATUS]`. FROM is a path (`/old`) or a full URL whose scheme must match
 * (`http://marseille.fr/*`); a trailing `*` matches the rest, which `:splat` in TO repeats. STATUS defaults to 301;
 * 200 rewrites to another file of the same site without telling the browser (single-page-app fallbacks).
 */
interface RedirectRule {
  scheme?: 'http' | 'https';
  host?: string;
  path: string;
  prefix: boolean;
  to: string;
  status: number;
}

export function parseRedirects(text: string): RedirectRule[] {
  const rules: RedirectRule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [from, to, status] = line.split(/\s+/);
    if (!from || !to) continue;
    let scheme: RedirectRule['scheme'];
    let host: string | undefined;
    let pattern = from;
    const full = /^(https?):\/\/([^/]+)(\/.*)?$/.exec(from);
    if (full) {
      scheme = full[1] as 'http' | 'https';
      host = full[2]!.toLowerCase();
      pattern = full[3] ?? '/';
    }
    const prefix = pattern.endsWith('*');
    rules.push({ scheme, host, path: prefix ? pattern.slice(0, -1) : pattern, prefix, to, status: Number(status ?? 301) || 301 });
  }
  return rules;
}

export type SiteAnswer = { kind: 'redirect'; response: FixtureResponse } | { kind: 'rewrite'; pathname: string } | undefined;

export function applyRedirects(rules: RedirectRule[], request: FixtureRequest): SiteAnswer {
  for (const rule of rules) {
    if (rule.scheme && rule.scheme !== request.scheme) continue;
    if (rule.host && rule.host !== request.host) continue;
    const path = request.pathname;
    const matches = rule.prefix ? path.startsWith(rule.path) : path === rule.path;
    if (!matches) continue;
    const splat = rule.prefix ? path.slice(rule.path.length) : '';
    const target = rule.to.replace(':splat', splat);
    if (rule.status === 200) return { kind: 'rewrite', pathname: target };
    // Keep the query string unless the rule writes its own, as servers usually do.
    const search = target.includes('?') ? '' : request.url.search;
    return {
      kind: 'redirect',
      response: {
        status: rule.status,
        headers: { location: target + search, 'content-type': 'text/html; charset=utf-8' },
        body: htmlPage('Moved', `<a href="${target}">${target}</a>`),
      },
    };
  }
  return undefined;
}

/** Reads sites lazily and caches each site's redirect rules (fixture files do not change during a run). */
export class StaticSites {
  private readonly rules = new Map<string, RedirectRule[]>();
  private readonly known = new Map<string, boolean>();

  constructor(private readonly root: string) {}

  /** True when tests/e2e/sites/<host>/ exists: the host is a fixture site, not a third party. */
  has(host: string): boolean {
    let known = this.known.get(host);
    if (known === undefined) {
      const dir = join(this.root, host);
      known = /^[a-z0-9.-]+$/.test(host) && !host.startsWith('.') && existsSync(dir) && statSync(dir).isDirectory();
      // Bounded: a page can invent any number of host names.
      if (this.known.size < 10_000) this.known.set(host, known);
    }
    return known;
  }

  answer(request: FixtureRequest): FixtureResponse {
    const siteDir = join(this.root, request.host);
    const decision = applyRedirects(this.redirectsOf(request.host, siteDir), request);
    if (decision?.kind === 'redirect') return decision.response;
    const pathname = decision?.kind === 'rewrite' ? decision.pathname : request.pathname;
    const file = this.resolveFile(siteDir, pathname);
    if (file) {
      const ext = extensionOf(file);
      return {
        status: 200,
        headers: { 'content-type': contentTypeFor(ext) ?? 'application/octet-stream', server: 'nginx' },
        body: readFileSync(file),
      };
    }
    // Browsers ask every site for a favicon; a missing one would only add noise to the logs.
    if (pathname === '/favicon.ico') return { status: 200, headers: { 'content-type': 'image/x-icon', server: 'nginx' }, body: GIF_1X1 };
    return { status: 404, headers: { 'content-type': 'text/html; charset=utf-8', server: 'nginx' }, body: htmlPage('404 Not Found', '<h1>404 Not Found</h1>') };
  }

  private redirectsOf(host: string, siteDir: string): RedirectRule[] {
    let rules = this.rules.get(host);
    if (!rules) {
      const file = join(siteDir, '_redirects');
      rules = existsSync(file) ? parseRedirects(readFileSync(file, 'utf8')) : [];
      this.rules.set(host, rules);
    }
    return rules;
  }

  /** The file for a path: itself, or the index.html of a directory (served at /carte as at /carte/). */
  private resolveFile(siteDir: string, pathname: string): string | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    const candidate = normalize(join(siteDir, decoded));
    // Refuse anything outside the site, and its private files (_redirects, dotfiles).
    if (candidate !== siteDir && !candidate.startsWith(siteDir + sep)) return undefined;
    if (candidate.slice(siteDir.length).split(sep).some((part) => part.startsWith('_') || part.startsWith('.'))) return undefined;
    for (const path of [candidate, join(candidate, 'index.html')]) {
      try {
        if (statSync(path).isFile()) return path;
      } catch {
        // not there: try the next candidate
      }
    }
    return undefined;
  }
}
