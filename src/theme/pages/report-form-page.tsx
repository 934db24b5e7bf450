/**
 * The public report form ("Phản ánh thông tin sai sự thật") and the page after sending it.
 * Works without JavaScript: a plain POST form (multipart for screenshots). When it comes back
 * with errors, an error summary at the top (focused on load) links to each field, and each
 * field carries its message (`aria-describedby`, `aria-invalid`), with the values kept. The
 * honeypot field is off-screen, hidden from assistive technology and out of the tab order.
 */
import type { ComponentChildren } from 'preact';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { SiteLayout } from '../components/site-layout.tsx';
import type { PageMeta } from '../view-models/page-meta.ts';
import {
  REPORT_FIELD_IDS,
  REPORT_FIELD_LABELS,
  REPORT_FIELDS,
  REPORT_LIMITS,
  WHERE_SEEN_OPTIONS,
  type ReportFieldKey,
  type ReportFormView,
  type ReportSentView,
} from '../view-models/report-form.ts';
import type { SiteChromeView } from '../view-models/site-chrome.ts';

/** Props of {@link ReportFormPage}. */
export interface ReportFormPageProps {
  meta: PageMeta;
  chrome: SiteChromeView;
  view: ReportFormView;
}

/** The page's title (h1). */
export const REPORT_FORM_TITLE = 'Phản ánh thông tin sai sự thật';

function describedBy(...ids: (string | null | false)[]): string | undefined {
  const list = ids.filter((id): id is string => !!id);
  return list.length ? list.join(' ') : undefined;
}

/** A field's error message, announced with it (`aria-describedby`). */
function FieldError({ field, view }: { field: ReportFieldKey; view: ReportFormView }) {
  const message = view.errors[field];
  if (!message) return null;
  return (
    <p class="report-field__error" id={`${REPORT_FIELD_IDS[field]}-loi`}>
      <span class="visually-hidden">Lỗi: </span>
      {message}
    </p>
  );
}

/** Label, hint, error and control of one field. */
function Field({ field, view, hint, optional, children }: { field: ReportFieldKey; view: ReportFormView; hint?: ComponentChildren; optional?: boolean; children: ComponentChildren }) {
  return (
    <div class={`report-field${view.errors[field] ? ' report-field--error' : ''}`}>
      <label class="report-field__label" for={REPORT_FIELD_IDS[field]}>
        {REPORT_FIELD_LABELS[field]}
        {optional ? <span class="report-field__optional"> (không bắt buộc)</span> : <span class="report-field__required"> (bắt buộc)</span>}
      </label>
      {hint ? (
        <p class="report-field__hint" id={`${REPORT_FIELD_IDS[field]}-goi-y`}>
          {hint}
        </p>
      ) : null}
      <FieldError field={field} view={view} />
      {children}
    </div>
  );
}

/** The `aria-*` attributes of a control: its hint and error, and whether it is invalid. */
function controlAria(field: ReportFieldKey, view: ReportFormView, hasHint: boolean) {
  const error = !!view.errors[field];
  return {
    'aria-describedby': describedBy(hasHint && `${REPORT_FIELD_IDS[field]}-goi-y`, error && `${REPORT_FIELD_IDS[field]}-loi`),
    'aria-invalid': error ? ('true' as const) : undefined,
  };
}

function ErrorSummary({ view }: { view: ReportFormView }) {
  if (!view.summary.length) return null;
  return (
    // Focused on load (autofocus; no script needed) so keyboard and screen reader users start at
    // the list of what to fix (GOV.UK Design System, "Error summary").
    <div class="error-summary" role="group" aria-labelledby="tom-tat-loi">
      <h2 class="error-summary__title" id="tom-tat-loi" tabindex={-1} autofocus>
        Chưa gửi được: có {view.summary.length} chỗ cần sửa
      </h2>
      <ul class="error-summary__list">
        {view.summary.map((item) => (
          <li>
            <a href={item.href}>{item.text}</a>
          </li>
        ))}
      </ul>
      {view.filesDropped ? <p class="error-summary__note">Vì lý do an toàn, trình duyệt không giữ lại ảnh đã chọn: nếu muốn gửi kèm ảnh, hãy chọn lại.</p> : null}
    </div>
  );
}

function ReportForm({ view }: { view: ReportFormView }) {
  const v = view.values;
  const ids = REPORT_FIELD_IDS;
  return (
    <form class="report-form" action={view.action} method="post" enctype="multipart/form-data" novalidate>
      <fieldset class="report-form__group">
        <legend>Thông tin bạn phản ánh</legend>
        <Field field="url" view={view} hint="Sao chép địa chỉ của bài đăng, video hoặc trang web (bắt đầu bằng http:// hoặc https://).">
          <input
            class="report-field__input"
            id={ids.url}
            name={REPORT_FIELDS.url}
            type="url"
            inputMode="url"
            autocomplete="off"
            spellcheck={false}
            required
            maxLength={REPORT_LIMITS.urlLength}
            value={v.url}
            {...controlAria('url', view, true)}
          />
        </Field>
        <Field field="whereSeen" view={view} optional>
          <select class="report-field__input" id={ids.whereSeen} name={REPORT_FIELDS.whereSeen} {...controlAria('whereSeen', view, false)}>
            <option value="" selected={v.whereSeen === ''}>
              — Chọn nơi —
            </option>
            {WHERE_SEEN_OPTIONS.map((o) => (
              <option value={o.value} selected={v.whereSeen === o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field field="whereSeenOther" view={view} optional>
          <input
            class="report-field__input"
            id={ids.whereSeenOther}
            name={REPORT_FIELDS.whereSeenOther}
            type="text"
            autocomplete="off"
            maxLength={REPORT_LIMITS.whereSeenOtherLength}
            value={v.whereSeenOther}
            {...controlAria('whereSeenOther', view, false)}
          />
        </Field>
        <Field field="description" view={view} hint={`Thông tin nào sai, vì sao bạn cho là sai, bạn thấy khi nào. Tối đa ${REPORT_LIMITS.descriptionLength.toLocaleString('vi-VN')} ký tự.`}>
          <textarea class="report-field__input report-field__textarea" id={ids.description} name={REPORT_FIELDS.description} rows={8} required {...controlAria('description', view, true)}>
            {v.description}
          </textarea>
        </Field>
        <Field field="files" view={view} optional hint={`Tối đa ${REPORT_LIMITS.files} ảnh (JPEG, PNG, WebP, GIF, AVIF), mỗi ảnh không quá ${REPORT_LIMITS.fileBytes / 1024 / 1024} MB.`}>
          <input
            class="report-field__file"
            id={ids.files}
            name={REPORT_FIELDS.files}
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
            {...controlAria('files', view, true)}
          />
        </Field>
      </fieldset>

      <fieldset class="report-form__group report-form__group--private">
        <legend>Thông tin liên hệ của bạn (không bắt buộc)</legend>
        <p class="report-form__private" id="pa-rieng-tu">
          <strong>Chỉ bộ phận tiếp nhận phản ánh được xem</strong> các thông tin này; chúng không bao giờ được công bố. Bạn có thể để trống nếu không cần chúng tôi liên hệ lại.
        </p>
        <Field field="contactName" view={view} optional>
          <input class="report-field__input" id={ids.contactName} name={REPORT_FIELDS.contactName} type="text" autocomplete="name" maxLength={REPORT_LIMITS.contactNameLength} value={v.contactName} {...controlAria('contactName', view, false)} />
        </Field>
        <Field field="contactEmail" view={view} optional>
          <input class="report-field__input" id={ids.contactEmail} name={REPORT_FIELDS.contactEmail} type="email" autocomplete="email" spellcheck={false} maxLength={REPORT_LIMITS.contactEmailLength} value={v.contactEmail} {...controlAria('contactEmail', view, false)} />
        </Field>
        <Field field="contactPhone" view={view} optional>
          <input class="report-field__input" id={ids.contactPhone} name={REPORT_FIELDS.contactPhone} type="tel" autocomplete="tel" maxLength={REPORT_LIMITS.contactPhoneLength} value={v.contactPhone} {...controlAria('contactPhone', view, false)} />
        </Field>
      </fieldset>

      {/* Honeypot: people never see or reach it (off-screen, aria-hidden, tabindex -1); robots that fill every field give themselves away. */}
      <div class="report-form__trap" aria-hidden="true">
        <label for={ids.trap}>Không điền vào ô này</label>
        <input id={ids.trap} name={REPORT_FIELDS.trap} type="text" tabindex={-1} autocomplete="off" value="" />
      </div>

      <p class="report-form__submit">
        <button class="report-form__button" type="submit">
          Gửi phản ánh
        </button>
      </p>
    </form>
  );
}

/** Renders the report form page of a site. */
export function ReportFormPage({ meta, chrome, view }: ReportFormPageProps) {
  return (
    <SiteLayout chrome={chrome} meta={meta}>
      <Breadcrumbs items={[{ name: 'Trang chủ', url: chrome.homeUrl }, { name: REPORT_FORM_TITLE }]} />
      <div class="report-page">
        <header class="page-header">
          <h1 class="page-header__title">{REPORT_FORM_TITLE}</h1>
        </header>
        <ErrorSummary view={view} />
        <div class="report-page__intro">
          <p>
            Bạn thấy thông tin sai sự thật hoặc chưa chính xác về lĩnh vực của {chrome.organisationName ?? chrome.siteName}? Hãy gửi cho chúng tôi đường dẫn và mô tả. Bộ phận tiếp nhận sẽ xác minh và trả lời bằng
            thông tin chính thức, <strong>lần đầu trong vòng 24 giờ</strong> (12 giờ với vụ việc nghiêm trọng).
          </p>
          <p>
            Sau khi gửi, bạn nhận một <strong>mã theo dõi</strong> để xem tình trạng xử lý tại trang <a href={view.trackingUrl}>Theo dõi phản ánh</a>.
          </p>
        </div>
        <ReportForm view={view} />
      </div>
    </SiteLayout>
  );
}

/** Props of {@link ReportSentPage}. */
export interface ReportSentPageProps {
  meta: PageMeta;
  chrome: SiteChromeView;
  view: ReportSentView;
}

/** The page after sending: the tracking code, the tracking link and what happens next. */
export function ReportSentPage({ meta, chrome, view }: ReportSentPageProps) {
  const duplicate = view.kind === 'duplicate';
  return (
    <SiteLayout chrome={chrome} meta={meta}>
      <Breadcrumbs items={[{ name: 'Trang chủ', url: chrome.homeUrl }, { name: REPORT_FORM_TITLE, url: view.formUrl }, { name: duplicate ? 'Đã gửi trước đó' : 'Đã gửi' }]} />
      <div class="report-page">
        <div class={`report-sent${duplicate ? ' report-sent--duplicate' : ''}`}>
          <h1 class="report-sent__title">{duplicate ? 'Phản ánh này đã được gửi trước đó' : 'Đã nhận phản ánh của bạn'}</h1>
          <p>{duplicate ? 'Chúng tôi đã nhận đúng nội dung này trong 24 giờ qua nên không ghi nhận thêm lần nữa. Mã theo dõi của lần gửi trước:' : 'Cảm ơn bạn. Mã theo dõi phản ánh của bạn:'}</p>
          <p class="report-sent__code">
            <span class="visually-hidden">Mã theo dõi: </span>
            <strong id="ma-theo-doi">{view.trackingCode}</strong>
          </p>
          <p>Hãy ghi lại mã này: chỉ với mã này bạn mới xem được tình trạng xử lý.</p>
          <p>
            <a class="report-sent__track" href={view.trackingUrl}>
              Xem tình trạng xử lý phản ánh {view.trackingCode}
            </a>
          </p>
        </div>
        <h2>Điều gì xảy ra tiếp theo</h2>
        <ol class="report-steps">
          <li>Bộ phận tiếp nhận phân loại phản ánh và gộp các phản ánh về cùng một thông tin thành một vụ việc.</li>
          <li>Cơ quan có trách nhiệm xác minh và kết luận mức độ sai sự thật của thông tin.</li>
          <li>
            Thông tin phản bác chính thức được đăng <strong>lần đầu trong vòng 24 giờ</strong>, hoặc 12 giờ với vụ việc nghiêm trọng; trang theo dõi sẽ có đường dẫn đến bài khi đăng.
          </li>
        </ol>
        <p>
          <a href={view.formUrl}>Gửi một phản ánh khác</a>
        </p>
      </div>
    </SiteLayout>
  );
}
