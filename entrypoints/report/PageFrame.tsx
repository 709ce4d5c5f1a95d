// The frame of the report and history pages: a skip link, the banner with the navigation, the main landmark.
import type { ComponentChildren } from 'preact';
import { browser } from 'wxt/browser';
import type { Translate } from '../../components/i18n';

export function PageFrame({ t, children }: { t: Translate; children: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header class="page-header">
        <p class="brand">{t('brandName')}</p>
        <nav aria-label={t('siteNavLabel')}>
          <ul>
            <li>
              <a href={browser.runtime.getURL('/report.html' as never)}>{t('historyLink')}</a>
            </li>
            <li>
              <a href={browser.runtime.getURL('/options.html' as never)}>{t('optionsLink')}</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
