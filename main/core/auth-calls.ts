/**
 * The sign-in calls of a session: signing in and exchanging a refresh token (unauthenticated),
 * and who signed in (the session as the renderer sees it, signed in or out).
 */
import type { Role, StaffRef } from '../../shared/domain';
import * as docs from '../../shared/graphql/documents';
import type { RequestArgs, SessionState } from '../../shared/ipc/contract';
import type { AuthPayload } from './credentials';
import { BackendClient } from './graphql-client';

async function withAnonymousClient<T>(
  backendUrl: string,
  fn: (client: BackendClient) => Promise<T>,
): Promise<T> {
  const client = new BackendClient({
    backendUrl,
    accessToken: () => Promise.resolve(null),
    onTokenRejected: () => undefined,
    onStatus: () => undefined,
  });
  try {
    return await fn(client);
  } finally {
    await client.dispose();
  }
}

/** `login` with what the supervisor typed. */
export function login(backendUrl: string, args: RequestArgs<'session/signIn'>): Promise<AuthPayload> {
  return withAnonymousClient(
    backendUrl,
    async (client) => (await client.mutate<{ login: AuthPayload }>(docs.LOGIN, args)).login,
  );
}

/** `refreshSession`: new tokens for a refresh token (which stops working). */
export function refreshSession(backendUrl: string, refreshToken: string): Promise<AuthPayload> {
  return withAnonymousClient(
    backendUrl,
    async (client) =>
      (await client.mutate<{ refreshSession: AuthPayload }>(docs.REFRESH_SESSION, { refreshToken }))
        .refreshSession,
  );
}

/** The session as the renderer sees it when nobody is signed in. */
export function signedOutState(backendUrl: string): SessionState {
  return {
    status: 'signed-out',
    staff: null,
    tenant: null,
    role: null,
    enquiryMonitoring: false,
    backendUrl,
  };
}

interface MeResult {
  me: StaffRef & { tenant: { id: string; name: string; plan: string; enquiryMonitoring: boolean } };
}

/** The session as the renderer sees it once signed in: `me`, asked of the signed-in client. */
export async function signedInState(
  client: BackendClient,
  tenant: string,
  backendUrl: string,
): Promise<SessionState> {
  const { me } = await client.query<MeResult>(docs.ME);
  const role: Role = me.role;
  return {
    status: 'signed-in',
    staff: { id: me.id, name: me.name, email: me.email, role },
    tenant,
    role,
    enquiryMonitoring: me.tenant.enquiryMonitoring,
    backendUrl,
  };
}
