/**
 * An in-memory directory of the network's sites, for resolving every request without a query.
 * It is a cache: `reload()` rebuilds it from the database, and the commands that change sites
 * call it. One directory per core instance (no module-level state).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Site } from './site.ts';
import { listSites } from './site.repository.ts';

/** Lookup of sites by key and by hostname. */
export class SiteDirectory {
  private byKey = new Map<string, Site>();
  private byHost = new Map<string, Site>();
  private all: Site[] = [];

  constructor(private readonly db: Kysely<Database>) {}

  /** Rebuilds the directory from the database. */
  async reload(): Promise<void> {
    const sites = await listSites(this.db);
    this.all = sites;
    this.byKey = new Map(sites.map((s) => [s.key, s]));
    this.byHost = new Map(sites.flatMap((s) => s.hostnames.map((h) => [h, s] as const)));
  }

  /** Every site, in network order. */
  list(): Site[] {
    return this.all;
  }

  /** The site with this key, or undefined. */
  getByKey(key: string): Site | undefined {
    return this.byKey.get(key);
  }

  /** The site configured for this Host header value (port and case ignored), or undefined. */
  getByHost(host: string | undefined): Site | undefined {
    if (!host) return undefined;
    return this.byHost.get(host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, ''));
  }

  /** The site with this id, or undefined. */
  getById(id: number): Site | undefined {
    return this.all.find((s) => s.id === id);
  }
}
