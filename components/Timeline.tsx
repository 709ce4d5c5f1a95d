// The visit over time: each third-party domain at the moment it first loaded, and the visitor's first
// interaction between them, so what ran before any consent stands out (in words, and by a bar's length).
import type { Audit } from '../utils/audit';
import type { Translate } from './i18n';
import { seconds, timelineRows } from './report-tables';

export function Timeline({ audit, lang, t }: { audit: Audit; lang: string; t: Translate }) {
  const rows = timelineRows(audit);
  const interaction = audit.firstInteraction;
  const early = rows.filter((r) => r.beforeInteraction);
  const end = Math.max(1, interaction ?? 0, ...rows.map((r) => r.time));
  const bar = (time: number) => (
    <span class="bar" aria-hidden="true">
      <span style={{ width: `${Math.max(1, (time / end) * 100)}%` }} />
    </span>
  );
  if (!rows.length) return <p>{t('noThirdParties')}</p>;
  const interactionAt = interaction === null ? -1 : rows.findIndex((r) => r.time >= interaction);
  const interactionRow = interaction !== null && (
    <tr class="interaction" key="interaction">
      <td class="num">
        {bar(interaction)}
        {seconds(interaction, lang, t)}
      </td>
      <th scope="row" colSpan={3}>
        {t('firstInteractionRow')}
      </th>
    </tr>
  );
  return (
    <>
      <p>
        {interaction === null ? t('timelineNoInteraction') : t('timelineInteraction', seconds(interaction, lang, t))}{' '}
        {t('timelineEarly', early.length, early.filter((r) => r.tracker).length)}
      </p>
      <div class="table-scroll" role="region" aria-labelledby="caption-timeline" tabIndex={0}>
        <table class="data timeline">
          <caption id="caption-timeline">{t('tableTimeline')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colTime')}</th>
              <th scope="col">{t('colDomain')}</th>
              <th scope="col">{t('colService')}</th>
              <th scope="col">{t('colBeforeInteraction')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => [
              i === interactionAt ? interactionRow : null,
              <tr key={r.domain} class={r.beforeInteraction ? 'early' : undefined}>
                <td class="num">
                  {bar(r.time)}
                  {seconds(r.time, lang, t)}
                </td>
                <td>{r.domain}</td>
                <td>
                  {r.service}
                  {r.tracker && <span class="marker marker-tracker">{t('trackerMarker')}</span>}
                </td>
                <td>{r.beforeInteraction ? t('yes') : t('no')}</td>
              </tr>,
            ])}
            {interactionAt < 0 && interactionRow}
          </tbody>
        </table>
      </div>
    </>
  );
}
