// Validates the registry of known tracking cookie names (lists/tracking-cookies.json).
import { join } from 'node:path';
import { fail, readRegistry } from './read-json-lines';

export interface CookieEntry {
  name?: string;
  prefix?: string;
  suffix?: string;
  owner: string;
  service: string;
}

export function compileCookies(root: string): CookieEntry[] {
  return readRegistry<CookieEntry & { source?: string }>(join(root, 'lists/tracking-cookies.json'), root).map((at) => {
    const { name, prefix, suffix, owner, service } = at.value;
    if (!name === !prefix) fail(at, 'give either "name" or "prefix"');
    if (typeof owner !== 'string' || typeof service !== 'string') fail(at, 'missing owner or service');
    return { ...(name ? { name } : {}), ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}), owner, service };
  });
}
