/**
 * The reporter's tracking page ("Theo dõi phản ánh"): a GET form with the tracking code and,
 * for a known code, when the report was received (Vietnam time), the state of its case and,
 * once answered, the rebuttal's title and link. Never any contact detail: the view has none.
 */
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { SiteLayout } from '../components/site-layout.tsx';
import type { PageMeta } from '../view-models/page-meta.ts';
import { MAX_TRACKING_CODE_LENGTH, TRACKING_PARAM, type TrackingView } from '../view-models/report-form.ts';
import type { SiteChromeView } from '../view-models/site-chrome.ts';
import { REPORT_FORM_TITLE } from './report-form-page.tsx';

/** The page's title (h1). */
export const TRACKING_TITLE = 'Theo dõi phản ánh';

/** Props of {@link ReportTrackingPage}. */
export interface ReportTrackingPageProps {
  meta: PageMeta;
  chrome: SiteChromeView;
  view: TrackingView;
}

function Outcome({ view }: { view: TrackingView }) {
  if (view.outcome === 'found' && view.report) {
    const r = view.report;
    return (
      <section class="tracking-result" aria-labelledby="ket-qua-theo-doi">
        <h2 id="ket-qua-theo-doi">Phản ánh {r.code}</h2>
        <dl class="tracking-result__facts">
          <div>
            <dt>Tiếp nhận lúc</dt>
            <dd>
              <time datetime={r.received.datetime}>{r.received.text}</time> (giờ Việt Nam)
            </dd>
          </div>
          <div>
            <dt>Tình trạng</dt>
            <dd>
              <strong class={`tracking-state tracking-state--${r.state}`}>{r.stateLabel}</strong>
            </dd>
          </div>
          {r.answered ? (
            <div>
              <dt>Thông tin phản bác</dt>
              <dd>
                <a href={r.answered.url}>{r.answered.title}</a>
              </dd>
            </div>
          ) : null}
        </dl>
        {r.answered ? null : <p class="tracking-result__note">Khi thông tin phản bác chính thức được đăng, đường dẫn đến bài sẽ hiện ở đây.</p>}
      </section>
    );
  }
  if (view.outcome === 'unknown' || view.outcome === 'invalid') {
    return (
      <section class="tracking-result tracking-result--missing" aria-labelledby="ket-qua-theo-doi">
        <h2 id="ket-qua-theo-doi">Không tìm thấy phản ánh</h2>
        <p>
          {view.outcome === 'invalid'
            ? `Mã “${view.code.slice(0, MAX_TRACKING_CODE_LENGTH)}” không đúng dạng mã theo dõi (chỉ gồm chữ cái không dấu, chữ số và dấu gạch ngang).`
            : `Không có phản ánh nào có mã “${view.code}”.`}{' '}
          Hãy kiểm tra lại mã trong trang xác nhận bạn nhận được khi gửi phản ánh.
        </p>
      </section>
    );
  }
  return null;
}

/** Renders the tracking page of a site. */
export function ReportTrackingPage({ meta, chrome, view }: ReportTrackingPageProps) {
  const problem = view.outcome === 'unknown' || view.outcome === 'invalid';
  return (
    <SiteLayout chrome={chrome} meta={meta}>
      <Breadcrumbs items={[{ name: 'Trang chủ', url: chrome.homeUrl }, { name: REPORT_FORM_TITLE, url: view.formUrl }, { name: TRACKING_TITLE }]} />
      <div class="report-page">
        <header class="page-header">
          <h1 class="page-header__title">{TRACKING_TITLE}</h1>
        </header>
        <form class="tracking-form" action={view.action} method="get">
          <label class="report-field__label" for="pa-ma">
            Mã theo dõi
          </label>
          <p class="report-field__hint" id="pa-ma-goi-y">
            Mã bạn nhận được sau khi gửi phản ánh, ví dụ 7K3M9QXR2A.
          </p>
          <div class="tracking-form__row">
            <input
              class="report-field__input"
              id="pa-ma"
              name={TRACKING_PARAM}
              type="text"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxLength={MAX_TRACKING_CODE_LENGTH}
              value={view.code}
              aria-describedby={problem ? 'pa-ma-goi-y ket-qua-theo-doi' : 'pa-ma-goi-y'}
              aria-invalid={problem ? 'true' : undefined}
            />
            <button class="report-form__button" type="submit">
              Xem tình trạng
            </button>
          </div>
        </form>
        <Outcome view={view} />
        <p class="tracking-page__more">
          <a href={view.formUrl}>Gửi phản ánh thông tin sai sự thật</a>
        </p>
      </div>
    </SiteLayout>
  );
}
