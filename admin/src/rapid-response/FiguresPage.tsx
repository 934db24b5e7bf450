/**
 * The desk's figures (route `rapid-response/figures`): median and 90th-percentile time from
 * the first report to the rating and to the published rebuttal — overall, per organisation and
 * per month — as bar charts, each followed by a table with the same numbers.
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../api/client.ts';
import { Page } from '../ui/Page.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { DeskGate } from './DeskGate.tsx';
import { BarChart, type BarGroup } from './BarChart.tsx';
import { formatFigure } from './duration.ts';
import type { Figures, FiguresAnswer } from './types.ts';

const MONTH_CHOICES = [3, 6, 12];

function monthLabel(t: TFunction, month: string): string {
  const [y, m] = month.split('-');
  return t('rapidResponse.figures.month', { month: Number(m), year: y });
}

interface Row {
  label: string;
  figures: Figures;
}

function FiguresTable({ caption, rows, firstHeader }: { caption: string; rows: Row[]; firstHeader: string }) {
  const { t } = useTranslation();
  const f = (v: number | null) => formatFigure(t, v);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="rr-figures-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {firstHeader}
            </th>
            <th scope="col" rowSpan={2} className="num">
              {t('rapidResponse.figures.cases')}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t('rapidResponse.figures.toRating')}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t('rapidResponse.figures.toAnswer')}
            </th>
          </tr>
          <tr>
            <th scope="col" className="num">{t('rapidResponse.figures.countRated')}</th>
            <th scope="col" className="num">{t('rapidResponse.figures.median')}</th>
            <th scope="col" className="num">{t('rapidResponse.figures.p90')}</th>
            <th scope="col" className="num">{t('rapidResponse.figures.countAnswered')}</th>
            <th scope="col" className="num">{t('rapidResponse.figures.median')}</th>
            <th scope="col" className="num">{t('rapidResponse.figures.p90')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.figures.cases}</td>
              <td className="num">{r.figures.rated}</td>
              <td className="num">{f(r.figures.toRatingMedianMinutes)}</td>
              <td className="num">{f(r.figures.toRatingP90Minutes)}</td>
              <td className="num">{r.figures.answered}</td>
              <td className="num">{f(r.figures.toAnswerMedianMinutes)}</td>
              <td className="num">{f(r.figures.toAnswerP90Minutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GroupSection({ id, heading, rows, firstHeader }: { id: string; heading: string; rows: Row[]; firstHeader: string }) {
  const { t } = useTranslation();
  const series = [t('rapidResponse.figures.median'), t('rapidResponse.figures.p90')];
  const format = (v: number | null) => formatFigure(t, v);
  const rating: BarGroup[] = rows.map((r) => ({ label: r.label, values: [r.figures.toRatingMedianMinutes, r.figures.toRatingP90Minutes] }));
  const answer: BarGroup[] = rows.map((r) => ({ label: r.label, values: [r.figures.toAnswerMedianMinutes, r.figures.toAnswerP90Minutes] }));
  return (
    <section aria-labelledby={id} className="rr-figures-section">
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('rapidResponse.figures.empty')}</p>
      ) : (
        <>
          <div className="rr-charts">
            <div>
              <h3>{t('rapidResponse.figures.toRatingChart')}</h3>
              <BarChart title={`${heading}: ${t('rapidResponse.figures.toRatingChart')}`} series={series} groups={rating} format={format} emptyText={t('rapidResponse.figures.noChart')} />
            </div>
            <div>
              <h3>{t('rapidResponse.figures.toAnswerChart')}</h3>
              <BarChart title={`${heading}: ${t('rapidResponse.figures.toAnswerChart')}`} series={series} groups={answer} format={format} emptyText={t('rapidResponse.figures.noChart')} />
            </div>
          </div>
          <FiguresTable caption={t('rapidResponse.figures.tableCaption', { heading })} rows={rows} firstHeader={firstHeader} />
        </>
      )}
    </section>
  );
}

function FiguresScreen() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const months = MONTH_CHOICES.includes(Number(search.get('months'))) ? Number(search.get('months')) : 6;
  const [answer, setAnswer] = useState<FiguresAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api
      .get<FiguresAnswer>('/rapid-response/figures', { months }, { signal: controller.signal })
      .then(setAnswer)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [months]);

  const overall: Row[] = answer ? [{ label: t('rapidResponse.figures.allCases'), figures: answer.overall }] : [];
  const byOrganisation: Row[] = answer ? answer.byOrganisation.map((o) => ({ label: o.organisation?.name ?? t('rapidResponse.figures.noOrganisation'), figures: o.figures })) : [];
  const byMonth: Row[] = answer ? answer.byMonth.map((m) => ({ label: monthLabel(t, m.month), figures: m.figures })) : [];

  return (
    <Page
      title={t('rapidResponse.figures.title')}
      actions={
        <Link className="button" to="/rapid-response">
          {t('rapidResponse.case.back')}
        </Link>
      }
    >
      <p>{t('rapidResponse.figures.intro')}</p>
      <div className="field rr-months">
        <label htmlFor="rr-months">{t('rapidResponse.figures.months')}</label>
        <select id="rr-months" value={months} onChange={(e) => setSearch({ months: e.target.value }, { replace: true })}>
          {MONTH_CHOICES.map((m) => (
            <option key={m} value={m}>
              {t('rapidResponse.figures.monthsOption', { count: m })}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={error} />
      {!answer && !error ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {answer ? (
        <>
          <dl className="totals">
            <div>
              <dt>{t('rapidResponse.figures.cases')}</dt>
              <dd>{answer.overall.cases}</dd>
            </div>
            <div>
              <dt>{t('rapidResponse.figures.medianToRating')}</dt>
              <dd>{formatFigure(t, answer.overall.toRatingMedianMinutes)}</dd>
            </div>
            <div>
              <dt>{t('rapidResponse.figures.medianToAnswer')}</dt>
              <dd>{formatFigure(t, answer.overall.toAnswerMedianMinutes)}</dd>
            </div>
            <div>
              <dt>{t('rapidResponse.figures.p90ToAnswer')}</dt>
              <dd>{formatFigure(t, answer.overall.toAnswerP90Minutes)}</dd>
            </div>
          </dl>
          <GroupSection id="rr-fig-overall" heading={t('rapidResponse.figures.overall')} rows={overall} firstHeader={t('rapidResponse.figures.scope')} />
          <GroupSection id="rr-fig-org" heading={t('rapidResponse.figures.byOrganisation')} rows={byOrganisation} firstHeader={t('rapidResponse.figures.organisation')} />
          <GroupSection id="rr-fig-month" heading={t('rapidResponse.figures.byMonth')} rows={byMonth} firstHeader={t('rapidResponse.figures.monthHeader')} />
        </>
      ) : null}
    </Page>
  );
}

/** The figures screen. */
export function RapidResponseFiguresPage() {
  return <DeskGate>{() => <FiguresScreen />}</DeskGate>;
}
