// Third parties grouped by organisation (ultimate parent): country, GAFAM and tracker markers, one row per
// registrable domain with its service and request count.
import type { Audit } from '../utils/audit';
import type { Translate } from './i18n';
import { CLASS_KEYS, countryName } from './country';
import { Marker } from './Marker';

export function ThirdParties({ audit, lang, t }: { audit: Audit; lang: string; t: Translate }) {
  if (!audit.thirdParties.length) return <p>{t('noThirdParties')}</p>;
  const services = new Map(audit.thirdParties.map((s) => [s.key, s]));
  return (
    <ul class="organisations">
      {audit.organisations.map((o) => {
        const domains = audit.thirdPartyDomains.filter((d) => o.services.includes(d.service));
        return (
          <li key={o.key} class="organisation">
            <h3>
              <span class="org-name">{o.parent ?? t('unknownOwner')}</span>{' '}
              <span class="org-country">
                {countryName(o.country, lang, t)} · {t(CLASS_KEYS[o.countryClass])}
              </span>{' '}
              {o.gafam && <Marker kind="gafam" short={t('gafamMarker')} long={t('gafamMarkerLong')} />}{' '}
              {o.tracker && <Marker kind="tracker" short={t('trackerMarker')} long={t('trackerMarkerLong')} />}
            </h3>
            <ul class="domains">
              {domains.map((d) => {
                const s = services.get(d.service);
                return (
                  <li key={d.domain} data-testid="third-party" data-domain={d.domain} class="third-party">
                    <span class="service">{s?.service ?? d.domain}</span> <span class="domain">{d.domain}</span>{' '}
                    <span class="count" title={t('requestCountLong', d.requests)}>
                      {t('requestCount', d.requests)}
                    </span>{' '}
                    {d.tracker && <Marker kind="tracker" short={t('trackerMarker')} long={t('trackerMarkerLong')} />}{' '}
                    {d.tracker && d.beforeInteraction && <Marker kind="early" short={t('earlyMarker')} long={t('earlyMarkerLong')} />}
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
