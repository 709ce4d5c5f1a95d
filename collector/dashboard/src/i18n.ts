// The dashboard's words in French and English: the browser's language first, then the person's choice (kept).
import { signal } from './signal';

export type Lang = 'fr' | 'en';

const en = {
  skip: 'Skip to content',
  title: 'Vigie',
  tagline: 'Who do public websites send their visitors to?',
  navOverview: 'Overview',
  navSites: 'Sites',
  navAbout: 'About the data',
  switchTo: 'Français',
  switchLabel: 'Lire en français',
  loading: 'Loading…',
  failed: 'The data could not be loaded. Try again later.',
  overviewTitle: 'Public websites and their third parties',
  overviewIntro:
    'Citizens who use the Vigie extension can send anonymised audits of the public websites they visit. A site appears here once at least {reports} reports from at least {weeks} different weeks agree on its grade.',
  sitesCount: '{n} published site|{n} published sites',
  reportsCount: '{n} report|{n} reports',
  gradeDistribution: 'Sites by grade',
  gradeSites: '{n} site|{n} sites',
  topThirdParties: 'Most common third parties',
  topThirdPartiesCaption: 'Third-party domains seen on the most published sites',
  domain: 'Domain',
  organisation: 'Organisation',
  country: 'Country',
  category: 'Category',
  gafam: 'GAFAM',
  tracker: 'Tracker',
  yes: 'yes',
  no: 'no',
  sitesSeen: 'Sites',
  shareOfSites: 'Share of sites',
  nothingYet: 'Nothing published yet.',
  sitesTitle: 'Published sites',
  search: 'Search a host name',
  grade: 'Grade',
  anyGrade: 'Any grade',
  suffix: 'Domain suffix',
  suffixHint: 'for example gouv.fr',
  source: 'Public-body list',
  sourceHint: 'for example fr-dinum',
  sort: 'Sort by',
  sortHost: 'Host name',
  sortScoreAsc: 'Score, lowest first',
  sortScoreDesc: 'Score, highest first',
  sortReports: 'Most reports',
  sortRecent: 'Most recent',
  apply: 'Show',
  results: '{n} site matches|{n} sites match',
  site: 'Site',
  medianScore: 'Median score',
  reports: 'Reports',
  lastWeek: 'Last week',
  previous: 'Previous page',
  next: 'Next page',
  pageOf: 'Page {page} of {pages}',
  siteNotPublished: 'This site is not published: it needs at least {reports} agreeing reports from {weeks} different weeks.',
  publicBody: 'Listed as public by',
  weeksLabel: 'Weeks',
  weeks: 'Reports from {first} to {last}',
  gradesOfReports: 'Grades given by the reports',
  history: 'History',
  historyCaption: 'Reports per ISO week, with their median score and most common grade',
  week: 'Week',
  thirdParties: 'Third parties seen',
  thirdPartiesCaption: 'Third-party domains, with the share of this site’s reports that saw each',
  share: 'Share of reports',
  backToSites: 'All sites',
  aboutTitle: 'About the data',
  aboutReports:
    'Reports are sent only by people who turned reporting on, only for public-sector sites, at most once per site and per week. A report holds no address, no URL, no identifier and no time finer than the ISO week.',
  aboutThreshold:
    'A site is published once at least {reports} reports from at least {weeks} different ISO weeks agree on its grade, so that a single report cannot put a site on the map. Its grade is the one most such reports give; its score is the median of all its reports.',
  aboutMethodology: 'Scores follow methodology {id}: a page starts at 100 points and loses points for each finding, capped per criterion.',
  criterion: 'Criterion',
  cap: 'At most',
  bands: 'Grades by score',
  methodologyLink: 'Read the full methodology',
  datasetTitle: 'Open data',
  datasetText: 'Everything shown here can be downloaded, under the Licence Ouverte 2.0 (Etalab).',
  datapackage: 'Data package description (datapackage.json)',
  api: 'API description (OpenAPI)',
  criteria: { C1: 'Jurisdiction of third parties', C2: 'Tracking before consent', C3: 'Hosting', C4: 'Transport security' } as Record<string, string>,
};

type Messages = typeof en;

const fr: Messages = {
  skip: 'Aller au contenu',
  title: 'Vigie',
  tagline: 'À qui les sites publics envoient-ils leurs visiteurs ?',
  navOverview: 'Vue d’ensemble',
  navSites: 'Sites',
  navAbout: 'À propos des données',
  switchTo: 'English',
  switchLabel: 'Read in English',
  loading: 'Chargement…',
  failed: 'Les données n’ont pas pu être chargées. Réessayez plus tard.',
  overviewTitle: 'Les sites publics et leurs tiers',
  overviewIntro:
    'Les citoyens qui utilisent l’extension Vigie peuvent envoyer des audits anonymisés des sites publics qu’ils visitent. Un site apparaît ici dès qu’au moins {reports} rapports d’au moins {weeks} semaines différentes s’accordent sur sa note.',
  sitesCount: '{n} site publié|{n} sites publiés',
  reportsCount: '{n} rapport|{n} rapports',
  gradeDistribution: 'Sites par note',
  gradeSites: '{n} site|{n} sites',
  topThirdParties: 'Les tiers les plus fréquents',
  topThirdPartiesCaption: 'Domaines tiers vus sur le plus grand nombre de sites publiés',
  domain: 'Domaine',
  organisation: 'Organisation',
  country: 'Pays',
  category: 'Catégorie',
  gafam: 'GAFAM',
  tracker: 'Traqueur',
  yes: 'oui',
  no: 'non',
  sitesSeen: 'Sites',
  shareOfSites: 'Part des sites',
  nothingYet: 'Rien n’est encore publié.',
  sitesTitle: 'Sites publiés',
  search: 'Rechercher un nom d’hôte',
  grade: 'Note',
  anyGrade: 'Toutes les notes',
  suffix: 'Suffixe de domaine',
  suffixHint: 'par exemple gouv.fr',
  source: 'Liste d’organismes publics',
  sourceHint: 'par exemple fr-dinum',
  sort: 'Trier par',
  sortHost: 'Nom d’hôte',
  sortScoreAsc: 'Score, du plus bas',
  sortScoreDesc: 'Score, du plus haut',
  sortReports: 'Nombre de rapports',
  sortRecent: 'Les plus récents',
  apply: 'Afficher',
  results: '{n} site correspond|{n} sites correspondent',
  site: 'Site',
  medianScore: 'Score médian',
  reports: 'Rapports',
  lastWeek: 'Dernière semaine',
  previous: 'Page précédente',
  next: 'Page suivante',
  pageOf: 'Page {page} sur {pages}',
  siteNotPublished: 'Ce site n’est pas publié : il faut au moins {reports} rapports concordants de {weeks} semaines différentes.',
  publicBody: 'Reconnu public par',
  weeksLabel: 'Semaines',
  weeks: 'Rapports de {first} à {last}',
  gradesOfReports: 'Notes données par les rapports',
  history: 'Historique',
  historyCaption: 'Rapports par semaine ISO, avec leur score médian et leur note la plus fréquente',
  week: 'Semaine',
  thirdParties: 'Tiers observés',
  thirdPartiesCaption: 'Domaines tiers, avec la part des rapports de ce site qui les ont vus',
  share: 'Part des rapports',
  backToSites: 'Tous les sites',
  aboutTitle: 'À propos des données',
  aboutReports:
    'Seules les personnes qui ont activé l’envoi de rapports en envoient, uniquement pour des sites publics, au plus une fois par site et par semaine. Un rapport ne contient ni adresse, ni URL, ni identifiant, ni date plus précise que la semaine ISO.',
  aboutThreshold:
    'Un site est publié dès qu’au moins {reports} rapports d’au moins {weeks} semaines ISO différentes s’accordent sur sa note : un rapport isolé ne peut pas faire apparaître un site. Sa note est celle que donnent le plus de ces rapports ; son score est la médiane de tous ses rapports.',
  aboutMethodology: 'Les scores suivent la méthodologie {id} : une page part de 100 points et en perd pour chaque constat, dans la limite d’un plafond par critère.',
  criterion: 'Critère',
  cap: 'Au plus',
  bands: 'Notes selon le score',
  methodologyLink: 'Lire la méthodologie complète',
  datasetTitle: 'Données ouvertes',
  datasetText: 'Tout ce qui est affiché ici peut être téléchargé, sous Licence Ouverte 2.0 (Etalab).',
  datapackage: 'Description du jeu de données (datapackage.json)',
  api: 'Description de l’API (OpenAPI)',
  criteria: { C1: 'Juridiction des tiers', C2: 'Pistage avant consentement', C3: 'Hébergement', C4: 'Sécurité du transport' },
};

const MESSAGES: Record<Lang, Messages> = { en, fr };
const STORAGE_KEY = 'vigie.dashboard.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    // Storage may be off: the browser's language still applies.
  }
  const first = (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase();
  return first.startsWith('fr') ? 'fr' : 'en';
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.set(next);
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not kept: the choice still holds for this page.
  }
}

export type MessageKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];

/**
 * A message with {placeholders} filled; numbers are formatted for the language. "one|many" messages pick their
 * form by {n}: singular for 1 in English, for 0 and 1 in French.
 */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const current = lang.get();
  let text = MESSAGES[current][key] as string;
  if (text.includes('|') && typeof values.n === 'number') {
    const [one, many] = text.split('|') as [string, string];
    text = values.n === 1 || (current === 'fr' && values.n === 0) ? one : many;
  }
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    return typeof value === 'number' ? formatNumber(value) : (value ?? '');
  });
}

export function criterionName(id: string): string {
  return MESSAGES[lang.get()].criteria[id] ?? id;
}

export function formatNumber(value: number, digits = 0): string {
  return new Intl.NumberFormat(lang.get(), { maximumFractionDigits: digits }).format(value);
}

export function formatShare(value: number): string {
  return new Intl.NumberFormat(lang.get(), { style: 'percent', maximumFractionDigits: 0 }).format(value);
}
