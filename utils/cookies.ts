// Known tracking cookie names (`_ga`, `_fbp`, …): a first-party cookie with one of these names is a tracker's.

export interface CookieRule {
  name?: string;
  prefix?: string;
  suffix?: string;
  /** Index of the owner in the services part. */
  owner: number;
  service: string;
}

export interface CookieIndex {
  exact: ReadonlyMap<string, CookieRule>;
  prefixed: readonly CookieRule[];
}

export function createCookieIndex(rules: readonly CookieRule[]): CookieIndex {
  return {
    exact: new Map(rules.filter((r) => r.name).map((r) => [r.name!, r])),
    prefixed: rules.filter((r) => r.prefix),
  };
}

export function trackingCookieRule(index: CookieIndex, name: string): CookieRule | null {
  const exact = index.exact.get(name);
  if (exact) return exact;
  for (const rule of index.prefixed) {
    if (name.startsWith(rule.prefix!) && (!rule.suffix || name.endsWith(rule.suffix))) return rule;
  }
  return null;
}
