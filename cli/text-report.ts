// A readable report of one audit for a person at a terminal, in English or French.
import type { Audit } from '../utils/audit';
import type { Lang } from '../utils/texts';

const WORDS = {
  en: {
    title: 'Vigie — sovereignty audit',
    page: 'Page',
    publicBody: 'Public sector',
    notPublic: 'not recognised as a public-sector site',
    grade: 'Grade',
    score: 'Score',
    hosting: 'Hosting',
    unknownHosting: 'unknown network',
    noIp: 'server address not recorded',
    lost: 'Points lost',
    none: 'none',
    remedy: 'Remedy',
    law: 'Law',
    gates: 'Grade capped',
    thirdParties: 'Third parties',
    requests: 'requests',
    tracker: 'tracker',
    early: 'before interaction',
    cookies: 'Tracking cookies',
    limits:
      'Limits: tracking done server-side or proxied through the site\'s own domain is invisible from a browser; ' +
      'results vary with location, consent choices and A/B tests; the network serving a page names the host, not ' +
      'the party legally responsible for the data; the weights of SN-1 are normative choices.',
  },
  fr: {
    title: 'Vigie — audit de souveraineté',
    page: 'Page',
    publicBody: 'Secteur public',
    notPublic: "non reconnu comme site du secteur public",
    grade: 'Note',
    score: 'Score',
    hosting: 'Hébergement',
    unknownHosting: 'réseau inconnu',
    noIp: 'adresse du serveur non relevée',
    lost: 'Points perdus',
    none: 'aucun',
    remedy: 'Remède',
    law: 'Droit',
    gates: 'Note plafonnée',
    thirdParties: 'Tiers',
    requests: 'requêtes',
    tracker: 'traceur',
    early: 'avant interaction',
    cookies: 'Cookies de traçage',
    limits:
      "Limites : le traçage côté serveur ou relayé par le domaine du site est invisible depuis un navigateur ; " +
      "les résultats varient selon le lieu, les choix de consentement et les tests A/B ; le réseau qui sert une page " +
      "désigne l'hébergeur, pas le responsable légal des données ; les poids de SN-1 sont des choix normatifs.",
  },
} as const;

export function textReport(audit: Audit, lang: Lang): string {
  const w = WORDS[lang];
  const lines: string[] = [];
  const { score } = audit;
  lines.push(w.title, '');
  lines.push(`${w.page}: ${audit.page.url}`);
  const body = audit.page.publicSector;
  lines.push(`${w.publicBody}: ${body ? `${body.name ?? body.id ?? ''} (${body.source})` : w.notPublic}`);
  lines.push(`${w.grade}: ${score.grade}    ${w.score}: ${score.score}/100    (${audit.methodology}, lists ${audit.lists})`);
  const h = audit.hosting;
  lines.push(
    `${w.hosting}: ${
      !h ? w.noIp : h.provider ? `${h.provider}${h.asn ? ` (AS${h.asn})` : ''}, ${h.country ?? '?'} — ${h.ip}` : `${w.unknownHosting} — ${h.ip}`
    }`,
  );
  lines.push('', `${w.lost}:`);
  if (!score.deductions.length) lines.push(`  ${w.none}`);
  for (const d of [...score.deductions].sort((a, b) => b.points - a.points)) {
    lines.push(`  -${String(d.points).padStart(2)}  ${d.criterion}  ${d.reason}`);
    if (d.remedy) lines.push(`        ${w.remedy}: ${d.remedy}`);
    if (d.law) lines.push(`        ${w.law}: ${d.law}`);
  }
  for (const c of score.criteria) if (c.raw > c.lost) lines.push(`  (${c.id}: ${c.raw} → ${c.lost}, cap ${c.cap})`);
  for (const g of score.gates) lines.push(`  ${w.gates} ${g.bandGrade} → ${g.maxGrade}: ${g.reason}`);

  lines.push('', `${w.thirdParties} (${audit.thirdParties.length}):`);
  for (const o of audit.organisations) {
    const flags = [o.gafam ? 'GAFAM' : '', o.tracker ? w.tracker : ''].filter(Boolean).join(', ');
    lines.push(`  ${o.parent ?? o.key} [${o.country ?? '?'} · ${o.countryClass}]${flags ? ` ${flags}` : ''}`);
    for (const key of o.services) {
      const s = audit.thirdParties.find((t) => t.key === key)!;
      const notes = [s.category ?? '', s.tracker ? w.tracker : '', s.beforeInteraction ? w.early : ''].filter(Boolean);
      lines.push(`    ${s.key}: ${s.requests} ${w.requests}${notes.length ? ` (${notes.join(', ')})` : ''} — ${s.hosts.join(', ')}`);
    }
  }
  const tracking = audit.cookies.filter((c) => c.tracking);
  if (tracking.length) {
    lines.push('', `${w.cookies}:`);
    for (const c of tracking) lines.push(`  ${c.name} (${c.domain}${c.beforeInteraction ? `, ${w.early}` : ''})`);
  }
  lines.push('', w.limits, '');
  return lines.join('\n');
}
