// Compiles tracker hosts and paths from AdGuard's Tracking Protection and Social Media filters (DNR rulesets).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostHashes } from '../../utils/host-hash';
import { TRACKER_HOSTS_TABLE, TRACKER_PATH_HOSTS_TABLE, type TrackersPart } from '../../utils/trackers';
import type { Columns } from './tables';
import type { Provenance } from '../../utils/types';

/** AdGuard filter ids: 3 = Tracking Protection, 4 = Social Media. */
const FILTERS = [
  { id: 3, name: 'AdGuard Tracking Protection filter' },
  { id: 4, name: 'AdGuard Social Media filter' },
];

interface DnrRule {
  action: { type: string };
  condition: {
    urlFilter?: string;
    initiatorDomains?: string[];
    excludedInitiatorDomains?: string[];
    domainType?: 'firstParty' | 'thirdParty';
  };
}

// `||host^` (the host and its subdomains) and `||host/path…` or `||host^path…` (a path on them).
const HOST_RULE = /^\|\|([a-z0-9.-]+\.[a-z0-9-]+)\^$/;
const PATH_RULE = /^\|\|([a-z0-9.-]+\.[a-z0-9-]+)([/^?].*)$/;

export function compileTrackers(root: string): { part: TrackersPart; tables: Columns; provenance: Provenance[] } {
  const pkgDir = join(root, 'node_modules/@adguard/dnr-rulesets');
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const blockHosts = new Set<string>();
  const allowHosts = new Set<string>();
  const blockPaths = new Map<string, Set<string>>();
  const allowPaths = new Map<string, Set<string>>();
  let skipped = 0;

  for (const filter of FILTERS) {
    const file = join(pkgDir, `dist/filters/declarative/ruleset_${filter.id}/ruleset_${filter.id}.json`);
    const rules = JSON.parse(readFileSync(file, 'utf8')) as DnrRule[];
    for (const rule of rules) {
      const { condition } = rule;
      const kind = rule.action.type;
      // Rules scoped to particular sites, first-party-only rules and rules without a host anchor describe
      // where to block, not which hosts track: they are left out (see LISTS.md).
      if (kind !== 'block' && kind !== 'allow') continue;
      if (condition.initiatorDomains || condition.excludedInitiatorDomains || condition.domainType === 'firstParty') {
        skipped++;
        continue;
      }
      const filterText = condition.urlFilter ?? '';
      const host = HOST_RULE.exec(filterText);
      if (host) {
        (kind === 'block' ? blockHosts : allowHosts).add(host[1]!);
        continue;
      }
      const path = PATH_RULE.exec(filterText);
      if (path) {
        const target = kind === 'block' ? blockPaths : allowPaths;
        const set = target.get(path[1]!) ?? new Set<string>();
        set.add(path[2]!);
        target.set(path[1]!, set);
        continue;
      }
      skipped++;
    }
  }

  const pairs = hashTable(blockHosts);
  const pathPairs = hashTable(new Set([...blockPaths.keys(), ...allowPaths.keys()]));
  // One line per host: `host \t tail \t tail…` (see TrackersPart); a tail never holds a tab or newline.
  const lines = (m: Map<string, Set<string>>) =>
    [...m.keys()].sort().map((k) => [k, ...[...m.get(k)!].sort()].join('\t')).join('\n');

  return {
    part: {
      hostCount: pairs.length,
      allowHosts: [...allowHosts].sort(),
      paths: lines(blockPaths),
      allowPaths: lines(allowPaths),
      skippedRules: skipped,
    },
    tables: { [TRACKER_HOSTS_TABLE]: pairs.flat(), [TRACKER_PATH_HOSTS_TABLE]: pathPairs.flat() },
    provenance: FILTERS.map((f) => ({
      part: 'trackers',
      package: '@adguard/dnr-rulesets',
      version,
      licence: 'GPL-3.0',
      source: `${f.name} (filter ${f.id})`,
    })),
  };
}

/** Sorted hash pairs of a set of hosts (see utils/host-hash.ts); two hosts with one pair would be a collision. */
function hashTable(hosts: Set<string>): Array<readonly [number, number]> {
  const pairs = [...hosts].map(hostHashes);
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  for (let i = 1; i < pairs.length; i++) {
    if (pairs[i]![0] === pairs[i - 1]![0] && pairs[i]![1] === pairs[i - 1]![1]) {
      throw new Error('tracker host hash collision: change the hash seeds in utils/host-hash.ts');
    }
  }
  return pairs;
}
