// The flow diagram as SVG: the site, its third-party services, their organisations and countries, in columns
// (layout in flow-layout.ts). Colours repeat what the words say (GAFAM, tracker, before consent, country class);
// its styles travel inside the SVG, so the printable report can embed the very same markup.
import type { Audit } from '../utils/audit';
import { CLASS_KEYS, countryName } from './country';
import { layoutFlows, type FlowKind, type FlowNode } from './flow-layout';
import type { Translate } from './i18n';
import { number } from './report-tables';

const STYLE = `
.flow text { font: 12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; fill: #1b1b1f; }
.flow .flow-head { font-weight: 700; }
.flow .flow-detail { font-size: 10.5px; fill: #3d3d46; }
.flow rect { fill: #f4f4f7; stroke: #6b6b78; stroke-width: 1; }
.flow .class-eu rect { fill: #e2f2e5; }
.flow .class-adequacy rect { fill: #edf3d6; }
.flow .class-other rect { fill: #fde8d7; }
.flow .class-gafam rect { fill: #ebe2fa; }
.flow .class-unknown rect { fill: #ececef; }
.flow .is-gafam rect { stroke: #4b2a8a; stroke-width: 3; }
.flow .is-tracker rect { stroke: #8f1d3f; stroke-width: 2; stroke-dasharray: 6 3; }
.flow line { stroke: #8a8a96; stroke-width: 1.5; }
.flow line.is-early { stroke: #8f1d3f; stroke-width: 2; stroke-dasharray: 6 3; }
@media (prefers-color-scheme: dark) {
  .flow text { fill: #ececf1; }
  .flow .flow-detail { fill: #c4c4d0; }
  .flow rect { fill: #26262c; stroke: #9a9aa6; }
  .flow .class-eu rect { fill: #1d3524; }
  .flow .class-adequacy rect { fill: #2e3419; }
  .flow .class-other rect { fill: #3d2818; }
  .flow .class-gafam rect { fill: #30244a; }
  .flow .class-unknown rect { fill: #2c2c33; }
  .flow .is-gafam rect { stroke: #c9b3ff; }
  .flow .is-tracker rect { stroke: #ff9bb8; }
  .flow line { stroke: #77777f; }
  .flow line.is-early { stroke: #ff9bb8; }
}
`;

/** Characters that fit in a box at a font size (a character is about 0.58 em wide), keeping its padding. */
function fit(text: string, width: number, fontSize: number): string {
  const max = Math.floor((width - 14) / (fontSize * 0.58));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const HEAD_KEYS: Record<FlowKind, string> = {
  site: 'flowColumnSite',
  service: 'flowColumnServices',
  organisation: 'flowColumnOrganisations',
  country: 'flowColumnCountries',
};

export function FlowDiagram({ audit, lang, t }: { audit: Audit; lang: string; t: Translate }) {
  const layout = layoutFlows(audit);
  const countries = layout.nodes.filter((n) => n.kind === 'country').length;
  const organisations = audit.organisations.length;

  const label = (n: FlowNode): string => {
    switch (n.kind) {
      case 'site':
        return n.name ?? '';
      case 'service':
        // A fold below services shown by name is "+N more"; a fold standing for all of its organisation's, "N services".
        if (!n.folded) return n.name ?? '';
        return n.folded === n.services ? t('flowFoldedServices', n.folded) : t('flowMoreServices', n.folded);
      case 'organisation':
        if (n.folded) return t('flowMoreOrganisations', n.folded);
        return n.name ?? t('flowUnknownOwners', n.members.length);
      case 'country':
        return countryName(n.name, lang, t);
    }
  };
  const detail = (n: FlowNode): string => {
    const words: string[] = [];
    if (n.kind === 'site') words.push(t('requestCountLong', number(audit.requests.total, lang)));
    if (n.kind === 'country' && n.countryClass) words.push(t(CLASS_KEYS[n.countryClass]));
    if (n.gafam && n.kind === 'organisation') words.push(t('gafamMarker'));
    if (n.kind === 'organisation') words.push(t('flowServiceCount', n.services));
    if (n.kind !== 'site') words.push(t('requestCount', number(n.requests, lang)));
    if (n.kind === 'service' && n.tracker) words.push(n.early ? t('flowTrackerEarly') : t('trackerMarker'));
    return words.join(' · ');
  };

  return (
    <svg
      class="flow"
      data-testid="flow-diagram"
      role="img"
      aria-labelledby="flow-title flow-desc"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="flow-title">{t('flowTitle', audit.page.host)}</title>
      <desc id="flow-desc">
        {audit.thirdParties.length
          ? t('flowDescription', audit.thirdParties.length, organisations, countries)
          : t('noThirdParties')}
      </desc>
      <style>{STYLE}</style>
      {layout.columns.map((c) => (
        <text key={c.kind} class="flow-head" x={c.x} y={18}>
          {t(HEAD_KEYS[c.kind])}
        </text>
      ))}
      {layout.links.map((l) => (
        <line key={`${l.from}>${l.to}@${l.y}`} class={l.tracker && l.early ? 'is-early' : undefined} x1={l.x1} y1={l.y} x2={l.x2} y2={l.y} />
      ))}
      {layout.nodes.map((n) => {
        const name = label(n);
        const more = n.members.length ? `: ${n.members.join(', ')}` : '';
        const top = n.y + n.height / 2 - 14;
        const classes = [
          'flow-node',
          `flow-${n.kind}`,
          n.countryClass ? `class-${n.countryClass}` : '',
          n.kind === 'organisation' && n.gafam ? 'is-gafam' : '',
          n.kind === 'service' && n.tracker ? 'is-tracker' : '',
        ];
        return (
          <g key={n.id} class={classes.filter(Boolean).join(' ')}>
            <title>{`${name} — ${detail(n)}${more}`}</title>
            <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={4} />
            <text x={n.x + 7} y={top + 12}>
              {fit(name, n.width, 12)}
            </text>
            <text class="flow-detail" x={n.x + 7} y={top + 25}>
              {fit(detail(n), n.width, 10.5)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** What the diagram's colours and lines mean, in words. */
export function FlowLegend({ t }: { t: Translate }) {
  return (
    <ul class="flow-legend">
      <li>{t('flowLegendColumns')}</li>
      <li>{t('flowLegendGafam')}</li>
      <li>{t('flowLegendTracker')}</li>
      <li>{t('flowLegendColours')}</li>
      <li>{t('flowLegendFolds')}</li>
    </ul>
  );
}
