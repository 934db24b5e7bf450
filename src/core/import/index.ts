/** Import (DESIGN.md §2.9): parsers for text pages, HTML pages and JSON Lines, and the importer. */

export { importedArticleSchema, parseImportedArticle, type ImportedArticle, type ImportedArticleInput } from './imported-article.schema.ts';
export {
  canonicalJson,
  findDateTime,
  formatImportError,
  importHash,
  resolvePublishedTime,
  toItemError,
  type ImportErrorEntry,
  type ImportItem,
  type ImportItemError,
  type ImportSummary,
  type PublishedTime,
} from './import.ts';
export { parseTextPage, type TextPageOptions } from './parse-text-page.ts';
export { parseHtmlPage, type HtmlPageOptions } from './parse-html-page.ts';
export { deriveTitle, mapCategory, newsRecordToArticle, readNewsJsonl, type CategoryMap, type JsonlEntry, type NewsRecordOptions } from './parse-jsonl.ts';
export { importArticles, type ImportDeps, type ImportOptions } from './import-articles.ts';
export { importHtmlFiles, importJsonlFile, importTextFiles, loadCategoryMap, type ImportRunOptions, type JsonlImportOptions, type PageImportOptions } from './import-files.ts';
