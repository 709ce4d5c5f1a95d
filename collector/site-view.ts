// What the API and the dataset publish about a site: its aggregate, history and third parties, never a report.
import type { Grade } from '../utils/methodology';
import { summarise, summariseThirdParties, weeklyHistory, type SiteThirdParty, type WeekSummary } from './aggregate';
import type { SiteRow, Store } from './storage/store';

export interface SiteListItem {
  host: string;
  grade: Grade;
  median_score: number;
  reports: number;
  first_week: string;
  last_week: string;
  public_body: { source: string; id: string | null } | null;
}

export interface SiteAggregate extends SiteListItem {
  grades: Record<Grade, number>;
  history: WeekSummary[];
  third_parties: SiteThirdParty[];
}

export function listItem(row: SiteRow): SiteListItem {
  return {
    host: row.host,
    grade: row.grade!,
    median_score: row.median_score!,
    reports: row.reports,
    first_week: row.first_week!,
    last_week: row.last_week!,
    public_body: row.body_source ? { source: row.body_source, id: row.body_id } : null,
  };
}

/** Full aggregates of published sites, fetched together (one query per table, whatever the number of sites). */
export async function siteAggregates(store: Store, rows: readonly SiteRow[]): Promise<SiteAggregate[]> {
  const published = rows.filter((r) => r.published);
  if (!published.length) return [];
  const hosts = published.map((r) => r.host);
  const [scores, thirdParties] = await Promise.all([store.scoreCounts(hosts), store.thirdPartyCounts(hosts)]);
  const thirdPartiesBySite = new Map<string, typeof thirdParties>();
  for (const t of thirdParties) thirdPartiesBySite.set(t.site, [...(thirdPartiesBySite.get(t.site) ?? []), t]);
  return published.map((row) => {
    const counts = scores.get(row.host) ?? [];
    const summary = summarise(counts);
    return {
      ...listItem(row),
      grades: summary.grades,
      history: weeklyHistory(counts),
      third_parties: summariseThirdParties(thirdPartiesBySite.get(row.host) ?? [], summary.reports),
    };
  });
}
