// Audits for the unit tests of the report's pure modules, made by the real engine and lists: the worked examples
// of SN-1 and a page with many third parties.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLists } from '../cli/lists';
import { REAL_HOSTS, unknownHosts } from '../tests/e2e/sites/plans';
import { auditLog, type Audit } from '../utils/audit';
import type { Lang } from '../utils/texts';
import type { ObservationLog, ObservedRequest } from '../utils/types';

export function exampleLog(n: number): ObservationLog {
  const file = join(import.meta.dirname, `../tests/fixtures/sn1/example-${n}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { log: ObservationLog }).log;
}

export function exampleAudit(n: number, lang: Lang = 'en'): Audit {
  return auditLog(exampleLog(n), loadLists(), { lang });
}

/** A city page loading `real` of the forty real third-party hosts and `unknownVendors` × 4 hosts no list knows. */
export function crowdedAudit(real: number, unknownVendors: number, lang: Lang = 'en'): Audit {
  const hosts = [...REAL_HOSTS.slice(0, real), ...unknownHosts(unknownVendors, 4)];
  const requests: ObservedRequest[] = [
    { url: 'https://www.bordeaux.fr/', type: 'main_frame', serverIp: null, time: 0, beforeInteraction: true, cookies: [] },
    ...hosts.map((h, i) => ({
      url: `https://${h.host}/r${i}.js`,
      type: 'script' as const,
      serverIp: null,
      time: 100 + i,
      beforeInteraction: i % 2 === 0,
      cookies: [],
    })),
  ];
  const log: ObservationLog = {
    format: 'vigie.observations/1',
    page: { url: 'https://www.bordeaux.fr/', serverIp: null, visitedAt: '2026-11-23T10:15:00Z' },
    requests,
    jarCookies: [],
    firstInteraction: null,
  };
  return auditLog(log, loadLists(), { lang });
}
