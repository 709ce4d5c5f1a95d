// The history in IndexedDB (idb), shared by the background (which saves visits) and the report and options pages
// (which read and delete them). It is the person's browsing history: it never leaves the device.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Audit } from '../../utils/audit';
import { retentionPlan, type HistoryEntry, type RetentionLimits } from '../../components/history';

export const HISTORY_DB = 'vigie-history';

/**
 * Summaries are small and listed all at once; full audits are large and read one at a time: two stores. A third
 * remembers what the person deleted, since a visit still open in a tab keeps being saved by the background.
 */
interface HistorySchema extends DBSchema {
  visits: { key: string; value: HistoryEntry; indexes: { date: number; site: string } };
  /**
   * The audit as JSON text: IndexedDB copies a string at once, where it walks an audit's objects one by one
   * (a few times the cost of JSON.stringify, and the background saves while pages load).
   */
  audits: { key: string; value: { id: string; date: number; json: string }; indexes: { date: number } };
  /** A deleted visit (its start date), or ALL_DELETED: every visit started before that date was deleted. */
  deleted: { key: string; value: { id: string; date: number } };
}

const ALL_DELETED = '*';

type Db = IDBPDatabase<HistorySchema>;
type UpgradeTx = IDBPTransaction<HistorySchema, StoreNames<HistorySchema>[], 'versionchange'>;

/**
 * Schema migrations: MIGRATIONS[n] takes a database at version n to version n + 1. The database version is
 * their count; a new version appends a step (never edits an old one), so any older database catches up.
 */
const MIGRATIONS: ReadonlyArray<(db: Db, tx: UpgradeTx) => void> = [
  (db) => {
    const visits = db.createObjectStore('visits', { keyPath: 'id' });
    visits.createIndex('date', 'date');
    visits.createIndex('site', 'site');
    db.createObjectStore('audits', { keyPath: 'id' }).createIndex('date', 'date');
  },
  // Version 2: deleting a visit still open in a tab must not be undone by its next save.
  (db) => {
    db.createObjectStore('deleted', { keyPath: 'id' });
  },
  // Version 3: audits stored as JSON text.
  (_db, tx) => {
    void (async () => {
      const audits = tx.objectStore('audits');
      for (let c = await audits.openCursor(); c; c = await c.continue()) {
        const old = c.value as unknown as { id: string; date: number; audit: Audit };
        await c.update({ id: old.id, date: old.date, json: JSON.stringify(old.audit) });
      }
    })();
  },
];

export const HISTORY_VERSION = MIGRATIONS.length;

/** Bounds whatever the retention setting: the history stays a small fraction of the disk. */
export const HISTORY_BOUNDS = { maxVisits: 5_000, fullAudits: 100 } as const;

let opening: Promise<Db> | undefined;

export function openHistory(): Promise<Db> {
  return (opening ??= openDB<HistorySchema>(HISTORY_DB, HISTORY_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < MIGRATIONS.length; v++) MIGRATIONS[v]!(db, tx);
    },
    // A newer version of Vigie (another page, after an update) wants to migrate: let it.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
      opening = undefined;
    },
    terminated() {
      opening = undefined;
    },
  }));
}

/** Adds or updates one visit and its full audit, in one transaction; a visit the person deleted stays deleted. */
export async function saveVisit(entry: HistoryEntry, audit: Audit): Promise<void> {
  const db = await openHistory();
  const tx = db.transaction(['visits', 'audits', 'deleted'], 'readwrite');
  const deleted = tx.objectStore('deleted');
  const [mark, all] = await Promise.all([deleted.get(entry.id), deleted.get(ALL_DELETED)]);
  if (mark || (all && entry.date <= all.date)) return tx.done;
  const json = JSON.stringify(audit);
  await Promise.all([tx.objectStore('visits').put(entry), tx.objectStore('audits').put({ id: entry.id, date: entry.date, json }), tx.done]);
}

async function idsAndDates(index: {
  openKeyCursor(): Promise<{ key: number; primaryKey: string; continue(): Promise<unknown> } | null>;
}): Promise<Array<{ id: string; date: number }>> {
  const out: Array<{ id: string; date: number }> = [];
  for (let c = await index.openKeyCursor(); c; c = (await c.continue()) as typeof c) out.push({ id: c.primaryKey, date: c.key });
  return out;
}

/** Applies the retention setting and the bounds; returns how many visits were deleted. */
export async function pruneHistory(days: number, now = Date.now()): Promise<number> {
  const db = await openHistory();
  const tx = db.transaction(['visits', 'audits', 'deleted'], 'readwrite');
  const visits = tx.objectStore('visits');
  const audits = tx.objectStore('audits');
  // Deletion marks of visits older than the retention are moot: such visits are not kept anyway.
  const cutoff = now - days * 86_400_000;
  for (let c = await tx.objectStore('deleted').openCursor(); c; c = await c.continue()) {
    if (c.value.id !== ALL_DELETED && c.value.date < cutoff) await c.delete();
  }
  // Key cursors on the date indexes: only ids and dates are read, the audits themselves stay on disk.
  const [visitDates, auditDates] = await Promise.all([idsAndDates(visits.index('date')), idsAndDates(audits.index('date'))]);
  const limits: RetentionLimits = { days, ...HISTORY_BOUNDS };
  const plan = retentionPlan(visitDates, auditDates, limits, now);
  await Promise.all([
    ...plan.deleteVisits.flatMap((id) => [visits.delete(id), audits.delete(id)]),
    ...plan.dropAudits.map((id) => audits.delete(id)),
    tx.done,
  ]);
  return plan.deleteVisits.length;
}

export async function listVisits(): Promise<HistoryEntry[]> {
  const db = await openHistory();
  return (await db.getAllFromIndex('visits', 'date')).reverse();
}

export async function siteVisits(site: string): Promise<HistoryEntry[]> {
  const db = await openHistory();
  return db.getAllFromIndex('visits', 'site', site);
}

/** Ids of the visits whose full audit is still kept (the others can show their summary only). */
export async function visitsWithAudit(): Promise<Set<string>> {
  const db = await openHistory();
  return new Set(await db.getAllKeys('audits'));
}

export async function getVisit(id: string): Promise<{ entry: HistoryEntry; audit: Audit | null } | null> {
  const db = await openHistory();
  const tx = db.transaction(['visits', 'audits']);
  const [entry, stored] = await Promise.all([tx.objectStore('visits').get(id), tx.objectStore('audits').get(id), tx.done]);
  return entry ? { entry, audit: stored ? (JSON.parse(stored.json) as Audit) : null } : null;
}

export async function deleteVisit(id: string): Promise<void> {
  const db = await openHistory();
  const tx = db.transaction(['visits', 'audits', 'deleted'], 'readwrite');
  const visit = await tx.objectStore('visits').get(id);
  await Promise.all([
    tx.objectStore('visits').delete(id),
    tx.objectStore('audits').delete(id),
    tx.objectStore('deleted').put({ id, date: visit?.date ?? Date.now() }),
    tx.done,
  ]);
}

export async function deleteAllVisits(now = Date.now()): Promise<void> {
  const db = await openHistory();
  const tx = db.transaction(['visits', 'audits', 'deleted'], 'readwrite');
  const deleted = tx.objectStore('deleted');
  await Promise.all([tx.objectStore('visits').clear(), tx.objectStore('audits').clear(), deleted.clear()]);
  await Promise.all([deleted.put({ id: ALL_DELETED, date: now }), tx.done]);
}
