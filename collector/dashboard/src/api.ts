// The collector's read API, as the dashboard uses it (same origin).
import { useEffect, useState } from 'preact/hooks';

// The documents' types are the server's own (type-only imports: nothing of the server reaches the bundle);
// the grades come from the engine, which is pure.
import { GRADES, type Grade } from '../../../utils/methodology';
import type { ThirdPartyLabel } from '../../aggregate';
import type { SiteAggregate, SiteListItem } from '../../site-view';

export { GRADES };
export type { Grade, SiteAggregate, ThirdPartyLabel };
export type SiteItem = SiteListItem;

export interface Stats {
  methodology: string;
  threshold: { reports: number; weeks: number };
  sites: number;
  reports: number;
  grades: Record<Grade, number>;
  third_parties: Array<Partial<ThirdPartyLabel> & { domain: string; sites: number; share_of_sites: number }>;
}

export interface SitePage {
  total: number;
  page: number;
  per_page: number;
  sites: SiteItem[];
}

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'missing' } | { state: 'failed' };

/** GET a JSON document of the API; 404 is "missing", anything else that is not 200 is "failed". */
export function useApi<T>(path: string): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: 'loading' });
    fetch(path, { signal: controller.signal, credentials: 'omit', headers: { accept: 'application/json' } })
      .then(async (response) => {
        if (response.status === 404) setResult({ state: 'missing' });
        else if (!response.ok) setResult({ state: 'failed' });
        else setResult({ state: 'ok', data: (await response.json()) as T });
      })
      .catch((error: Error) => {
        if (error.name !== 'AbortError') setResult({ state: 'failed' });
      });
    return () => controller.abort();
  }, [path]);
  return result;
}
