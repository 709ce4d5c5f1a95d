import { describe, expect, it } from 'vitest';
import { FLOW, layoutFlows, type FlowLayout, type FlowNode } from './flow-layout';
import { crowdedAudit, exampleAudit } from './test-audits';
import type { Audit } from '../utils/audit';

/** Every service of the audit, once: as its own node or inside a fold. */
function servicesShown(layout: FlowLayout): string[] {
  return layout.nodes.filter((n) => n.kind === 'service').flatMap((n) => (n.folded ? n.members : [n.name!]));
}

function byId(layout: FlowLayout): Map<string, FlowNode> {
  return new Map(layout.nodes.map((n) => [n.id, n]));
}

function expectNoCrossing(layout: FlowLayout): void {
  const nodes = byId(layout);
  for (const l of layout.links) {
    const from = nodes.get(l.from)!;
    const to = nodes.get(l.to)!;
    // Horizontal links inside both ends' spans cannot cross one another.
    expect(l.y).toBeGreaterThanOrEqual(from.y);
    expect(l.y).toBeLessThanOrEqual(from.y + from.height);
    expect(l.y).toBeGreaterThanOrEqual(to.y);
    expect(l.y).toBeLessThanOrEqual(to.y + to.height);
    expect(l.x1).toBe(from.x + from.width);
    expect(l.x2).toBe(to.x);
  }
}

const names = (audit: Audit) => audit.thirdParties.map((s) => s.service ?? s.key).sort();

describe('layoutFlows', () => {
  it('draws site → services → organisations → countries, every service once, GAFAM and trackers marked', () => {
    const audit = exampleAudit(4);
    const layout = layoutFlows(audit);
    expect(layout.folded).toBe(false);
    expect(servicesShown(layout).sort()).toEqual(names(audit));
    const alphabet = layout.nodes.find((n) => n.kind === 'organisation' && n.gafam === 'google')!;
    expect(alphabet.name).toMatch(/^Alphabet/);
    expect(alphabet.tracker && alphabet.early).toBe(true);
    const us = layout.nodes.find((n) => n.kind === 'country' && n.name === 'US')!;
    expect(us.countryClass).toBe('other');
    expect(us.y).toBeLessThanOrEqual(alphabet.y);
    expect(us.y + us.height).toBeGreaterThanOrEqual(alphabet.y + alphabet.height);
    expect(layout.nodes.filter((n) => n.kind === 'site')).toHaveLength(1);
    expectNoCrossing(layout);
  });

  it('stays within the row budget at 60 third parties, folding the smaller ones and never a GAFAM group', () => {
    const audit = crowdedAudit(40, 30);
    expect(audit.thirdParties.length).toBeGreaterThanOrEqual(60);
    const layout = layoutFlows(audit);
    const rows = layout.nodes.filter((n) => n.kind === 'service').length;
    expect(rows).toBeLessThanOrEqual(FLOW.maxRows);
    expect(layout.height).toBe(FLOW.header + rows * FLOW.row);
    expect(layout.folded).toBe(true);
    expect(servicesShown(layout).sort()).toEqual(names(audit));
    // A fold knows whether it stands for all of its organisation's services ("N services") or the rest ("+N").
    for (const fold of layout.nodes.filter((n) => n.kind === 'service' && n.folded)) expect(fold.folded).toBeLessThanOrEqual(fold.services);
    for (const gafam of ['google', 'meta', 'microsoft', 'amazon']) {
      expect(layout.nodes.some((n) => n.kind === 'organisation' && n.folded === 0 && n.gafam === gafam)).toBe(true);
    }
    expectNoCrossing(layout);
  });

  it('groups every third party of unknown owner into one organisation of unknown country', () => {
    const audit = crowdedAudit(0, 50);
    const layout = layoutFlows(audit);
    const orgs = layout.nodes.filter((n) => n.kind === 'organisation');
    expect(orgs).toHaveLength(1);
    expect(orgs[0]!.name).toBeNull();
    expect(orgs[0]!.members).toHaveLength(50);
    expect(layout.nodes.filter((n) => n.kind === 'country').map((n) => n.name)).toEqual([null]);
    expect(servicesShown(layout)).toHaveLength(50);
    expect(layout.nodes.filter((n) => n.kind === 'service').length).toBeLessThanOrEqual(FLOW.maxRows);
  });

  it('folds organisations themselves when there are more of them than rows', () => {
    const audit = crowdedAudit(40, 0);
    // Nine countries: twelve rows leave three to share among their organisations.
    const layout = layoutFlows(audit, 12);
    expect(layout.nodes.filter((n) => n.kind === 'service').length).toBeLessThanOrEqual(12);
    const folds = layout.nodes.filter((n) => n.kind === 'organisation' && n.folded > 0);
    expect(folds.length).toBeGreaterThan(0);
    expect(servicesShown(layout).sort()).toEqual(names(audit));
    expectNoCrossing(layout);
  });

  it('shows the site alone when there is no third party', () => {
    const audit = exampleAudit(1);
    const layout = layoutFlows({ ...audit, thirdParties: [], organisations: [] });
    expect(layout.nodes.map((n) => n.kind)).toEqual(['site']);
    expect(layout.links).toEqual([]);
    expect(layout.height).toBe(FLOW.header + FLOW.row);
  });
});
