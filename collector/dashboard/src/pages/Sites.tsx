// Every published site, searchable and filterable; the filters live in the URL, so a view can be shared.
import { useEffect, useState } from 'preact/hooks';
import { GRADES, useApi, type SitePage } from '../api';
import { formatNumber, t } from '../i18n';
import { navigate } from '../router';
import { GradeBadge } from '../components/Grade';
import { Link } from '../components/Link';
import { Failed, Loading } from '../components/Status';

const PER_PAGE = 50;
const FIELDS = ['q', 'grade', 'suffix', 'source', 'sort'] as const;
type Filters = Record<(typeof FIELDS)[number], string>;

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(FIELDS.map((f) => [f, query.get(f) ?? ''])) as Filters;
}

function queryOf(filters: Filters, page = 1): URLSearchParams {
  const query = new URLSearchParams();
  for (const f of FIELDS) if (filters[f].trim()) query.set(f, filters[f].trim());
  if (page > 1) query.set('page', String(page));
  return query;
}

export function Sites(props: { query: URLSearchParams }) {
  const applied = filtersOf(props.query);
  const page = Math.max(1, Number(props.query.get('page')) || 1);
  const [draft, setDraft] = useState<Filters>(applied);
  const key = props.query.toString();
  // Back and forward change the URL: the form follows it.
  useEffect(() => setDraft(filtersOf(props.query)), [key]);

  const api = queryOf(applied, page);
  api.set('per_page', String(PER_PAGE));
  const result = useApi<SitePage>(`/api/v1/sites?${api}`);

  const update = (field: keyof Filters) => (event: Event) => setDraft({ ...draft, [field]: (event.currentTarget as HTMLInputElement).value });
  const submit = (event: Event) => {
    event.preventDefault();
    navigate(`/sites?${queryOf(draft)}`);
  };
  const pages = result.state === 'ok' ? Math.max(1, Math.ceil(result.data.total / PER_PAGE)) : 1;
  const pageHref = (n: number) => `/sites?${queryOf(applied, n)}`;

  return (
    <>
      <h1 tabIndex={-1}>{t('sitesTitle')}</h1>
      <form class="filters" role="search" onSubmit={submit}>
        <div class="field">
          <label for="f-q">{t('search')}</label>
          <input id="f-q" type="search" value={draft.q} onInput={update('q')} autoComplete="off" spellcheck={false} />
        </div>
        <div class="field">
          <label for="f-grade">{t('grade')}</label>
          <select id="f-grade" value={draft.grade} onChange={update('grade')}>
            <option value="">{t('anyGrade')}</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-suffix">{t('suffix')}</label>
          <input id="f-suffix" value={draft.suffix} onInput={update('suffix')} placeholder={t('suffixHint')} aria-describedby="f-suffix-hint" />
          <span id="f-suffix-hint" class="hint">
            {t('suffixHint')}
          </span>
        </div>
        <div class="field">
          <label for="f-source">{t('source')}</label>
          <input id="f-source" value={draft.source} onInput={update('source')} placeholder={t('sourceHint')} aria-describedby="f-source-hint" />
          <span id="f-source-hint" class="hint">
            {t('sourceHint')}
          </span>
        </div>
        <div class="field">
          <label for="f-sort">{t('sort')}</label>
          <select id="f-sort" value={draft.sort} onChange={update('sort')}>
            <option value="">{t('sortHost')}</option>
            <option value="score">{t('sortScoreAsc')}</option>
            <option value="-score">{t('sortScoreDesc')}</option>
            <option value="-reports">{t('sortReports')}</option>
            <option value="-last_week">{t('sortRecent')}</option>
          </select>
        </div>
        <button type="submit">{t('apply')}</button>
      </form>

      <div aria-live="polite">
        {result.state === 'loading' && <Loading />}
        {(result.state === 'failed' || result.state === 'missing') && <Failed />}
        {result.state === 'ok' && <p class="status">{t('results', { n: result.data.total })}</p>}
      </div>

      {result.state === 'ok' && result.data.sites.length > 0 && (
        <>
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">{t('sitesTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('site')}</th>
                  <th scope="col">{t('grade')}</th>
                  <th scope="col" class="number">{t('medianScore')}</th>
                  <th scope="col" class="number">{t('reports')}</th>
                  <th scope="col">{t('lastWeek')}</th>
                  <th scope="col">{t('source')}</th>
                </tr>
              </thead>
              <tbody>
                {result.data.sites.map((s) => (
                  <tr key={s.host}>
                    <th scope="row">
                      <Link href={`/sites/${encodeURIComponent(s.host)}`}>{s.host}</Link>
                    </th>
                    <td>
                      <GradeBadge grade={s.grade} />
                    </td>
                    <td class="number">{formatNumber(s.median_score, 1)}</td>
                    <td class="number">{formatNumber(s.reports)}</td>
                    <td>{s.last_week}</td>
                    <td>{s.public_body?.source ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <nav class="pager" aria-label={t('pageOf', { page, pages })}>
              {page > 1 && <Link href={pageHref(page - 1)}>{t('previous')}</Link>}
              <span>{t('pageOf', { page, pages })}</span>
              {page < pages && <Link href={pageHref(page + 1)}>{t('next')}</Link>}
            </nav>
          )}
        </>
      )}
    </>
  );
}
