// An anonymised report in words, field by field, so the person reads exactly what would leave the browser
// before agreeing (the JSON is shown beside it).
import type { Report } from '../utils/anonymise';
import type { Translate } from './i18n';

export function reportLines(report: Report, t: Translate): string[] {
  const yes = t('yes');
  const no = t('no');
  const hosting = report.hosting
    ? t('reportHosting', report.hosting.provider ?? '?', report.hosting.asn ?? '?', report.hosting.country ?? '?')
    : t('reportHostingUnknown');
  const lines = [
    t('reportSite', report.site),
    t('reportWeek', report.week),
    t('reportPublicBody', report.public_body.source, report.public_body.id ?? '—'),
    t('reportHttps', report.https ? yes : no),
    hosting,
    t('reportScore', report.score, report.grade, report.methodology),
    t('reportDeductions', report.deductions.map((d) => `${d.code} −${d.points}`).join(', ') || '—'),
    t('reportThirdParties', report.third_parties.length),
    ...report.third_parties.map((p) =>
      t(
        'reportThirdParty',
        p.domain,
        [p.organisation, p.parent, p.country].filter(Boolean).join(' / ') || '?',
        [p.category ?? '', p.gafam ? 'GAFAM' : '', p.tracker ? t('trackerMarker') : '', p.before_interaction ? t('earlyMarker') : '']
          .filter(Boolean)
          .join(', '),
        p.requests,
        p.cookies,
      ),
    ),
    t('reportCookies', report.cookies.third_party, report.cookies.tracking_first_party, report.cookies.long_lived, report.cookies.tracking_names.join(', ') || '—'),
    t('reportClient', report.client.extension, report.client.engine, report.client.major, report.lists),
  ];
  return lines;
}
