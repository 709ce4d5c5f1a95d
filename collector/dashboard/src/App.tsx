// The dashboard's frame: skip link, header with navigation and language switch, the page, links to the data.
import { useEffect, useRef } from 'preact/hooks';
import { lang, setLang, t } from './i18n';
import { location, parseRoute } from './router';
import { useSignal } from './signal';
import { Link } from './components/Link';
import { Overview } from './pages/Overview';
import { Sites } from './pages/Sites';
import { Site } from './pages/Site';
import { About } from './pages/About';

export function App() {
  const current = useSignal(lang);
  const url = useSignal(location);
  const route = parseRoute(url);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.documentElement.lang = current;
  }, [current]);

  // After a navigation inside the page, move focus to the new page's heading, as a page load would.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus();
  }, [url.pathname]);

  useEffect(() => {
    const page = route.page === 'site' ? route.host : route.page === 'sites' ? t('sitesTitle') : route.page === 'about' ? t('aboutTitle') : t('overviewTitle');
    document.title = `${page} — Vigie`;
  });

  const other = current === 'fr' ? 'en' : 'fr';
  return (
    <>
      <a class="skip" href="#content">
        {t('skip')}
      </a>
      <header class="top">
        <div class="brand">
          <Link href="/" class="brand-name">
            {t('title')}
          </Link>
          <span class="tagline">{t('tagline')}</span>
        </div>
        <nav aria-label="Vigie">
          <ul>
            <li>
              <Link href="/" current={route.page === 'overview'}>
                {t('navOverview')}
              </Link>
            </li>
            <li>
              <Link href="/sites" current={route.page === 'sites'}>
                {t('navSites')}
              </Link>
            </li>
            <li>
              <Link href="/about" current={route.page === 'about'}>
                {t('navAbout')}
              </Link>
            </li>
          </ul>
        </nav>
        <button type="button" class="lang" onClick={() => setLang(other)} aria-label={t('switchLabel')} lang={other}>
          {t('switchTo')}
        </button>
      </header>
      <main id="content" ref={main} tabIndex={-1}>
        {route.page === 'overview' && <Overview />}
        {route.page === 'sites' && <Sites query={route.query} />}
        {route.page === 'site' && <Site host={route.host} />}
        {route.page === 'about' && <About />}
        {route.page === 'missing' && <h1 tabIndex={-1}>404</h1>}
      </main>
      <footer>
        <a href="/api/v1/dataset/datapackage.json">{t('datasetTitle')}</a>
        <a href="/methodology.md">{t('methodologyLink')}</a>
        <a href="/api/v1/openapi.json">API</a>
      </footer>
    </>
  );
}
