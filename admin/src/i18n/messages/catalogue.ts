/** Helpers for message catalogues: the English catalogue must have exactly the Vietnamese keys. */

/** The same keys as T, every leaf a string. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

/** One feature's messages in both languages; TypeScript refuses an English catalogue with missing keys. */
export function catalogue<T extends Record<string, unknown>>(vi: T, en: SameKeys<T>): { vi: T; en: SameKeys<T> } {
  return { vi, en };
}
