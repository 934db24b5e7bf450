/**
 * The desk answer (GET /rapid-response/desk), loaded once per session and cached: the main
 * navigation shows "Phản bác tin sai" only when it lists `case.read`, and every desk screen
 * reads the vocabulary (categories, priorities, ratings, states) from it.
 */
import { useEffect, useSyncExternalStore } from 'react';
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
  useEffect(() => {
    if (key) ensure(key);
  }, [key]);
  if (!key || !snapshot || snapshot.key !== key) return { desk: undefined, error: null };
  return { desk: snapshot.desk, error: snapshot.error };
}

/** Whether the desk answer lists this policy action for the signed-in person. */
export function deskAllows(desk: Desk | null | undefined, action: string): boolean {
  return desk?.allowedActions.includes(action) ?? false;
}
