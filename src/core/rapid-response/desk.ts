/**
 * Which site's board runs the rapid-response desk (issue "Rapid-response desk"): the network's
 * ministry portal. Pure.
 */
import type { Site } from '../sites/site.ts';

/**
 * The desk's site: the first active site of kind `ministry_portal` in network order.
 * @param sites every site of the network (SiteDirectory.list()), in network order
 * @returns that site, or undefined when the network has no active ministry portal
 */
export function deskSiteOf(sites: readonly Site[]): Site | undefined {
  return sites.find((s) => s.kind === 'ministry_portal' && s.status === 'active');
}
