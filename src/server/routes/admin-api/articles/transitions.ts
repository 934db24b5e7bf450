/**
 * One endpoint per workflow transition (DESIGN.md §2.1), each calling its own command:
 * `POST /articles/:id/submit`, `/take`, `/send-for-approval`, `/return`, `/reject`,
 * `/approve`, `/schedule`, `/unschedule`, `/withdraw`, `/republish`, `/correct`.
 * Every body names the revision the caller saw (`revision`): stale → 409.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import type { Actor } from '../../../../core/policy/actor.ts';
import type { NewsroomArticle } from '../../../../core/articles/newsroom-article.repository.ts';
import { listArticleCorrections, listArticleEvents } from '../../../../core/articles/newsroom-article.repository.ts';
import {
  approveArticle,
  correctArticle,
  correctInput,
  rejectArticle,
  republishArticle,
  returnArticle,
  returnInput,
  scheduleArticle,
  scheduleInput,
  sendArticleForApproval,
  submitArticle,
  takeArticle,
  transitionInput,
  unscheduleArticle,
  withdrawArticle,
  withdrawInput,
} from '../../../../core/workflow/workflow-commands.ts';
import { adminRoute, idParams } from '../route.ts';
import { presentArticle } from './article.presenter.ts';

type Command<S extends z.ZodType> = (core: Core, actor: Actor, id: number, input: z.output<S>, address?: string | null) => Promise<NewsroomArticle>;

function transitionRoute<S extends z.ZodType>(app: FastifyInstance, core: Core, path: string, summary: string, body: S, command: Command<S>): void {
  adminRoute(app, { method: 'POST', url: `/articles/:id/${path}`, summary, tag: 'workflow', params: idParams, body, errorStatuses: [404, 409] }, async ({ actor, params, body: input, address }) => {
    const article = await command(core, actor, params.id, input, address);
    return presentArticle(core, actor, article, { events: await listArticleEvents(core.db, article.id), corrections: await listArticleCorrections(core.db, article.id) });
  });
}

/** Registers the eleven transition endpoints. */
export function registerTransitionRoutes(app: FastifyInstance, core: Core): void {
  transitionRoute(app, core, 'submit', 'Gửi bài cho biên tập (từ Nháp hoặc Trả lại)', transitionInput, submitArticle);
  transitionRoute(app, core, 'take', 'Nhận biên tập bài đang chờ', transitionInput, takeArticle);
  transitionRoute(app, core, 'send-for-approval', 'Trình lãnh đạo ban biên tập duyệt', transitionInput, sendArticleForApproval);
  transitionRoute(app, core, 'return', 'Trả lại tác giả, kèm lý do (bắt buộc)', returnInput, returnArticle);
  transitionRoute(app, core, 'reject', 'Không sử dụng bài', transitionInput, rejectArticle);
  transitionRoute(app, core, 'approve', 'Duyệt và đăng ngay (người duyệt không phải tác giả)', transitionInput, approveArticle);
  transitionRoute(app, core, 'schedule', 'Duyệt và hẹn giờ đăng (thời điểm có múi giờ)', scheduleInput, scheduleArticle);
  transitionRoute(app, core, 'unschedule', 'Huỷ hẹn giờ, bài về Chờ duyệt', transitionInput, unscheduleArticle);
  transitionRoute(app, core, 'withdraw', 'Gỡ bài đã đăng, kèm lý do công khai (bắt buộc) và địa chỉ chuyển hướng (tuỳ chọn)', withdrawInput, withdrawArticle);
  transitionRoute(app, core, 'republish', 'Đăng lại bài đã gỡ', transitionInput, republishArticle);
  transitionRoute(app, core, 'correct', 'Đính chính bài đã đăng: nội dung sửa và ghi chú công khai có ngày giờ', correctInput, correctArticle);
}
