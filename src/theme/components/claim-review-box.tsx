/**
 * The claim review box of a rebuttal page (thông tin phản bác), shown before the body: the claim
 * reviewed, the verdict with what it means, where the claim appeared (links only — the people
 * who reported it are never named) and when it was first seen, and where the official facts
 * are (the article below, with its source). Also the verdict badge the rebuttal lists reuse.
 */
import type { ClaimReviewBoxView, VerdictView } from '../view-models/claim-review.ts';

/** The verdict as a labelled badge ("Tin giả"), coloured by its place on the scale. */
export function VerdictBadge({ verdict }: { verdict: VerdictView }) {
  return <strong class={`verdict verdict--${verdict.value}`}>{verdict.label}</strong>;
}

/** Renders the box. Its heading is an h2, under the article's h1. */
export function ClaimReviewBox({ view }: { view: ClaimReviewBoxView }) {
  return (
    <section class="claim-review" aria-labelledby="kiem-chung-thong-tin">
      <h2 id="kiem-chung-thong-tin" class="claim-review__title">
        Kiểm chứng thông tin
      </h2>
      <dl class="claim-review__facts">
        <div class="claim-review__row">
          <dt>Thông tin được kiểm chứng</dt>
          <dd class="claim-review__claim">“{view.claimText}”</dd>
        </div>
        <div class="claim-review__row">
          <dt>Kết luận</dt>
          <dd>
            {view.verdict ? (
              <>
                <VerdictBadge verdict={view.verdict} /> <span class="claim-review__meaning">{view.verdict.description}</span>
              </>
            ) : (
              'Đang xác minh.'
            )}
          </dd>
        </div>
        {view.appearances.length ? (
          <div class="claim-review__row">
            <dt>Nơi thông tin xuất hiện</dt>
            <dd>
              <ul class="claim-review__links">
                {view.appearances.map((a) => (
                  <li>
                    {/* Links to the false item itself: no endorsement, no referrer. */}
                    <a href={a.url} rel="nofollow noopener noreferrer">
                      {a.url}
                    </a>{' '}
                    <span class="claim-review__when">
                      (ghi nhận ngày <time datetime={a.reported.datetime}>{a.reported.text}</time>)
                    </span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        <div class="claim-review__row">
          <dt>Ghi nhận lần đầu</dt>
          <dd>
            <time datetime={view.firstSeen.datetime}>{view.firstSeen.text}</time>
          </dd>
        </div>
        <div class="claim-review__row">
          <dt>Thông tin chính thức</dt>
          <dd>
            Nội dung dưới đây
            {view.source ? (
              <>
                {', nguồn: '}
                {view.source.url ? (
                  <a href={view.source.url} rel="noopener noreferrer">
                    {view.source.name}
                  </a>
                ) : (
                  view.source.name
                )}
              </>
            ) : null}
            .
          </dd>
        </div>
      </dl>
    </section>
  );
}
