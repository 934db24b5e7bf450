/**
 * Input shapes of comments (zod): the one source of the shape for the admin API and the
 * commands. Messages are Vietnamese and name the field.
 */
import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from './comment.ts';

/** Characters that have no place in a plain-text comment: C0/C1 controls except tab and line breaks. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/** Length in characters as readers count them (code points, so an emoji is one). */
function charCount(s: string): number {
  return [...s].length;
}

/**
 * The text of a comment: plain text, 1–{@link MAX_COMMENT_LENGTH} characters after trimming;
 * line breaks are kept (normalised to `\n`). The HTTP edge has put it in NFC already.
 */
export const commentBodySchema = z
  .string({ error: 'Nội dung bình luận phải là một đoạn văn bản' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .refine((s) => s.length > 0, { message: 'Nội dung bình luận không được để trống' })
  .refine((s) => charCount(s) <= MAX_COMMENT_LENGTH, { message: `Nội dung bình luận dài quá ${MAX_COMMENT_LENGTH} ký tự` })
  .refine((s) => !CONTROL.test(s), { message: 'Nội dung bình luận chứa ký tự điều khiển không hợp lệ' });

/** Body of `POST /articles/:id/comments`. */
export const addCommentSchema = z.object({ body: commentBodySchema });
/** What a client sends to add a comment. */
export type AddCommentInput = z.input<typeof addCommentSchema>;
