/**
 * The content API's answer for an article that was public and has been withdrawn (gỡ bài):
 * 410 Gone with the public notice — when and why, and where to read instead — never the
 * article's content. Articles that were never public are not withdrawn for readers: they
 * answer 404 like anything unknown (public-article.repository.ts, findWithdrawnArticleBySlug).
 */
import { CongError } from '../errors.ts';
import { formatDate, formatTime } from '../text/index.ts';

/** What the public may know about a withdrawn article. */
export interface WithdrawalNotice {
  /** The article's title. */
  title: string;
  /** When it was withdrawn: RFC 3339 with the +07:00 offset, or null when not recorded. */
  withdrawnAt: string | null;
  /** Why, as the chief editor wrote it; null when no reason was recorded. */
  reason: string | null;
  /** Absolute URL of the page readers are sent to instead (allowed targets only), or null. */
  replacementUrl: string | null;
}

/** HTTP 410 `CONG_ERR_WITHDRAWN`: the article was withdrawn; `notice` says when and why. */
export class WithdrawnArticleError extends CongError {
  readonly status = 410;
  readonly code = 'CONG_ERR_WITHDRAWN';

  /**
   * @param notice the public notice (see {@link WithdrawalNotice})
   * @param withdrawnAtUtc the stored withdrawal instant (ISO UTC), for the message, or null
   */
  constructor(readonly notice: WithdrawalNotice, withdrawnAtUtc: string | null) {
    const when = withdrawnAtUtc ? ` lúc ${formatTime(withdrawnAtUtc)} ngày ${formatDate(withdrawnAtUtc)}` : '';
    super(`Bài viết “${notice.title}” đã được gỡ${when}.${notice.reason ? ` Lý do: ${notice.reason}` : ''}`);
  }
}
