/**
 * Input shapes for writing articles in the newsroom (zod; the one source of each shape).
 * Text arrives NFC-normalised from the HTTP and CLI boundaries; these schemas also trim it.
 * Body HTML is sanitised by the save commands, not here (the allowlist is in sanitize-body.ts).
 */
import { z } from 'zod';
import { ARTICLE_TYPES } from './article.ts';

/** Longest title accepted (characters). A very long title is a warning in the editor, this is the hard limit. */
export const MAX_TITLE_LENGTH = 300;
/** Longest lead (sapo), characters. */
export const MAX_LEAD_LENGTH = 2000;
/** Largest body accepted, characters of HTML (about 1 MB of Vietnamese text). */
export const MAX_BODY_LENGTH = 500_000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `dài quá ${max} ký tự`)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v === null || v === '' ? null : v));

/** An absolute http(s) URL, as a source link. */
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'phải là địa chỉ http:// hoặc https:// đầy đủ');

/** The editable fields of an article (all optional: an update sends what changed). */
const articleFields = {
  type: z.enum(ARTICLE_TYPES, { error: `phải là một trong: ${ARTICLE_TYPES.join(', ')}` }).optional(),
  title: z.string().trim().min(1, 'không được để trống').max(MAX_TITLE_LENGTH, `dài quá ${MAX_TITLE_LENGTH} ký tự`).optional(),
  lead: optionalText(MAX_LEAD_LENGTH),
  body: z.string().max(MAX_BODY_LENGTH, `dài quá ${MAX_BODY_LENGTH} ký tự`).optional(),
  byline: optionalText(200),
  sourceName: optionalText(300),
  sourceUrl: httpUrl.nullish().or(z.literal('').transform(() => null)),
  sourceOrganisationId: z.number().int().positive().nullish(),
  categoryIds: z.array(z.number().int().positive()).max(20, 'nhiều nhất 20 chuyên mục').optional(),
  tagNames: z.array(z.string().trim().min(1, 'thẻ không được để trống').max(80, 'thẻ dài quá 80 ký tự')).max(30, 'nhiều nhất 30 thẻ').optional(),
  coverMediaId: z.number().int().positive().nullish(),
  coverAlt: optionalText(500),
  coverCaption: optionalText(1000),
  featured: z.boolean().optional(),
};

/** Creating a draft: a site and a title are required. */
export const createArticleInput = z.strictObject({
  siteId: z.number().int().positive(),
  ...articleFields,
  title: articleFields.title.unwrap(),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang')
    .max(120)
    .optional(),
});
export type CreateArticleInput = z.output<typeof createArticleInput>;
/** What a caller may pass to create (before defaults and trimming). */
export type CreateArticleRequest = z.input<typeof createArticleInput>;

/** Saving changes: the revision the change was based on, and the fields that changed. */
export const updateArticleInput = z.strictObject({
  revision: z.number().int().positive(),
  ...articleFields,
});
export type UpdateArticleInput = z.output<typeof updateArticleInput>;
/** What a caller may pass to save. */
export type UpdateArticleRequest = z.input<typeof updateArticleInput>;

/** The content part of {@link UpdateArticleInput} (what a save or a correction may change). */
export type ArticleChanges = Omit<UpdateArticleInput, 'revision'>;
