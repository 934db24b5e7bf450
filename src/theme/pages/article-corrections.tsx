/**
 * The correction notes (đính chính) of an article in a clearly marked box at the top of the
 * article, on the article page and in its print view: "Đính chính lúc 14:05 ngày 27/9/2022: …".
 */
import type { CorrectionNoteView } from '../view-models/article-page.ts';

/** Props of {@link CorrectionNotes}. */
export interface CorrectionNotesProps {
  corrections: CorrectionNoteView[];
}

/** Renders the box, or nothing when the article has no correction. */
export function CorrectionNotes({ corrections }: CorrectionNotesProps) {
  if (!corrections.length) return null;
  return (
    <aside class="corrections" aria-label="Đính chính">
      <ul class="corrections__list">
        {corrections.map((c) => (
          <li class="corrections__item">
            <strong class="corrections__heading">
              Đính chính lúc <time datetime={c.datetime}>{c.when}</time>:
            </strong>{' '}
            <span class="corrections__note">{c.note}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
