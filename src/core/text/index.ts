/** Vietnamese text rules: normalise, fold, slugify, collate and format dates. */

export { normalizeInput, normalizeText, normalizeWhitespace } from './normalize.ts';
export { foldText } from './fold.ts';
export { slugify, uniqueSlug } from './slug.ts';
export { compareVietnamese, sortVietnamese } from './collate.ts';
export {
  findFirstVietnameseDate,
  formatDate,
  formatDateOnly,
  formatDateTime,
  formatTime,
  formatWeekdayDate,
  parseDateOnly,
  parseVietnamDateTime,
  toOffsetIso,
  vietnamMidnightInstant,
} from './dates.ts';
