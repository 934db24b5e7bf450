/**
 * Comparing two article bodies: first block by block (paragraphs, headings, list items… as
 * lines, see body-text.ts), then word by word inside a block that changed (word-diff.ts).
 * Tags are never compared as words; a paragraph added, removed or edited shows as such.
 */
import { diffArrays } from 'diff';
import { bodyBlocks, type BodyBlock } from './body-text.ts';
import { comparableText, diffWords, escapeHtml, renderDiffHtml, wordTokens, type DiffPart } from './word-diff.ts';

/** What happened to one block between two bodies. */
export type BlockChange = 'equal' | 'changed' | 'insert' | 'delete';

/** One block of a body comparison. */
export interface BlockDiff {
  /** The element the block came from (`p`, `h2`, `li`…), from the later version when it has one. */
  kind: string;
  change: BlockChange;
  parts: DiffPart[];
}

/** A body comparison: the blocks, the text parts (each block ends with a line break) and HTML. */
export interface BodyDiff {
  blocks: BlockDiff[];
  parts: DiffPart[];
  /** One `<p class="diff-block …">` per block with `<ins>`/`<del>` inside; all text escaped. */
  html: string;
}

/** Two edited blocks are shown as one changed block when at least this share of words is common. */
const PAIRING_SIMILARITY = 0.3;
/** Above this many candidate pairs, deleted and inserted blocks are paired in order instead. */
const MAX_PAIRING_CELLS = 10_000;

/** Dice coefficient of the two blocks' word multisets (0: nothing common, 1: same words). */
function similarity(a: string, b: string): number {
  const wa = wordTokens(a);
  const wb = wordTokens(b);
  if (!wa.length && !wb.length) return 1;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common++;
      counts.set(w, n - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

/**
 * Pairs deleted blocks with inserted blocks of one changed stretch, keeping their order and
 * maximising the total similarity (a small dynamic programme, like an LCS whose matches are
 * weighted). Pairs below {@link PAIRING_SIMILARITY} are not made: such a block was replaced,
 * not edited.
 * @returns pairs of indexes into `deleted` and `inserted`, in order
 */
function pairBlocks(deleted: BodyBlock[], inserted: BodyBlock[]): [number, number][] {
  const n = deleted.length;
  const m = inserted.length;
  if (!n || !m) return [];
  if (n * m > MAX_PAIRING_CELLS) {
    return Array.from({ length: Math.min(n, m) }, (_, i) => [i, i] as [number, number]);
  }
  const sim = deleted.map((d) => inserted.map((i) => similarity(d.text, i.text)));
  // best[i][j]: best total for deleted[i..] and inserted[j..].
  const best = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim[i]![j]!;
      const take = s >= PAIRING_SIMILARITY ? s + best[i + 1]![j + 1]! : -1;
      best[i]![j] = Math.max(take, best[i + 1]![j]!, best[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = sim[i]![j]!;
    if (s >= PAIRING_SIMILARITY && best[i]![j] === s + best[i + 1]![j + 1]!) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (best[i]![j] === best[i + 1]![j]) i++;
    else j++;
  }
  return pairs;
}

/** The blocks of a changed stretch, in reading order: each deleted block before the inserted ones it precedes. */
function stretchBlocks(deleted: BodyBlock[], inserted: BodyBlock[]): BlockDiff[] {
  const out: BlockDiff[] = [];
  let di = 0;
  let ii = 0;
  const takeDeleted = (upTo: number) => {
    for (; di < upTo; di++) out.push({ kind: deleted[di]!.kind, change: 'delete', parts: [{ op: 'delete', text: deleted[di]!.text }] });
  };
  const takeInserted = (upTo: number) => {
    for (; ii < upTo; ii++) out.push({ kind: inserted[ii]!.kind, change: 'insert', parts: [{ op: 'insert', text: inserted[ii]!.text }] });
  };
  for (const [d, i] of pairBlocks(deleted, inserted)) {
    takeDeleted(d);
    takeInserted(i);
    out.push({ kind: inserted[i]!.kind, change: 'changed', parts: diffWords(deleted[d]!.text, inserted[i]!.text) });
    di = d + 1;
    ii = i + 1;
  }
  takeDeleted(deleted.length);
  takeInserted(inserted.length);
  return out;
}

function blockHtml(block: BlockDiff): string {
  const inner = renderDiffHtml(block.parts);
  return `<p class="diff-block diff-block--${escapeHtml(block.change)}" data-kind="${escapeHtml(block.kind)}">${inner}</p>`;
}

/**
 * Compares two stored bodies block by block, then word by word inside edited blocks.
 * @param oldHtml the earlier body (stored, sanitised HTML)
 * @param newHtml the later body
 * @returns the blocks, the text parts (equal + delete rebuild the old text, equal + insert the
 *   new one, each block followed by "\n") and an escaped HTML rendering
 */
export function diffBody(oldHtml: string, newHtml: string): BodyDiff {
  const read = (html: string) => bodyBlocks(html).map((b) => ({ kind: b.kind, text: comparableText(b.text) })).filter((b) => b.text);
  const oldBlocks = read(oldHtml);
  const newBlocks = read(newHtml);
  const changes = diffArrays(
    oldBlocks.map((b) => b.text),
    newBlocks.map((b) => b.text),
  );
  const blocks: BlockDiff[] = [];
  let oi = 0;
  let ni = 0;
  let deleted: BodyBlock[] = [];
  let inserted: BodyBlock[] = [];
  const flush = () => {
    blocks.push(...stretchBlocks(deleted, inserted));
    deleted = [];
    inserted = [];
  };
  for (const change of changes) {
    if (change.removed) {
      deleted.push(...oldBlocks.slice(oi, oi + change.count));
      oi += change.count;
    } else if (change.added) {
      inserted.push(...newBlocks.slice(ni, ni + change.count));
      ni += change.count;
    } else {
      flush();
      for (const b of newBlocks.slice(ni, ni + change.count)) blocks.push({ kind: b.kind, change: 'equal', parts: [{ op: 'equal', text: b.text }] });
      oi += change.count;
      ni += change.count;
    }
  }
  flush();

  const parts: DiffPart[] = [];
  for (const block of blocks) {
    const lineOp = block.change === 'insert' ? 'insert' : block.change === 'delete' ? 'delete' : 'equal';
    for (const part of [...block.parts, { op: lineOp, text: '\n' } as DiffPart]) {
      const last = parts[parts.length - 1];
      if (last && last.op === part.op) last.text += part.text;
      else parts.push({ ...part });
    }
  }
  return { blocks, parts, html: blocks.map(blockHtml).join('\n') };
}
