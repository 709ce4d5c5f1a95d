// The queue of anonymised reports, in IndexedDB: what is waiting to be sent, what was sent and what was refused.
// The background writes and sends; the options page lists it and deletes queued reports. It stays on the device.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Report } from '../../utils/anonymise';

export const REPORTS_DB = 'vigie-reports';

export type ReportStatus = 'queued' | 'sent' | 'dropped';

export interface QueuedReport {
  id: string;
  /** `site|week`: at most one report per site and ISO week from this browser profile. */
  siteWeek: string;
  site: string;
  week: string;
  report: Report;
  status: ReportStatus;
  /** Why a report was dropped (the collector's answer), for the person to read. */
  reason?: string;
  attempts: number;
  /** Epoch milliseconds before which it is not sent (the random delay, then back-off). */
  notBefore: number;
  queuedAt: number;
  sentAt?: number;
  /** The collector's id of the stored report. */
  collectorId?: string;
}

interface ReportsSchema extends DBSchema {
  reports: { key: string; value: QueuedReport; indexes: { siteWeek: string; status: ReportStatus } };
}

type Db = IDBPDatabase<ReportsSchema>;

/** Schema migrations, as in the history store: MIGRATIONS[n] takes version n to n + 1; append, never edit. */
const MIGRATIONS: ReadonlyArray<(db: Db) => void> = [
  (db) => {
    const store = db.createObjectStore('reports', { keyPath: 'id' });
    store.createIndex('siteWeek', 'siteWeek', { unique: true });
    store.createIndex('status', 'status');
  },
];

let opening: Promise<Db> | undefined;

function open(): Promise<Db> {
  return (opening ??= openDB<ReportsSchema>(REPORTS_DB, MIGRATIONS.length, {
    upgrade(db, oldVersion) {
      for (let v = oldVersion; v < MIGRATIONS.length; v++) MIGRATIONS[v]!(db);
    },
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
      opening = undefined;
    },
    terminated() {
      opening = undefined;
    },
  }));
}

/** Queues a report unless this site already has one for that week (queued, sent or dropped). */
export async function enqueue(report: Report, notBefore: number, now: number): Promise<QueuedReport | null> {
  const db = await open();
  const siteWeek = `${report.site}|${report.week}`;
  const tx = db.transaction('reports', 'readwrite');
  if (await tx.store.index('siteWeek').getKey(siteWeek)) {
    await tx.done;
    return null;
  }
  const entry: QueuedReport = {
    id: crypto.randomUUID(),
    siteWeek,
    site: report.site,
    week: report.week,
    report,
    status: 'queued',
    attempts: 0,
    notBefore,
    queuedAt: now,
  };
  await tx.store.add(entry);
  await tx.done;
  return entry;
}

export async function listReports(): Promise<QueuedReport[]> {
  const all = await (await open()).getAll('reports');
  return all.sort((a, b) => b.queuedAt - a.queuedAt);
}

export async function queued(): Promise<QueuedReport[]> {
  const all = await (await open()).getAllFromIndex('reports', 'status', 'queued');
  return all.sort((a, b) => a.notBefore - b.notBefore);
}

export async function update(entry: QueuedReport): Promise<void> {
  await (await open()).put('reports', entry);
}

/** Deletes a queued report (sent ones stay as the person's record). */
export async function deleteQueued(id: string): Promise<void> {
  const db = await open();
  const tx = db.transaction('reports', 'readwrite');
  const entry = await tx.store.get(id);
  if (entry?.status === 'queued') await tx.store.delete(id);
  await tx.done;
}

/** Turning reporting off empties the queue. */
export async function clearQueued(): Promise<void> {
  const db = await open();
  const tx = db.transaction('reports', 'readwrite');
  for (const key of await tx.store.index('status').getAllKeys('queued')) await tx.store.delete(key);
  await tx.done;
}
