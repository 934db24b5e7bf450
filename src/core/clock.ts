/**
 * The clock every command and visibility check reads. Tests pass a fixed or movable clock
 * instead of waiting; nothing else calls `new Date()` for business decisions.
 */

/** Returns the current instant. */
export type Clock = () => Date;

/** The real wall clock. */
export const systemClock: Clock = () => new Date();

/** Formats an instant as stored: ISO 8601 UTC, always 24 characters (`2022-09-27T07:05:00.000Z`). */
export function toStoredInstant(instant: Date): string {
  return instant.toISOString();
}
