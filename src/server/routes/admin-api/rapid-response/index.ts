/**
 * Admin API of the rapid-response desk (core/rapid-response): desk, cases, reports, files,
 * figures. Policy `case.*` on the desk's site (the ministry portal).
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerDeskRoutes } from './desk.ts';
import { registerCaseRoutes } from './cases.ts';
import { registerReportRoutes } from './reports.ts';

/** Registers every rapid-response endpoint. */
export function registerRapidResponseRoutes(app: FastifyInstance, core: Core): void {
  registerDeskRoutes(app, core);
  registerCaseRoutes(app, core);
  registerReportRoutes(app, core);
}
