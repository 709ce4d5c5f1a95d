// What to show while data loads or when it cannot: announced to screen readers as it changes.
import { t } from '../i18n';

export function Loading() {
  return (
    <p class="status" role="status">
      {t('loading')}
    </p>
  );
}

export function Failed() {
  return (
    <p class="status error" role="alert">
      {t('failed')}
    </p>
  );
}
