/**
 * The desk answer (GET /rapid-response/desk), loaded once per session and cached: the main
 * navigation shows "Phản bác tin sai" only when it lists `case.read`, and every desk screen
 * reads the vocabulary (categories, priorities, ratings, states) from it.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { SessionValue } from '../session/session.tsx';
import { notifyNavChanged } from '../app/feature.ts';
import type { Desk } from './types.ts';

interface Entry {
  key: string;
  /** undefined while loading; null when the person has no desk (403/404) or it failed. */
  desk: Desk | null | undefined;
  error: unknown;
}

let entry: Entry | null = null;
const listeners = new Set<() => void>();

function sessionKey(session: SessionValue): string | null {
  return session.me && session.status === 'signed_in' ? `${session.me.user.id}:${session.me.csrfToken}` : null;
}

function emit(): void {
  for (const l of listeners) l();
}

/**
 * Starts loading the desk for this session unless it is loaded or loading.
 * @returns the entry for the session (desk undefined while loading)
 */
function ensure(key: string, onGranted?: () => void): Entry {
  if (entry && entry.key === key) return entry;
  const mine: Entry = { key, desk: undefined, error: null };
  entry = mine;
  api
    .get<Desk>('/rapid-response/desk')
    .then((desk) => {
      mine.desk = desk;
      if (desk.allowedActions.includes('case.read')) onGranted?.();
    })
    .catch((error: unknown) => {
      mine.desk = null;
      mine.error = error;
    })
    .finally(() => {
      if (entry === mine) entry = { ...mine };
      emit();
    });
  return mine;
}

/**
 * The navigation target of the desk for this session: `/rapid-response` when the desk answer
 * lists `case.read`, null otherwise or while it loads. The first call of a session starts the
 * request; when the answer grants access, the main navigation is told to compute its entries
 * again (app/feature.ts notifyNavChanged).
 */
export function deskNavTarget(session: SessionValue): string | null {
  const key = sessionKey(session);
  if (!key) return null;
  const current = ensure(key, notifyNavChanged);
  return current.desk?.allowedActions.includes('case.read') ? '/rapid-response' : null;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The desk for the current session in a component.
 * @returns `{ desk: undefined }` while loading, `{ desk: null, error }` when the person has no
 *   access or the request failed, the desk otherwise.
 */
export function useDesk(session: SessionValue): { desk: Desk | null | undefined; error: unknown } {
  const key = sessionKey(session);
  const snapshot = useSyncExternalStore(subscribe, () => entry);
  const vocab = useVocab();
  const { i18n } = useTranslation();
  useEffect(() => {
    if (key) ensure(key);
  }, [key]);
  const raw = snapshot && snapshot.key === key ? snapshot.desk : undefined;
  // Labels in the UI's language (the answer's are Vietnamese); one object per answer and language.
  const desk = useMemo(
    () =>
      raw
        ? {
            ...raw,
            states: raw.states.map((x) => ({ ...x, label: vocab.state(x.key, x.label) })),
            categories: raw.categories.map((x) => ({ ...x, label: vocab.category(x.key, x.label) })),
            priorities: raw.priorities.map((x) => ({ ...x, label: vocab.priority(x.key, x.label) })),
            ratings: raw.ratings.map((x) => ({ ...x, label: vocab.rating(x.key, x.label) })),
          }
        : raw,
    [raw, i18n.language],
  );
  if (!key || !snapshot || snapshot.key !== key) return { desk: undefined, error: null };
  return { desk, error: snapshot.error };
}

/** Whether the desk answer lists this policy action for the signed-in person. */
export function deskAllows(desk: Desk | null | undefined, action: string): boolean {
  return desk?.allowedActions.includes(action) ?? false;
}

/**
 * The desk's vocabulary in the UI's language: the catalogue's label for a state, category,
 * priority or rating key (messages/rapidResponse.ts `vocab`), else the server's Vietnamese one.
 */
export function useVocab(): {
  state(key: string, fallback?: string): string;
  category(key: string, fallback?: string): string;
  priority(key: string, fallback?: string): string;
  rating(key: string, fallback?: string): string;
} {
  const { t } = useTranslation();
  const label = (group: string) => (key: string, fallback?: string) => t(`rapidResponse.vocab.${group}.${key}`, { defaultValue: fallback ?? key });
  return { state: label('states'), category: label('categories'), priority: label('priorities'), rating: label('ratings') };
}
