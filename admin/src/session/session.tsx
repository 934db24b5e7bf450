/**
 * The signed-in person for every screen: loads GET /auth/me, keeps the CSRF token for writes,
 * lists the sites the person works on (GET /sites) and which one is current (remembered per
 * browser). `useSession()` reads it; `SessionProvider` wraps the app.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from '../api/client.ts';
import type { Me, Role, SiteSummary } from '../api/types.ts';

const SITE_KEY = 'cong.admin.site';

/** What {@link useSession} returns. */
export interface SessionValue {
  /** null while loading or when nobody is signed in (`status` says which). */
  me: Me | null;
  status: 'loading' | 'signed_out' | 'signed_in';
  sites: SiteSummary[];
  /** The site the person is working on, or null when they have none. */
  currentSite: SiteSummary | null;
  selectSite(siteId: number): void;
  /** Roles on the current site (network admin included). */
  roles: Role[];
  isNetworkAdmin: boolean;
  /** Re-reads /auth/me and the sites (after sign-in, password change, enrolment). */
  refresh(me?: Me): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

function rememberedSiteId(): number | null {
  try {
    const v = Number(localStorage.getItem(SITE_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

/** Provides the session to the tree. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<SessionValue['status']>('loading');
  const [sites, setSites] = useState<SiteSummary[]>([]);
  const [siteId, setSiteId] = useState<number | null>(rememberedSiteId());

  const refresh = useCallback(async (given?: Me) => {
    try {
      const next = given ?? (await api.get<Me>('/auth/me'));
      setCsrfToken(next.csrfToken);
      setMe(next);
      if (next.stage === 'full') {
        const list = await api.get<{ items: SiteSummary[] }>('/sites');
        setSites(list.items.filter((s) => s.status === 'active'));
      } else {
        setSites([]);
      }
      setStatus('signed_in');
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        setCsrfToken(null);
        setMe(null);
        setSites([]);
        setStatus('signed_out');
        return;
      }
      throw error;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setStatus('signed_out'));
  }, [refresh]);

  const selectSite = useCallback((id: number) => {
    setSiteId(id);
    try {
      localStorage.setItem(SITE_KEY, String(id));
    } catch {
      // not remembered
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/sign-out');
    } finally {
      setCsrfToken(null);
      setMe(null);
      setSites([]);
      setStatus('signed_out');
    }
  }, []);

  const value = useMemo<SessionValue>(() => {
    const currentSite = sites.find((s) => s.id === siteId) ?? sites[0] ?? null;
    const isNetworkAdmin = me?.grants.some((g) => g.role === 'network_admin' && g.siteId === null) ?? false;
    const roles = currentSite?.roles ?? [];
    return { me, status, sites, currentSite, selectSite, roles, isNetworkAdmin, refresh, signOut };
  }, [me, status, sites, siteId, selectSite, refresh, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session; throws outside {@link SessionProvider}. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
