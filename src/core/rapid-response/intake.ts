/**
 * Intake of reports of false information (issue "Rapid-response desk", items 1–2, 6): the
 * public form on every site, the desk's own entry (monitoring, phone, e-mail) and partner
 * systems with an API token. Each report joins an open case about the same link (normalised)
 * or the same claim (folded), or opens a new one with its deadline; the same report twice
 * within 24 hours is refused and nothing is stored. Contact details are kept for the desk
 * only; the reporter's address only as an HMAC-SHA-256 with a per-installation salt.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { NewsroomDeps } from '../articles/write-article.ts';
import { type Actor, ANONYMOUS } from '../policy/actor.ts';
import { authorize, can } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { DuplicateReportError, NotFoundError, UnsupportedMediaError, ValidationError, parseCommandInput } from '../errors.ts';
import { normalizeText, normalizeWhitespace } from '../text/index.ts';
import { processImage } from '../media/image-processing.ts';
import { caseDeadline, type CasePriority } from './case.ts';
import { deskSiteOf } from './desk.ts';
import { foldClaim, normaliseReportUrl } from './normalise.ts';
import { CLOSED_CASE_STATES, insertCaseEvent, lockDesk, nextCaseCode } from './case.repository.ts';
import { createReportFileStorage, reportFileKey } from './report-files.ts';

/** What the desk's commands need: the core's database, clock, sites and config. */
export type RapidResponseDeps = NewsroomDeps;

/** Longest description, in characters. */
export const MAX_DESCRIPTION_LENGTH = 5000;
/** Characters of a public report's description taken as its claim. */
export const CLAIM_FROM_DESCRIPTION_LENGTH = 300;
/** Screenshots per report, and the largest one in bytes (5 MB). */
export const MAX_REPORT_FILES = 3;
export const MAX_REPORT_FILE_BYTES = 5 * 1024 * 1024;
/** The same report (same content) within this window is refused: 24 h, in ms. */
export const DUPLICATE_WINDOW_MS = 24 * 3_600_000;

/** How a report reached the desk. */
export const REPORT_CHANNELS = ['public', 'monitoring', 'phone', 'email', 'partner'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];
export const REPORT_CHANNEL_LABELS: Record<ReportChannel, string> = {
  public: 'Biểu mẫu công khai',
  monitoring: 'Theo dõi, giám sát',
  phone: 'Điện thoại',
  email: 'Thư điện tử',
  partner: 'Hệ thống đối tác',
};

/** Tracking codes: 10 characters from 32 letters and digits without 0, 1, I and O (50 bits). */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 10;

/** A new random tracking code (unguessable: crypto.randomBytes, 5 bits per character, no bias). */
export function newTrackingCode(): string {
  const bytes = crypto.randomBytes(TRACKING_CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += TRACKING_ALPHABET[b & 31];
  return code;
}

const optionalLine = (max: number) =>
  z
    .string()
    .max(max, `dài quá ${max} ký tự`)
    .nullish()
    .transform((v) => (v == null ? null : normalizeWhitespace(v) || null));

const contactFields = {
  contactName: optionalLine(200),
  contactEmail: z
    .string()
    .max(200, 'dài quá 200 ký tự')
    .nullish()
    .transform((v) => (v == null ? null : v.trim() || null))
    .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'địa chỉ thư điện tử không hợp lệ'),
  contactPhone: z
    .string()
    .max(40, 'dài quá 40 ký tự')
    .nullish()
    .transform((v) => (v == null ? null : v.trim() || null))
    .refine((v) => v === null || /^\+?[0-9 ().-]{6,30}$/.test(v), 'số điện thoại chỉ gồm chữ số, khoảng trắng và dấu + ( ) . -'),
};

const description = z
  .string({ error: 'cần mô tả thông tin sai sự thật' })
  .transform((v) => normalizeText(v).trim())
  .pipe(z.string().min(1, 'cần mô tả thông tin sai sự thật').max(MAX_DESCRIPTION_LENGTH, `dài quá ${MAX_DESCRIPTION_LENGTH} ký tự`));

/** The public form's input (the files and the address are passed beside it). */
export const publicReportInput = z.object({
  siteId: z.number().int().positive(),
  url: z.string({ error: 'cần ghi đường dẫn tới nội dung' }),
  whereSeen: optionalLine(300),
  description,
  ...contactFields,
});

/** The desk's and partners' input. */
export const deskReportInput = z.strictObject({
  url: z.string().nullish(),
  whereSeen: optionalLine(300),
  description,
  claimText: optionalLine(1000),
  channel: z.enum(['monitoring', 'phone', 'email', 'partner'], { error: 'phải là monitoring, phone, email hoặc partner' }).optional(),
  ...contactFields,
});

/** One uploaded screenshot. */
export interface ReportFileUpload {
  fileName: string;
  data: Buffer;
}

/** Input of {@link submitPublicReport}. */
export interface PublicReportRequest {
  siteId: number;
  url: string;
  whereSeen?: string | null;
  description: string;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  files: ReportFileUpload[];
  /** The client's network address; stored only as an HMAC. */
  address: string;
}

/** What a filed report answers. `joined`: it joined an existing case. */
export interface FiledReport {
  trackingCode: string;
  caseId: number;
  joined: boolean;
}

interface ReportFacts {
  channel: ReportChannel;
  siteId: number | null;
  url: string | null;
  normalizedUrl: string | null;
  whereSeen: string | null;
  description: string;
  claim: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  address: string | null;
  createdByUserId: number | null;
  apiTokenId: number | null;
}

/**
 * Files a report from a site's public form (no sign-in).
 * @param input see {@link PublicReportRequest}; the claim is the description's first 300 characters
 * @returns the tracking code and the case it joined or opened
 * @throws ValidationError naming `siteId`, `url` (missing, not http(s)), `description` (empty,
 *   over 5,000 characters), `contactEmail`, `contactPhone` or `files` (more than 3, not an
 *   image, over 5 MB); DuplicateReportError (409, `CONG_ERR_DUPLICATE_REPORT`) with the earlier
 *   tracking code when the same report came within 24 h; NotFoundError when the network has no desk.
 *   Nothing is stored on any error.
 */
export async function submitPublicReport(deps: RapidResponseDeps, input: PublicReportRequest): Promise<FiledReport> {
  const { files = [], address, ...fields } = input;
  const parsed = parseCommandInput(publicReportInput, fields);
  const site = deps.sites.getById(parsed.siteId);
  if (!site || site.status !== 'active') throw new ValidationError([{ path: 'siteId', message: 'không có trang này' }]);
  const normalizedUrl = normaliseReportUrl(parsed.url);
  if (files.length > MAX_REPORT_FILES) throw new ValidationError([{ path: 'files', message: `tối đa ${MAX_REPORT_FILES} ảnh chụp màn hình` }]);
  return fileReport(
    deps,
    ANONYMOUS,
    {
      channel: 'public',
      siteId: site.id,
      url: parsed.url.trim(),
      normalizedUrl,
      whereSeen: parsed.whereSeen,
      description: parsed.description,
      claim: parsed.description.slice(0, CLAIM_FROM_DESCRIPTION_LENGTH),
      contactName: parsed.contactName,
      contactEmail: parsed.contactEmail,
      contactPhone: parsed.contactPhone,
      address: address || null,
      createdByUserId: null,
      apiTokenId: null,
    },
    files,
  );
}

/**
 * Files a report entered by the desk (items found by monitoring, received by phone or e-mail)
 * or sent by a partner system with an API token of the desk's site (channel `partner`).
 * Policy `case.report` or `case.manage` on the desk's site; anyone else gets 404 (outsiders)
 * or 403.
 * @param input see {@link deskReportInput}: `description` required, `url` optional (http(s)),
 *   `claimText` (default: the description's first 300 characters), `channel` (default
 *   `monitoring`; always `partner` for a token), contact details
 * @throws ValidationError naming the field; DuplicateReportError; NotFoundError / ForbiddenError.
 */
export async function submitStaffReport(deps: RapidResponseDeps, actor: Actor, input: unknown, address?: string | null): Promise<FiledReport> {
  const desk = requireDesk(deps);
  if (!can(actor, 'case.report', { siteId: desk.id })) authorize(actor, 'case.manage', { siteId: desk.id }, 'bộ phận xử lý thông tin sai sự thật');
  const parsed = parseCommandInput(deskReportInput, input);
  const url = parsed.url?.trim() ? parsed.url.trim() : null;
  const normalizedUrl = url ? normaliseReportUrl(url) : null;
  const channel: ReportChannel = actor.kind === 'token' ? 'partner' : (parsed.channel ?? 'monitoring');
  return fileReport(
    deps,
    actor,
    {
      channel,
      siteId: null,
      url,
      normalizedUrl,
      whereSeen: parsed.whereSeen,
      description: parsed.description,
      claim: parsed.claimText ?? parsed.description.slice(0, CLAIM_FROM_DESCRIPTION_LENGTH),
      contactName: parsed.contactName,
      contactEmail: parsed.contactEmail,
      contactPhone: parsed.contactPhone,
      address: address ?? null,
      createdByUserId: actor.kind === 'member' ? actor.userId : null,
      apiTokenId: actor.kind === 'token' ? actor.tokenId : null,
    },
    [],
  );
}

/** A partner system's report (an API token of the desk's site): {@link submitStaffReport} with channel `partner`. */
export const submitPartnerReport = submitStaffReport;

function requireDesk(deps: Pick<RapidResponseDeps, 'sites'>) {
  const desk = deskSiteOf(deps.sites.list());
  if (!desk) throw new NotFoundError('bộ phận xử lý thông tin sai sự thật (mạng lưới chưa có cổng thông tin của Bộ)');
  return desk;
}

/** The report's fingerprint: channel, normalised link and folded description. */
function contentHashOf(facts: ReportFacts): string {
  return crypto.createHash('sha256').update(JSON.stringify([facts.channel, facts.normalizedUrl ?? '', foldClaim(facts.description)])).digest('hex');
}

async function findDuplicate(db: Kysely<Database>, contentHash: string, now: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom('rr_reports')
    .select('tracking_code')
    .where('content_hash', '=', contentHash)
    .where('created_at', '>=', new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString())
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.tracking_code;
}

/** The network-settings key of the salt used to hash reporters' addresses. */
export const ADDRESS_SALT_KEY = 'rr.addressSalt';

/**
 * The installation's address salt: 32 random bytes (hex), created once and kept in
 * `network_settings`. Never shown anywhere.
 */
export async function addressSalt(db: Kysely<Database>, now: Date): Promise<string> {
  const existing = await db.selectFrom('network_settings').select('value').where('key', '=', ADDRESS_SALT_KEY).executeTakeFirst();
  if (existing) return JSON.parse(existing.value) as string;
  await db
    .insertInto('network_settings')
    .values({ key: ADDRESS_SALT_KEY, value: JSON.stringify(crypto.randomBytes(32).toString('hex')), updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('network_settings').select('value').where('key', '=', ADDRESS_SALT_KEY).executeTakeFirstOrThrow();
  return JSON.parse(row.value) as string;
}

/** HMAC-SHA-256 (hex) of a client address under the installation's salt. */
export async function hashAddress(db: Kysely<Database>, address: string, now: Date): Promise<string> {
  return crypto.createHmac('sha256', await addressSalt(db, now)).update(address).digest('hex');
}

/** A case title from its claim: one line, at most 200 characters, cut at a word. */
export function titleFromClaim(claim: string): string {
  const line = normalizeWhitespace(claim);
  if (line.length <= 200) return line || 'Thông tin cần xác minh';
  const cut = line.slice(0, 199);
  const space = cut.lastIndexOf(' ');
  return `${(space > 120 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The year in Vietnam time (UTC+7) of an instant. */
function vietnamYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3_600_000).getUTCFullYear();
}

interface ProcessedUpload {
  key: string;
  mimeType: string;
  bytes: number;
  width: number;
  height: number;
  data: Buffer;
}

async function processUploads(files: ReportFileUpload[], now: Date): Promise<ProcessedUpload[]> {
  const out: ProcessedUpload[] = [];
  for (const file of files) {
    try {
      const image = await processImage(file.data, { maxBytes: MAX_REPORT_FILE_BYTES, variantWidths: [] });
      out.push({ key: reportFileKey(now, image.format === 'jpeg' ? 'jpg' : image.format), mimeType: image.mimeType, bytes: image.original.length, width: image.width, height: image.height, data: image.original });
    } catch (error) {
      if (error instanceof UnsupportedMediaError) throw new ValidationError([{ path: 'files', message: `${file.fileName ? `"${normalizeWhitespace(file.fileName).slice(0, 100)}": ` : ''}${error.message}` }]);
      throw error;
    }
  }
  return out;
}

/** The shared body: duplicate check, files, then one transaction (case, report, files, event, audit). */
async function fileReport(deps: RapidResponseDeps, actor: Actor, facts: ReportFacts, files: ReportFileUpload[]): Promise<FiledReport> {
  const desk = requireDesk(deps);
  const now = deps.clock();
  const at = now.toISOString();
  const contentHash = contentHashOf(facts);
  const earlier = await findDuplicate(deps.db, contentHash, now);
  if (earlier) throw new DuplicateReportError(earlier);
  const uploads = await processUploads(files, now);
  const claimFolded = foldClaim(facts.claim);
  if (!claimFolded && !facts.normalizedUrl) throw new ValidationError([{ path: 'description', message: 'cần mô tả thông tin sai sự thật' }]);

  const storage = createReportFileStorage(deps.config.dataDir);
  for (const u of uploads) await storage.put(u.key, u.data);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await lockDesk(trx);
      const again = await findDuplicate(trx, contentHash, now);
      if (again) throw new DuplicateReportError(again);
      const addressHash = facts.address ? await hashAddress(trx, facts.address, now) : null;

      // Join an open case: by link first, then by claim.
      const open = trx.selectFrom('rr_cases').select(['id', 'state', 'first_seen_at', 'report_count', 'normalized_url']).where('desk_site_id', '=', desk.id).where('state', 'not in', [...CLOSED_CASE_STATES]);
      // A link matches a case's own link or the link of any report in it (merged cases have several).
      const url = facts.normalizedUrl;
      let existing = url
        ? await open
            .where((eb) => eb.or([eb('normalized_url', '=', url), eb.exists(eb.selectFrom('rr_reports as r').select('r.id').whereRef('r.case_id', '=', 'rr_cases.id').where('r.normalized_url', '=', url))]))
            .orderBy('id')
            .limit(1)
            .executeTakeFirst()
        : undefined;
      if (!existing && claimFolded) existing = await open.where('claim_folded', '=', claimFolded).orderBy('id').limit(1).executeTakeFirst();

      let caseId: number;
      if (existing) {
        caseId = existing.id;
        await trx
          .updateTable('rr_cases')
          .set({
            report_count: existing.report_count + 1,
            first_seen_at: existing.first_seen_at <= at ? existing.first_seen_at : at,
            ...(existing.normalized_url === null && facts.normalizedUrl ? { normalized_url: facts.normalizedUrl } : {}),
            updated_at: at,
          })
          .where('id', '=', caseId)
          .execute();
      } else {
        const priority: CasePriority = 'normal';
        const inserted = await trx
          .insertInto('rr_cases')
          .values({
            desk_site_id: desk.id,
            code: await nextCaseCode(trx, vietnamYear(now)),
            title: titleFromClaim(facts.claim || facts.url || ''),
            claim_text: facts.claim,
            claim_folded: claimFolded,
            normalized_url: facts.normalizedUrl,
            category: 'other',
            priority,
            state: 'new',
            first_seen_at: at,
            deadline_at: caseDeadline(now, priority, deps.config.rrDeadlineHours).toISOString(),
            report_count: 1,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        caseId = inserted.id;
      }

      let trackingCode = newTrackingCode();
      while (await trx.selectFrom('rr_reports').select('id').where('tracking_code', '=', trackingCode).executeTakeFirst()) trackingCode = newTrackingCode();
      const report = await trx
        .insertInto('rr_reports')
        .values({
          case_id: caseId,
          tracking_code: trackingCode,
          channel: facts.channel,
          site_id: facts.siteId,
          url: facts.url,
          normalized_url: facts.normalizedUrl,
          where_seen: facts.whereSeen,
          description: facts.description,
          description_folded: foldClaim(facts.description),
          contact_name: facts.contactName,
          contact_email: facts.contactEmail,
          contact_phone: facts.contactPhone,
          address_hash: addressHash,
          content_hash: contentHash,
          created_by_user_id: facts.createdByUserId,
          api_token_id: facts.apiTokenId,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const u of uploads) {
        await trx.insertInto('rr_report_files').values({ report_id: report.id, storage_key: u.key, mime_type: u.mimeType, bytes: u.bytes, width: u.width, height: u.height, created_at: at }).execute();
      }
      const reporter = facts.channel === 'public' ? 'Bạn đọc (biểu mẫu phản ánh)' : undefined;
      await insertCaseEvent(trx, {
        caseId,
        action: existing ? 'report_joined' : 'opened',
        ...(existing ? {} : { toState: 'new' }),
        actor,
        ...(reporter ? { actorLabelOverride: reporter } : {}),
        details: { reportId: report.id, channel: facts.channel },
        at,
      });
      await appendAudit(trx, {
        actor,
        action: 'case.report',
        siteId: desk.id,
        subjectType: 'rr_case',
        subjectId: caseId,
        // Never contact details; a public reporter's address is kept only as its hash (above).
        details: { reportId: report.id, channel: facts.channel, joined: Boolean(existing), ...(facts.siteId ? { viaSiteId: facts.siteId } : {}) },
        address: facts.channel === 'public' ? null : (facts.address ?? null),
        at: now,
      });
      return { trackingCode, caseId, joined: Boolean(existing) };
    });
  } catch (error) {
    for (const u of uploads) await storage.remove(u.key).catch(() => undefined);
    throw error;
  }
}
