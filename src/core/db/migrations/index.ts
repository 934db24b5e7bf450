/**
 * The ordered list of migrations. Add a new dated file and one line here; never edit a
 * landed migration.
 */
import type { Migration } from 'kysely';
import * as foundation from './2026-11-29T2200-create-foundation.ts';
import * as featuredIndex from './2026-11-29T2300-index-featured-articles.ts';
import * as newsroom from './2026-11-30T0100-create-newsroom.ts';
import * as search from './2026-11-30T0200-create-search.ts';
import * as network from './2026-11-30T0300-create-network.ts';
import * as rapidResponse from './2026-11-30T0400-create-rapid-response.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-29T2200-create-foundation': foundation,
  '2026-11-29T2300-index-featured-articles': featuredIndex,
  '2026-11-30T0100-create-newsroom': newsroom,
  '2026-11-30T0200-create-search': search,
  '2026-11-30T0300-create-network': network,
  '2026-11-30T0400-create-rapid-response': rapidResponse,
};
