/**
 * The search document of an article: what the index holds for it. Content only, never state:
 * whether an article may be found is decided at query time by the one visibility rule
 * (articles/visibility.ts), so publishing, embargoes and withdrawals need no reindexing.
 */
import { bodyText, indexTokens } from './search-text.ts';

/** The content an article's search document is made of. */
export interface SearchDocumentSource {
  title: string;
  lead: string | null;
  /** The stored (sanitised) body HTML. */
  body: string;
  /** Names of the article's tags. */
  tagNames: string[];
}

/**
 * An article's search document, section by section. Sections weigh differently in ranking:
 * title most, then lead and tags, then body.
 */
export interface SearchDocument {
  /** Folded tokens of the title, in order. */
  title: string[];
  /** Folded tokens of the lead followed by the tag names, in order. */
  lead: string[];
  /** Folded tokens of the body text, in order. */
  body: string[];
  /**
   * Exact keys (search-text.ts `tokenKeys`) of the tokens with a diacritic or đ, each once per
   * section, in first-seen order: used to rank exact forms first.
   */
  exactTitle: string[];
  exactLead: string[];
  exactBody: string[];
}

/**
 * Builds the search document of an article from its content.
 * @param source title, lead, body HTML and tag names, as stored
 * @returns folded token lists per section and the set of exact keys
 * Source: DESIGN.md §4 (folded Vietnamese text indexed beside the original).
 */
export function buildSearchDocument(source: SearchDocumentSource): SearchDocument {
  const title = indexTokens([source.title]);
  const lead = indexTokens([source.lead ?? '', ...source.tagNames]);
  const body = indexTokens([bodyText(source.body)]);
  return { title: title.folded, lead: lead.folded, body: body.folded, exactTitle: title.exact, exactLead: lead.exact, exactBody: body.exact };
}
