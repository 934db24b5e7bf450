/**
 * An in-memory directory of the network's sites, for resolving every request without a query.
 * It is a cache: `reload()` rebuilds it from the database, and the commands that change sites
 * call it; a server process also calls `reloadIfChanged()` on a tick, so that a change made
 * by another process (the CLI, another node) reaches it within seconds. One directory per
 * core instance (no module-level state).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Site } from './site.ts';
import { listSiteRouting, listSites, readSitesStamp } from './site.repository.ts';

/** Lookup of sites by key and by hostname. */
export class SiteDirectory {
  private byKey = new Map<string, Site>();
  private byHost = new Map<string, Site>();
  private all: Site[] = [];
  private byAlias = new Map<string, Site>();
  private byRedirectHost = new Map<string, Site>();
  private mergedInto = new Map<number, number>();
  private stamp: string | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  /** Rebuilds the directory from the database. */
  async reload(): Promise<void> {
    // The stamp is read first: a change landing during the reload moves it again, and the
    // next check reloads once more rather than missing it.
    const stamp = await readSitesStamp(this.db);
    const [sites, routing] = await Promise.all([listSites(this.db), listSiteRouting(this.db)]);
    const byId = new Map(sites.map((s) => [s.id, s]));
    this.all = sites;
    this.byKey = new Map(sites.map((s) => [s.key, s]));
    this.byHost = new Map(sites.flatMap((s) => s.hostnames.map((h) => [h, s] as const)));
    this.byAlias = new Map(routing.aliases.flatMap((a) => (byId.has(a.siteId) ? [[a.key, byId.get(a.siteId)!] as const] : [])));
    this.byRedirectHost = new Map(routing.redirectHostnames.flatMap((h) => (byId.has(h.siteId) ? [[h.hostname, byId.get(h.siteId)!] as const] : [])));
    this.mergedInto = new Map(routing.mergedInto.map((m) => [m.siteId, m.intoSiteId]));
    this.stamp = stamp;
  }

  /**
   * Reloads when the site tables changed since the last load (one small query, see
   * `readSitesStamp`).
   * @returns true when it reloaded.
   */
  async reloadIfChanged(): Promise<boolean> {
    if ((await readSitesStamp(this.db)) === this.stamp) return false;
    await this.reload();
    return true;
  }

  /** The site that once had this key (renamed since), or undefined. */
  getByAlias(key: string): Site | undefined {
    return this.byAlias.get(key);
  }

  /**
   * The site an old, redirecting hostname belongs to (port and case ignored), or undefined.
   * Requests on it answer 301 to the site's primary hostname (see server/plugins/old-url-redirects.ts).
   */
  getByRedirectHost(host: string | undefined): Site | undefined {
    if (!host) return undefined;
    return this.byRedirectHost.get(host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, ''));
  }

  /** The id of the site a merged site went into, or undefined for a site never merged. */
  mergedIntoId(siteId: number): number | undefined {
    return this.mergedInto.get(siteId);
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
