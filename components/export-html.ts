// The printable evidence report: one self-contained HTML file (no script, no external resource) that states
// what was seen on the page, when, with which browser, extension, methodology and lists, and prints to PDF.
import type { Audit } from '../utils/audit';
import type { Translate } from './i18n';
import {
  countriesTable,
  cookiesTable,
  criteriaTable,
  evidenceItems,
  formatDate,
  networksTable,
  organisationsTable,
  publicBodyName,
  seconds,
  servicesTable,
  timelineTable,
  type Table,
} from './report-tables';

export interface EvidenceContext {
  /** When the file was made (epoch ms). */
  generatedAt: number;
  /** e.g. "Chromium 140", from the browser's user agent. */
  browser: string;
  extensionVersion: string;
  /** The flow diagram's SVG markup as the report page drew it (made by our own component), if any. */
  diagram?: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body { font: 11pt/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: #1b1b1f; background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #999; margin-top: 2rem; } h3 { font-size: 1rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
td.num { text-align: right; }
.grade { font-size: 1.3rem; font-weight: 700; }
.deduction { border-left: 4px solid #555; padding-left: 0.75rem; margin: 0.75rem 0; break-inside: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 0.75rem; margin: 0.25rem 0; }
dt { font-weight: 600; } dd { margin: 0; word-break: break-word; }
.diagram svg { width: 100%; height: auto; }
footer { margin-top: 2rem; font-size: 0.85rem; color: #444; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

function table(t: Table): string {
  if (!t.rows.length) return '';
  const head = t.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = t.rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${t.numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><caption>${escapeHtml(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

const p = (text: string) => `<p>${escapeHtml(text)}</p>`;

export function evidenceHtml(audit: Audit, context: EvidenceContext, lang: string, t: Translate): string {
  const { score } = audit;
  const visited = audit.page.visitedAt ? formatDate(audit.page.visitedAt, lang) : t('unknownValue');
  const facts: Array<[string, string]> = [
    [t('factPage'), audit.page.url],
    [t('factPublicBody'), publicBodyName(audit, t) ?? t('notPublicSector')],
    [t('factVisited'), visited],
    [t('factGenerated'), formatDate(context.generatedAt, lang)],
    [t('factBrowser'), context.browser],
    [t('factExtension'), t('extensionVersion', context.extensionVersion)],
    [t('factMethodology'), audit.methodology],
    [t('factLists'), audit.lists],
    [t('factRequests'), t('requestsSummary', audit.requests.total, audit.requests.thirdParty, audit.requests.beforeInteraction)],
  ];
  const factsTable = `<table><caption>${escapeHtml(t('evidenceFacts'))}</caption><tbody>${facts
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('')}</tbody></table>`;

  const deductions = [...score.deductions]
    .sort((a, b) => (a.criterion < b.criterion ? -1 : a.criterion > b.criterion ? 1 : b.points - a.points))
    .map((d) => {
      const evidence = evidenceItems(d.evidence, lang, t)
        .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
        .join('');
      return [
        `<div class="deduction" data-code="${escapeHtml(d.code)}">`,
        `<h3>${escapeHtml(t('pointsLost', d.points))} · ${escapeHtml(d.code)}</h3>`,
        p(d.reason),
        evidence ? `<dl>${evidence}</dl>` : '',
        d.law ? p(`${t('lawLabel')} ${d.law}`) : '',
        d.remedy ? p(`${t('remedy')} ${d.remedy}`) : '',
        '</div>',
      ].join('\n');
    })
    .join('\n');
  const gates = score.gates.map((g) => p(t('gateApplied', g.maxGrade, g.reason))).join('\n');

  const transport = [
    audit.transport.https ? t('httpsYes') : t('httpsNo'),
    audit.transport.mixedContent.length ? t('mixedContentHosts', audit.transport.mixedContent.join(', ')) : t('mixedContentNone'),
  ];
  const h = audit.hosting;
  const hosting = !h ? t('hostingNoIp') : h.provider ? t('hostingProviderIp', h.provider, h.asn ?? '?', h.country ?? '?', h.ip) : t('hostingUnknown', h.ip);

  const title = t('evidenceTitle', audit.page.host);
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
${p(t('evidenceIntro'))}
</header>
<main>
${factsTable}
${section(t('gradeHeading'), `<p class="grade">${escapeHtml(t('gradeLabel', score.grade))} — ${escapeHtml(t('scoreOutOf', score.score))}</p>\n${p(t(`gradeMeaning${score.grade}`))}\n${gates}`)}
${section(t('breakdownHeading'), `${table(criteriaTable(audit, t))}\n${deductions || p(t('noDeductions'))}`)}
${context.diagram ? section(t('flowsHeading'), `<div class="diagram">${context.diagram}</div>`) : ''}
${section(t('thirdPartiesHeading'), audit.thirdParties.length ? [servicesTable, organisationsTable, countriesTable].map((f) => table(f(audit, lang, t))).join('\n') : p(t('noThirdParties')))}
${section(t('cookiesHeading'), audit.cookies.length ? table(cookiesTable(audit, lang, t)) : p(t('noCookies')))}
${section(t('hostingTransportHeading'), `${p(hosting)}\n${table(networksTable(audit, lang, t))}\n${transport.map(p).join('\n')}`)}
${section(t('timelineHeading'), `${p(audit.firstInteraction === null ? t('timelineNoInteraction') : t('timelineInteraction', seconds(audit.firstInteraction, lang, t)))}\n${table(timelineTable(audit, lang, t))}`)}
${section(t('methodologyHeading'), `${p(t('methodologyText', audit.methodology))}\n${p(t('limitsText'))}`)}
</main>
<footer>
${p(t('evidenceFooter', context.extensionVersion, audit.methodology, audit.lists))}
</footer>
</body>
</html>
`;
}

/** "Chromium 140", "Firefox 140", from a user-agent string; the string itself is not written anywhere. */
export function browserName(userAgent: string): string {
  const firefox = /Firefox\/(\d+)/.exec(userAgent);
  if (firefox) return `Firefox ${firefox[1]}`;
  const edge = /Edg\/(\d+)/.exec(userAgent);
  if (edge) return `Edge ${edge[1]}`;
  const chrome = /(?:Chromium|Chrome)\/(\d+)/.exec(userAgent);
  if (chrome) return `Chromium ${chrome[1]}`;
  return userAgent.slice(0, 60);
}
