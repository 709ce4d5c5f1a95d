// Client-side routes with real URLs (/sites/www.lyon.fr can be shared and bookmarked); the collector answers
// each of them with this page.
import { signal } from './signal';

export type Route =
  | { page: 'overview' }
  | { page: 'sites'; query: URLSearchParams }
  | { page: 'site'; host: string }
  | { page: 'about' }
  | { page: 'missing' };

export function parseRoute(url: URL): Route {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'overview' };
  if (path === '/sites') return { page: 'sites', query: url.searchParams };
  const site = /^\/sites\/([^/]+)$/.exec(path);
  if (site) return { page: 'site', host: decodeURIComponent(site[1]!).toLowerCase() };
  if (path === '/about') return { page: 'about' };
  return { page: 'missing' };
}

export const location = signal(new URL(window.location.href));

export function navigate(href: string, replace = false): void {
  const url = new URL(href, window.location.href);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  location.set(url);
  if (!replace) window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => location.set(new URL(window.location.href)));

/** Click handler for in-app links: plain clicks stay in the page, others (new tab…) go to the browser. */
export function onLinkClick(event: MouseEvent): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (anchor.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(anchor.href);
}
