/**
 * Organisations (cơ quan, đơn vị): the bodies content comes from and sites belong to.
 * All SQL for the `organisations` table.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** An organisation as the rest of the code sees it. */
export interface Organisation {
  id: number;
  key: string;
  name: string;
  nameEn: string | null;
  shortName: string | null;
  /** `ministry` | `unit` | `department` | `division` */
  kind: string;
  parentId: number | null;
}

/** Input to {@link upsertOrganisation}. */
export interface OrganisationInput {
  key: string;
  name: string;
  nameEn?: string | null;
  shortName?: string | null;
  kind: string;
  parentId?: number | null;
}

/**
 * Inserts an organisation, or updates the one with the same key.
 * @returns its id.
 */
export async function upsertOrganisation(db: Kysely<Database>, input: OrganisationInput, now: Date): Promise<number> {
  const existing = await db.selectFrom('organisations').select('id').where('key', '=', input.key).executeTakeFirst();
  const values = {
    name: input.name,
    name_en: input.nameEn ?? null,
    short_name: input.shortName ?? null,
    kind: input.kind,
    parent_id: input.parentId ?? null,
  };
  if (existing) {
    await db.updateTable('organisations').set(values).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const row = await db
    .insertInto('organisations')
    .values({ key: input.key, ...values, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Finds an organisation by its key, or null. */
export async function findOrganisationByKey(db: Kysely<Database>, key: string): Promise<Organisation | null> {
  const row = await db.selectFrom('organisations').selectAll().where('key', '=', key).executeTakeFirst();
  return row
    ? { id: row.id, key: row.key, name: row.name, nameEn: row.name_en, shortName: row.short_name, kind: row.kind, parentId: row.parent_id }
    : null;
}

/**
 * Finds an organisation by exact name (after NFC), or null. Used to credit imported content
 * ("Nguồn: Trung tâm Công nghệ số") to a known organisation.
 */
export async function findOrganisationByName(db: Kysely<Database>, name: string): Promise<Organisation | null> {
  const row = await db
    .selectFrom('organisations')
    .selectAll()
    .where((eb) => eb.or([eb('name', '=', name.normalize('NFC')), eb('short_name', '=', name.normalize('NFC'))]))
    .orderBy('id')
    .executeTakeFirst();
  return row
    ? { id: row.id, key: row.key, name: row.name, nameEn: row.name_en, shortName: row.short_name, kind: row.kind, parentId: row.parent_id }
    : null;
}
