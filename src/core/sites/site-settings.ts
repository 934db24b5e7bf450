/**
 * Site settings that change how the newsroom works, read from `sites.settings` (JSON), and
 * the command that changes them. Unknown keys in the stored JSON are kept.
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Site } from './site.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { SiteDirectory } from './site-directory.ts';

/**
 * Whether the four-eyes rule holds on a site: whoever approves or schedules an article is not
 * its author (DESIGN.md §2.1). On unless the site's board turned it off.
 */
export function isFourEyesRequired(site: Pick<Site, 'settings'> | undefined): boolean {
  return site?.settings.fourEyes !== false;
}

/**
 * How a site receives items syndicated down the network (DESIGN.md §2.3): `auto` shows the
 * copy at once, `review` queues it for the local board's approval, `off` declines them all.
 */
export const SYNDICATION_MODES = ['auto', 'review', 'off'] as const;
export type SyndicationMode = (typeof SYNDICATION_MODES)[number];

/** The site's syndication acceptance; `auto` unless its board chose otherwise. */
export function syndicationModeOf(site: Pick<Site, 'settings'> | undefined): SyndicationMode {
  const value = site?.settings.syndication;
  return (SYNDICATION_MODES as readonly unknown[]).includes(value) ? (value as SyndicationMode) : 'auto';
}

/** Whether the site's board accepts items proposed by other sites (upward supply); on unless turned off. */
export function acceptsProposals(site: Pick<Site, 'settings'> | undefined): boolean {
  return site?.settings.acceptsProposals !== false;
}

/** The settings a site admin may change, all optional. */
export const siteSettingsInput = z.strictObject({
  fourEyes: z.boolean().optional(),
  syndication: z.enum(SYNDICATION_MODES, 'phải là auto, review hoặc off').optional(),
  acceptsProposals: z.boolean().optional(),
  tagline: z.string().trim().max(300, 'dài quá 300 ký tự').optional(),
  address: z.string().trim().max(300, 'dài quá 300 ký tự').optional(),
  phone: z.string().trim().max(60, 'dài quá 60 ký tự').optional(),
  email: z.email('không phải địa chỉ e-mail hợp lệ').max(200).optional().or(z.literal('')),
});
export type SiteSettingsInput = z.output<typeof siteSettingsInput>;

/** The editable settings of a site as the admin API shows them. */
export function presentSiteSettings(site: Site): {
  fourEyes: boolean;
  syndication: SyndicationMode;
  acceptsProposals: boolean;
  tagline: string;
  address: string;
  phone: string;
  email: string;
} {
  const s = site.settings;
  return {
    fourEyes: isFourEyesRequired(site),
    syndication: syndicationModeOf(site),
    acceptsProposals: acceptsProposals(site),
    tagline: typeof s.tagline === 'string' ? s.tagline : '',
    address: typeof s.address === 'string' ? s.address : '',
    phone: typeof s.phone === 'string' ? s.phone : '',
    email: typeof s.email === 'string' ? s.email : '',
  };
}

/**
 * Changes a site's settings (policy `site.update_settings`), audited with the old and new
 * value of every changed key (relaxing four-eyes is therefore on record), then refreshes the
 * site directory.
 * @returns the site as reloaded.
 * @throws NotFoundError / ForbiddenError from the policy.
 */
export async function updateSiteSettings(
  deps: { db: Kysely<Database>; clock: Clock; sites: SiteDirectory },
  actor: Actor,
  siteId: number,
  input: SiteSettingsInput,
  address?: string | null,
): Promise<Site> {
  const site = deps.sites.getById(siteId);
  if (!site) throw new NotFoundError(`trang ${siteId}`);
  authorize(actor, 'site.update_settings', { siteId }, `trang ${siteId}`);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('sites').select('settings').where('id', '=', siteId).executeTakeFirstOrThrow();
    const current = JSON.parse(row.settings) as Record<string, unknown>;
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      const before =
        key === 'fourEyes' ? current.fourEyes !== false : key === 'syndication' ? syndicationModeOf({ settings: current }) : key === 'acceptsProposals' ? current.acceptsProposals !== false : current[key];
      if (before !== value) changed[key] = { from: before ?? null, to: value };
      current[key] = value;
    }
    if (Object.keys(changed).length === 0) return;
    await trx.updateTable('sites').set({ settings: JSON.stringify(current), updated_at: now.toISOString() }).where('id', '=', siteId).execute();
    await appendAudit(trx, { actor, action: 'site.settings.update', siteId, subjectType: 'site', subjectId: siteId, details: { changed }, address, at: now });
  });
  await deps.sites.reload();
  return deps.sites.getById(siteId)!;
}
