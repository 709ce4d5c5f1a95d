// The collector's read API, as the dashboard uses it (same origin).
import { useEffect, useState } from 'preact/hooks';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';
export const GRADES: Grade[] = ['A', 'B', 'C', 'D', 'E'];

export interface ThirdPartyLabel {
  organisation: string | null;
  parent: string | null;
  country: string | null;
  category: string | null;
  gafam: string | null;
  tracker: boolean;
}

export interface SiteItem {
  host: string;
  grade: Grade;
  median_score: number;
  reports: number;
  first_week: string;
  last_week: string;
  public_body: { source: string; id: string | null } | null;
}

export interface SiteAggregate extends SiteItem {
  grades: Record<Grade, number>;
  history: Array<{ week: string; reports: number; median_score: number; grade: Grade }>;
  third_parties: Array<ThirdPartyLabel & { domain: string; reports: number; share: number; first_week: string; last_week: string }>;
}

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
