/**
 * The audit log's read endpoints (the log is written only by commands, through appendAudit).
 * `GET /articles/:id/audit` lives with the articles and uses `listAuditForSubject`.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerListNetworkAudit } from './list-network-audit.ts';
import { registerListSiteAudit } from './list-site-audit.ts';

/** Registers the audit routes. */
export function registerAuditRoutes(app: FastifyInstance, core: Core): void {
  registerListSiteAudit(app, core);
  registerListNetworkAudit(app, core);
}
