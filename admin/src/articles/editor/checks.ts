/**
 * Pre-publish checks (issue "Newsroom web UI", item 3): what blocks sending an article on
 * (submit, send for approval, approve, schedule) and what only warns.
 * Block: an image or video without alt text (body or cover), an empty link, no category.
 * Warn: a skipped heading level (the title is the h1, so the body starts at h2), a title over
 * 150 characters, no lead (sapo).
 */
import type { ArticleForm } from './types.ts';

/** Longest title without a warning, characters. */
export const LONG_TITLE = 150;

/** One finding: `key` is a message key under `editor.checks.`, `values` its parameters. */
export interface CheckFinding {
  level: 'block' | 'warn';
  key: string;
  values?: Record<string, string | number>;
}

/** Runs the checks on the form (body parsed with the browser's DOMParser). */
export function runChecks(form: ArticleForm): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const doc = new DOMParser().parseFromString(`<body>${form.body}</body>`, 'text/html');
  const images = Array.from(doc.querySelectorAll('img'));
  const missingAlt = images.filter((img) => !(img.getAttribute('alt') ?? '').trim()).length;
  const videos = Array.from(doc.querySelectorAll('figure video, figure a[href^="/media/"]')).filter((a) => !(a.textContent ?? '').replace(/^Video:\s*/, '').trim()).length;
  if (missingAlt + videos > 0) findings.push({ level: 'block', key: 'missingAlt', values: { count: missingAlt + videos } });
  if (form.coverMediaId && !form.coverAlt.trim()) findings.push({ level: 'block', key: 'coverAlt' });
  const emptyLinks = Array.from(doc.querySelectorAll('a')).filter((a) => !(a.getAttribute('href') ?? '').trim() || !(a.textContent ?? '').trim()).length;
  if (emptyLinks > 0) findings.push({ level: 'block', key: 'emptyLinks', values: { count: emptyLinks } });
  if (form.categoryIds.length === 0) findings.push({ level: 'block', key: 'noCategory' });

  let previous = 1;
  for (const heading of Array.from(doc.querySelectorAll('h2, h3, h4'))) {
    const level = Number(heading.tagName.slice(1));
    if (level > previous + 1) {
      findings.push({ level: 'warn', key: 'skippedHeading', values: { from: previous, to: level, text: (heading.textContent ?? '').trim().slice(0, 60) } });
      break;
    }
    previous = level;
  }
  const titleLength = [...form.title.trim()].length;
  if (titleLength > LONG_TITLE) findings.push({ level: 'warn', key: 'longTitle', values: { count: titleLength, max: LONG_TITLE } });
  if (!form.lead.trim()) findings.push({ level: 'warn', key: 'noLead' });
  return findings;
}
