import type { Me, Permission, Role } from '@ganxun/domain';
import { isAdminRole } from '@ganxun/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { changeLanguage, currentLanguage, storedLanguage } from './i18n';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

interface AuthContextValue {
  me: Me | null;
  loading: boolean;
  error: unknown;
  /** Why the user was sent back to the login page, if the session ended by itself. */
  sessionEnded: boolean;
  /** The user signed out on purpose: the next sign-in starts at home, not where they were. */
  signedOut: boolean;
  signedIn: (me: Me) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
  can: (...permissions: Permission[]) => boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: fetchMe,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const me = query.data ?? null;
  const [sessionEnded, setSessionEnded] = useState(false);
  const [signedOut, setSignedOut] = useState(false);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      if (queryClient.getQueryData(ME_QUERY_KEY)) setSessionEnded(true);
      queryClient.setQueryData(ME_QUERY_KEY, null);
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);

  // One language per person: a choice made on this device wins and is saved to the account;
  // on a device without a choice, the account's language applies.
  const syncedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!me || syncedFor.current === me.id) return;
    syncedFor.current = me.id;
    const stored = storedLanguage();
    if (!stored) {
      void changeLanguage(me.locale);
    } else if (stored !== me.locale && !me.restriction) {
      api.patch<Me>('/auth/me', { locale: stored }).catch(() => undefined);
    }
  }, [me]);

  const signedIn = useCallback(
    (next: Me) => {
      setCsrfToken(next.csrfToken);
      setSessionEnded(false);
      setSignedOut(false);
      syncedFor.current = null;
      queryClient.setQueryData(ME_QUERY_KEY, next);
    },
    [queryClient],
  );

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } catch {
      // The session may already be gone; the user wants out either way.
    }
    setCsrfToken(null);
    syncedFor.current = null;
    setSignedOut(true);
    setSessionEnded(false);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
    queryClient.setQueryData(ME_QUERY_KEY, null);
  }, [queryClient]);

  const can = useCallback(
    (...permissions: Permission[]) => !!me && permissions.some((p) => me.permissions.includes(p)),
    [me],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      me,
      loading: query.isPending,
      error: query.error,
      sessionEnded,
      signedOut,
      signedIn,
      refresh,
      logout,
      can,
    }),
    [me, query.isPending, query.error, sessionEnded, signedOut, signedIn, refresh, logout, can],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for pages behind RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

/** Saves the UI language to the account too, when someone is signed in. */
export function useSetLanguage() {
  const { me } = useAuth();
  const queryClient = useQueryClient();
  return useCallback(
    async (language: Me['locale']) => {
      await changeLanguage(language);
      if (me && !me.restriction && me.locale !== language) {
        try {
          const updated = await api.patch<Partial<Me>>('/auth/me', { locale: language });
          queryClient.setQueryData<Me | null>(ME_QUERY_KEY, (old) =>
            old ? { ...old, locale: updated?.locale ?? language } : old,
          );
        } catch {
          // The device keeps the choice even if the account could not be updated.
        }
      }
      return currentLanguage();
    },
    [me, queryClient],
  );
}

/** Admin pages (dictionaries) are shown to the three administrators, not to business roles. */
export function hasAdminRole(me: Me): boolean {
  return me.roles.some((r) => isAdminRole(r.role as Role));
}
