// The full report of one audit: grade, every deduction with its evidence, reason, legal context and remedy, the
// flow diagram and the same flows as tables, cookies, hosting and transport, the visit's timeline, exports, the
// site's trend, and the methodology and lists it was made with.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DataTable } from '../../components/DataTable';
import { FlowDiagram, FlowLegend } from '../../components/FlowDiagram';
import { Grade } from '../../components/Grade';
import { Hosting } from '../../components/Hosting';
import type { Translate } from '../../components/i18n';
import { trend, type HistoryEntry } from '../../components/history';
import {
  cookiesTable,
  countriesTable,
  formatDate,
  GAFAM_NAMES,
  networksTable,
  organisationsTable,
  publicBodyName,
  servicesTable,
} from '../../components/report-tables';
import { ScoreBreakdown } from '../../components/ScoreBreakdown';
import { Timeline } from '../../components/Timeline';
import { TrendChart } from '../../components/TrendChart';
import type { Audit } from '../../utils/audit';
import { METHODOLOGY } from '../../utils/methodology';
import type { Lang } from '../../utils/texts';
import type { VisitInfo } from '../background/messages';
import { Exports } from './Exports';
import { siteVisits } from './history-store';
import { PageFrame } from './PageFrame';

interface Props {
  audit: Audit;
  lang: Lang;
  t: Translate;
  /** A live tab's recording details. */
  visit?: VisitInfo;
  /** A visit read from the history. */
  stored?: HistoryEntry;
}

const SECTIONS = ['summary', 'breakdown', 'flows', 'cookies', 'hosting', 'timeline', 'exports', 'trend', 'methodology'] as const;
const SECTION_KEYS: Record<(typeof SECTIONS)[number], string> = {
  summary: 'summaryHeading',
  breakdown: 'breakdownHeading',
  flows: 'flowsHeading',
  cookies: 'cookiesHeading',
  hosting: 'hostingTransportHeading',
  timeline: 'timelineHeading',
  exports: 'exportsHeading',
  trend: 'trendHeading',
  methodology: 'methodologyHeading',
};

function Section({ id, t, children }: { id: (typeof SECTIONS)[number]; t: Translate; children: ComponentChildren }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t(SECTION_KEYS[id])}</h2>
      {children}
    </section>
  );
}

function SiteTrend({ site, lang, t }: { site: string; lang: Lang; t: Translate }) {
  const [visits, setVisits] = useState<HistoryEntry[] | null>(null);
  useEffect(() => {
    siteVisits(site)
      .then(setVisits)
      .catch(() => setVisits([]));
  }, [site]);
  if (!visits) return null;
  if (visits.length < 2) return <p>{t('trendTooFew', visits.length)}</p>;
  return <TrendChart site={site} points={trend(visits)} lang={lang} t={t} />;
}

export function ReportView({ audit, lang, t, visit, stored }: Props) {
  const body = publicBodyName(audit, t);
  const visited = audit.page.visitedAt ? formatDate(audit.page.visitedAt, lang) : t('unknownValue');
  const r = audit.requests;
  return (
    <PageFrame t={t}>
      <h1>{t('reportTitle', audit.page.host)}</h1>
      <p class="lede">{stored ? t('reportStored', visited) : t('reportLive', visited)}</p>
      <nav class="toc" aria-label={t('contentsLabel')}>
        <ol>
          {SECTIONS.map((id) => (
            <li key={id}>
              <a href={`#${id}`}>{t(SECTION_KEYS[id])}</a>
            </li>
          ))}
        </ol>
      </nav>

      <Section id="summary" t={t}>
        <Grade grade={audit.score.grade} score={audit.score.score} t={t} />
        <dl class="facts">
          <dt>{t('factPage')}</dt>
          <dd class="url">{audit.page.url}</dd>
          <dt>{t('factPublicBody')}</dt>
          <dd>{body ?? t('notPublicSector')}</dd>
          <dt>{t('factVisited')}</dt>
          <dd>{visited}</dd>
          <dt>{t('factRequests')}</dt>
          <dd>{t('requestsSummary', r.total, r.thirdParty, r.beforeInteraction)}</dd>
          <dt>{t('thirdPartiesHeading')}</dt>
          <dd>{t('thirdPartiesSummary', audit.thirdParties.length, audit.organisations.length, r.thirdParty)}</dd>
        </dl>
        {visit && visit.spaNavigations > 0 && <p class="note">{t('spaNote', visit.spaNavigations)}</p>}
        {visit && visit.merged > 0 && <p class="note">{t('truncatedNote', visit.detailBound, visit.merged)}</p>}
        {r.detailsMerged > 0 && !visit && <p class="note">{t('mergedNote', r.detailsMerged)}</p>}
        {r.invalid > 0 && <p class="note">{t('invalidNote', r.invalid)}</p>}
      </Section>

      <Section id="breakdown" t={t}>
        <ScoreBreakdown audit={audit} lang={lang} t={t} />
      </Section>

      <Section id="flows" t={t}>
        <div class="diagram-scroll" role="region" aria-label={t('flowRegionLabel')} tabIndex={0}>
          <FlowDiagram audit={audit} lang={lang} t={t} />
        </div>
        <FlowLegend t={t} />
        {audit.thirdParties.length > 0 && (
          <>
            <DataTable table={servicesTable(audit, lang, t)} />
            <DataTable table={organisationsTable(audit, lang, t)} />
            <DataTable table={countriesTable(audit, lang, t)} />
          </>
        )}
      </Section>

      <Section id="cookies" t={t}>
        <p>{t('cookiesIntro')}</p>
        <DataTable table={cookiesTable(audit, lang, t)} empty={t('noCookies')} />
      </Section>

      <Section id="hosting" t={t}>
        <Hosting audit={audit} lang={lang} t={t} />
        <DataTable table={networksTable(audit, lang, t)} />
        <p>
          {audit.transport.mixedContent.length
            ? t('mixedContentHosts', audit.transport.mixedContent.join(', '))
            : t('mixedContentNone')}
        </p>
      </Section>

      <Section id="timeline" t={t}>
        <Timeline audit={audit} lang={lang} t={t} />
      </Section>

      <Section id="exports" t={t}>
        <Exports audit={audit} lang={lang} t={t} />
      </Section>

      <Section id="trend" t={t}>
        <SiteTrend site={audit.page.host} lang={lang} t={t} />
      </Section>

      <Section id="methodology" t={t}>
        <p>{t('methodologyText', audit.methodology)}</p>
        <ul>
          {METHODOLOGY.criteria.map((c) => (
            <li key={c.id}>{t('methodologyCriterion', c.id, t(`criterion${c.id}`), c.cap)}</li>
          ))}
          <li>{t('methodologyBands')}</li>
          <li>{t('methodologyGates')}</li>
        </ul>
        <dl class="facts">
          <dt>{t('factMethodology')}</dt>
          <dd>{audit.methodology}</dd>
          <dt>{t('factLists')}</dt>
          <dd>{audit.lists}</dd>
        </dl>
        <p>{t('limitsText')}</p>
      </Section>
    </PageFrame>
  );
}

/** A visit whose full audit is no longer kept (only the newest ones are): its summary still says a lot. */
export function StoredSummary({ entry, lang, t }: { entry: HistoryEntry; lang: Lang; t: Translate }) {
  const s = entry.summary;
  return (
    <PageFrame t={t}>
      <h1>{t('reportTitle', entry.site)}</h1>
      <p class="lede">{t('reportStored', formatDate(entry.date, lang))}</p>
      <p role="status">{t('historySummaryOnly')}</p>
      <Grade grade={entry.grade} score={entry.score} t={t} />
      <dl class="facts">
        <dt>{t('factPage')}</dt>
        <dd class="url">{entry.page}</dd>
        <dt>{t('thirdPartiesHeading')}</dt>
        <dd>{t('thirdPartiesSummary', s.services, s.organisations, s.thirdPartyRequests)}</dd>
        <dt>{t('colGafam')}</dt>
        <dd>{s.gafam.length ? s.gafam.map((g) => GAFAM_NAMES[g]).join(', ') : t('no')}</dd>
        <dt>{t('historyTrackersEarly')}</dt>
        <dd>{s.trackersBeforeInteraction}</dd>
        <dt>{t('factMethodology')}</dt>
        <dd>{entry.methodology}</dd>
        <dt>{t('factLists')}</dt>
        <dd>{entry.lists}</dd>
      </dl>
    </PageFrame>
  );
}
