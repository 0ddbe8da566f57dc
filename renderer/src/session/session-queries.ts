/**
 * The signed-in session as server state (react-query): `session/get` on start, kept
 * current by 'session/changed' events, changed by sign in / sign out.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { RequestArgs, SessionState } from '../../../shared/ipc/contract';
import { request } from '../bridge/bridge';
import { usePanes } from '../stores/ui-store';

export const sessionKey = ['session'] as const;

/** The current session (signed out until the server says otherwise). */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: () => request('session/get', {}), staleTime: Infinity });
}

/** Replaces the session; when the person changes, their rooms close and every other server state is dropped. */
export function setSession(queryClient: QueryClient, next: SessionState): void {
  const previous = queryClient.getQueryData<SessionState>(sessionKey);
  const samePerson =
    previous?.status === next.status &&
    previous?.staff?.id === next.staff?.id &&
    previous?.tenant === next.tenant;
  if (!samePerson) {
    usePanes.getState().closeAll();
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  }
  queryClient.setQueryData(sessionKey, next);
}

/** Signs in; the server's refusal is the mutation's error. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (args: RequestArgs<'session/signIn'>) => request('session/signIn', args),
    onSuccess: (session) => setSession(queryClient, session),
  });
}

/** Signs out. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request('session/signOut', {}),
    onSuccess: (session) => setSession(queryClient, session),
  });
}
