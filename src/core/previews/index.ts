/** Private, expiring preview links of articles (issue "Newsroom web UI", item 5). */
export * from './preview-link.ts';
export { createPreviewLink, revokePreviewLink, listArticlePreviewLinks, openPreview, type CreatedPreviewLink, type PreviewDeps } from './preview-commands.ts';
export { loadArticleAsPublic } from './preview.repository.ts';
