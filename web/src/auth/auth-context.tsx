import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { onUnauthorized, setCsrfToken } from '../api/api-client';
import { authApi } from '../api/endpoints';
import { isApiError } from '../api/problem';
import type { Me, PermissionKey } from '../api/types';
import { setOrgFormats } from '../shared/org-formats';

type AuthState = {
  me: Me | null;
  loading: boolean;
  can: (permission: PermissionKey) => boolean;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<AuthState | null>(null);

export const ME_KEY = ['me'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await authApi.me();
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
  const me = meQuery.data ?? null;
  // Before any page renders (pages render only once `me` is known), so their first paint has the right formats.
  setOrgFormats(me?.organisation);

  useEffect(() => {
    setCsrfToken(me?.csrfToken ?? null);
  }, [me]);

  useEffect(() => {
    onUnauthorized(() => {
      queryClient.setQueryData(ME_KEY, null);
      const { pathname, search } = window.location;
      if (pathname !== '/login') navigate('/login', { replace: true, state: { from: pathname + search } });
    });
    return () => onUnauthorized(null);
  }, [navigate, queryClient]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const signedIn = await authApi.login(email, password);
      setCsrfToken(signedIn.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, signedIn);
      return signedIn;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
    }
  }, [navigate, queryClient]);

  const value = useMemo<AuthState>(
    () => ({
      me,
      loading: meQuery.isPending,
      can: (permission) => me?.permissions.includes(permission) ?? false,
      signIn,
      signOut,
    }),
    [me, meQuery.isPending, signIn, signOut],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** For pages that only render inside the signed-in shell. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe needs a signed-in user');
  return me;
}
