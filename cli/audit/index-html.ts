// index.html of a batch: one self-contained page (inline style and script, nothing fetched) with the grade
// distribution and every site in a table that sorts and filters in the browser, each linked to its printable
// report. The table is written out in the HTML, so the page reads without script too.
import { escapeHtml } from '../../components/export-html';
import type { Lang } from '../../utils/texts';
import type { SiteRow } from './results-dir';

const WORDS = {
  en: {
    title: 'Vigie — batch audit',
    intro: (sites: number, audited: number, failed: number) =>
      `${sites} sites: ${audited} audited, ${failed} could not be audited.`,
    method: (methodologies: string, lists: string) => `Methodology ${methodologies}; lists ${lists}.`,
    distribution: 'Grades',
    failed: 'not audited',
    filter: 'Filter',
    filterHint: 'site, hosting or error',
    grade: 'Grade',
    all: 'all',
    shown: 'sites shown',
    columns: ['Site', 'Grade', 'Score', 'Third parties', 'GAFAM services', 'Trackers before interaction', 'Hosting', 'Final address', 'Error'],
    report: 'report',
    json: 'JSON',
    sortHint: 'Select a column heading to sort.',
    files: 'Files: summary.csv (one line per site), sites/ (each audit as JSON and as a printable report).',
  },
  fr: {
    title: 'Vigie — audit par lot',
    intro: (sites: number, audited: number, failed: number) =>
      `${sites} sites : ${audited} audités, ${failed} n’ont pas pu l’être.`,
    method: (methodologies: string, lists: string) => `Méthodologie ${methodologies} ; listes ${lists}.`,
    distribution: 'Notes',
    failed: 'non audité',
    filter: 'Filtrer',
    filterHint: 'site, hébergement ou erreur',
    grade: 'Note',
    all: 'toutes',
    shown: 'sites affichés',
    columns: ['Site', 'Note', 'Score', 'Tiers', 'Services GAFAM', 'Traceurs avant interaction', 'Hébergement', 'Adresse finale', 'Erreur'],
    report: 'rapport',
    json: 'JSON',
    sortHint: 'Choisir un en-tête de colonne pour trier.',
    files: 'Fichiers : summary.csv (une ligne par site), sites/ (chaque audit en JSON et en rapport imprimable).',
  },
} as const;

const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
const GRADE_COLOURS: Record<string, string> = { A: '#1a7f37', B: '#4d8f1c', C: '#9a6700', D: '#bc4c00', E: '#cf222e' };

const STYLE = `
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: #1b1b1f; background: #fff; margin: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; } h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.bars { display: grid; grid-template-columns: max-content 1fr max-content; gap: .3rem .6rem; align-items: center; max-width: 40rem; }
.bar { height: 1.1rem; border-radius: 3px; min-width: 2px; }
.controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin: 1rem 0 .5rem; }
label { display: flex; flex-direction: column; font-weight: 600; font-size: .9rem; }
input, select { font: inherit; padding: .25rem .4rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .4rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; color: inherit; }
th[aria-sort=ascending] button::after { content: ' ▲'; } th[aria-sort=descending] button::after { content: ' ▼'; }
.grade { display: inline-block; min-width: 1.6em; text-align: center; color: #fff; font-weight: 700; border-radius: 3px; }
.error { color: #a40e26; }
td a { word-break: break-all; }
@media (prefers-color-scheme: dark) { body { background: #16161a; color: #e8e8ec; } th, td { border-color: #444; } .error { color: #ff8182; } a { color: #79b8ff; } }
`;

// Sorting and filtering; rows carry their values in data- attributes, so the script never parses cell text.
const SCRIPT = `
(() => {
  const body = document.querySelector('tbody');
  const rows = [...body.rows];
  const text = document.getElementById('filter');
  const grade = document.getElementById('grade');
  const count = document.getElementById('count');
  const apply = () => {
    const q = text.value.trim().toLowerCase();
    const g = grade.value;
    let shown = 0;
    for (const row of rows) {
      const ok = (!q || row.dataset.search.includes(q)) && (!g || row.dataset.state === g);
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown;
  };
  text.addEventListener('input', apply);
  grade.addEventListener('change', apply);
  for (const th of document.querySelectorAll('th[data-key]')) {
    th.querySelector('button').addEventListener('click', () => {
      const key = th.dataset.key;
      const numeric = th.dataset.type === 'number';
      const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      for (const other of document.querySelectorAll('th[aria-sort]')) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      const value = (row) => row.dataset[key] ?? '';
      rows.sort((a, b) => {
        const x = value(a), y = value(b);
        if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
        return dir * (numeric ? Number(x) - Number(y) : x.localeCompare(y));
      });
      body.append(...rows);
    });
  }
  apply();
})();
`;

function gradeBadge(grade: string | null): string {
  if (!grade) return '';
  return `<span class="grade" style="background:${GRADE_COLOURS[grade] ?? '#555'}">${escapeHtml(grade)}</span>`;
}

function num(value: number | null): string {
  return value === null ? '' : String(value);
}

function distinct(values: Array<string | null>): string {
  return [...new Set(values.filter((v): v is string => v !== null))].sort().join(', ') || '—';
}

export function indexHtml(rows: SiteRow[], lang: Lang): string {
  const w = WORDS[lang];
  const audited = rows.filter((r) => r.grade !== null);
  const failed = rows.length - audited.length;
  const counts = GRADES.map((g) => [g, audited.filter((r) => r.grade === g).length] as const);
  const largest = Math.max(1, failed, ...counts.map(([, n]) => n));
  const bar = (label: string, n: number, colour: string) =>
    `<span>${label}</span><span class="bar" style="width:${((n / largest) * 100).toFixed(1)}%;background:${colour}"></span><span>${n}${
      rows.length ? ` (${Math.round((n / rows.length) * 100)} %)` : ''
    }</span>`;
  const bars = [...counts.map(([g, n]) => bar(gradeBadge(g), n, GRADE_COLOURS[g]!)), bar(escapeHtml(w.failed), failed, '#8c959f')].join('\n');

  const keys = ['site', 'grade', 'score', 'third_parties', 'gafam_services', 'trackers_before_interaction', 'hosting', 'final_url', 'error'] as const;
  const numeric: ReadonlySet<string> = new Set(['score', 'third_parties', 'gafam_services', 'trackers_before_interaction']);
  const head = keys
    .map((key, i) => `<th scope="col" data-key="${key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}"${numeric.has(key) ? ' data-type="number"' : ''}><button type="button">${escapeHtml(w.columns[i]!)}</button></th>`)
    .join('');
  const body = rows
    .map((r) => {
      const data = keys
        .map((key) => `data-${key.replace(/_/g, '-')}="${escapeHtml(r[key] === null ? '' : String(r[key]))}"`)
        .join(' ');
      const search = escapeHtml([r.site, r.final_url, r.hosting, r.error].filter(Boolean).join(' ').toLowerCase());
      const links = [
        r.report_file ? `<a href="${escapeHtml(r.report_file)}">${escapeHtml(w.report)}</a>` : '',
        r.audit_file ? `<a href="${escapeHtml(r.audit_file)}">${escapeHtml(w.json)}</a>` : '',
      ].filter(Boolean);
      const site = r.report_file ? `<a href="${escapeHtml(r.report_file)}">${escapeHtml(r.site)}</a>` : escapeHtml(r.site);
      return `<tr ${data} data-search="${search}" data-state="${escapeHtml(r.grade ?? '-')}"><td>${site}${links.length ? ` <small>(${links.join(' · ')})</small>` : ''}</td><td>${gradeBadge(r.grade)}</td><td class="num">${num(r.score)}</td><td class="num">${num(r.third_parties)}</td><td class="num">${num(r.gafam_services)}</td><td class="num">${num(r.trackers_before_interaction)}</td><td>${escapeHtml(r.hosting ?? '')}</td><td>${escapeHtml(r.final_url ?? '')}</td><td class="error">${escapeHtml(r.error ?? '')}</td></tr>`;
    })
    .join('\n');
  const options = [`<option value="">${escapeHtml(w.all)}</option>`, ...GRADES.map((g) => `<option>${g}</option>`), `<option value="-">${escapeHtml(w.failed)}</option>`].join('');

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(w.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(w.title)}</h1>
<p>${escapeHtml(w.intro(rows.length, audited.length, failed))} ${escapeHtml(w.method(distinct(audited.map((r) => r.methodology)), distinct(audited.map((r) => r.lists))))}</p>
</header>
<main>
<section aria-labelledby="distribution"><h2 id="distribution">${escapeHtml(w.distribution)}</h2>
<div class="bars">
${bars}
</div>
</section>
<section aria-label="${escapeHtml(w.title)}">
<div class="controls">
<label for="filter">${escapeHtml(w.filter)}<input id="filter" type="search" placeholder="${escapeHtml(w.filterHint)}"></label>
<label for="grade">${escapeHtml(w.grade)}<select id="grade">${options}</select></label>
<p><span id="count">${rows.length}</span> ${escapeHtml(w.shown)}. ${escapeHtml(w.sortHint)}</p>
</div>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>
</main>
<footer><p>${escapeHtml(w.files)}</p></footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
