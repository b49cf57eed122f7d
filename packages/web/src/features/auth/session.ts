import { ApiError, type LoginInput, type SessionInfo } from '@firebreak/shared';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { API, api, setCsrfToken } from '../../api/client.js';

export const SESSION_KEY = ['session'] as const;

/** The signed-in session, or null when the server answers 401 (not signed in). */
async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return remember(await api.get<SessionInfo>(`${API}/auth/me`));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

function remember(session: SessionInfo): SessionInfo {
  setCsrfToken(session.csrfToken);
  return session;
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: 1 });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<SessionInfo>(`${API}/auth/login`, input),
    onSuccess: (session) => queryClient.setQueryData(SESSION_KEY, remember(session)),
  });
}

/**
 * Signs out. The auth guard then sees no session and shows the sign-in page, without the usual
 * "come back here afterwards": someone who signed out on purpose starts afresh.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>(`${API}/auth/logout`),
    onSettled: () => {
      signedOutOnPurpose = true;
      forgetEverything(queryClient);
    },
  });
}

let signedOutOnPurpose = false;

/** True once after a deliberate sign-out, for the guard to skip `?next=`. */
export function takeSignedOutOnPurpose(): boolean {
  const value = signedOutOnPurpose;
  signedOutOnPurpose = false;
  return value;
}

/** Drops the session and every cached answer, so the next person on this browser sees nothing of ours. */
function forgetEverything(queryClient: QueryClient): void {
  setCsrfToken(undefined);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, null);
}

/** The session inside the auth guard, where it is known to exist. */
export const SessionContext = createContext<SessionInfo | null>(null);

export function useSignedIn(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSignedIn() used outside <RequireAuth>');
  return session;
}

/** Only paths inside this app are followed after sign-in, never another origin (`//evil.example`). */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : '/';
}
