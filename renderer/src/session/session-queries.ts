/**
 * The signed-in session as server state (react-query): `session/get` on start, kept
 * current by 'session/changed' events, changed by sign in / sign out. Every session passes
 * the room panes before it is shown: the panes a reload restored stay only for the person
 * who opened them; sign-out or another person closes them (and forgets them in the tab).
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { RequestArgs, SessionState } from '../../../shared/ipc/contract';
import { request } from '../bridge/bridge';
import { reopenRooms } from '../room/room-queries';
import { ownerOf, sameOwner } from '../stores/saved-panes';
import { useConnection } from '../stores/connection-store';
import { usePanes } from '../stores/ui-store';

export const sessionKey = ['session'] as const;

/** The room panes belong to whoever `session` is signed in as (or to nobody when signed out). */
function settlePanes(session: SessionState): void {
  usePanes.getState().keepPanesFor(ownerOf(session));
}

/** The current session (signed out until the server says otherwise). */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async () => {
      const session = await request('session/get', {});
      settlePanes(session);
      return session;
    },
    staleTime: Infinity,
  });
}

/**
 * Replaces the session; when the person changes, their rooms close and every other server
 * state is dropped. The panes are kept for the person who opened them, even when this is
 * the first session the page hears of (a reload).
 */
export function setSession(queryClient: QueryClient, next: SessionState): void {
  const previous = queryClient.getQueryData<SessionState>(sessionKey);
  const samePerson = previous !== undefined && sameOwner(ownerOf(previous), ownerOf(next));
  settlePanes(next);
  if (!samePerson) {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  } else if (next.status === 'signed-in' && useConnection.getState().state === 'offline') {
    // The same person announced while this page was cut off from main: main took it back
    // (its connection came back), so the rooms it shows are opened again. Any other repeat
    // (sign-in's own answer, a window's load) leaves the rooms as they are.
    void reopenRooms(queryClient);
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
