// Where the site itself is served from, and whether over HTTPS.
import type { Audit } from '../utils/audit';
import type { Translate } from './i18n';
import { countryName } from './country';

export function Hosting({ audit, lang, t }: { audit: Audit; lang: string; t: Translate }) {
  const h = audit.hosting;
  return (
    <ul class="hosting">
      <li>
        {!h
          ? t('hostingNoIp')
          : h.provider
            ? t('hostingProvider', h.provider, h.asn ?? '?', countryName(h.country, lang, t))
            : t('hostingUnknown', h.ip)}
      </li>
      <li>{audit.transport.https ? t('httpsYes') : t('httpsNo')}</li>
    </ul>
  );
}
