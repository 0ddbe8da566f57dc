/**
 * Test helpers for the main-process core: a real in-process backend on port 0, a session
 * whose emitted events are recorded, and waiting for conditions without sleeping.
 */
import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import { SupervisorSession, type SupervisorSessionOptions } from '../../main/core/session';
import type { NativeAlert, SessionPorts } from '../../main/core/ports';
import { postGraphql } from '../support/graphql-http';
import { until } from '../support/until';

export { until };

export const PASSWORD = 'demo-pass-2026';

export interface Recorded {
  event: EventName;
  payload: unknown;
}

/** A session plus everything it emitted and every native alert it raised. */
export interface RecordingSession {
  session: SupervisorSession;
  events: Recorded[];
  alerts: NativeAlert[];
  /** Payloads of one event name, in order. */
  of<E extends EventName>(event: E): EventPayloads[E][];
}

export function recordingSession(
  backendUrl: string,
  extra: Partial<SupervisorSessionOptions> = {},
  ports: Partial<SessionPorts> = {},
): RecordingSession {
  const events: Recorded[] = [];
  const alerts: NativeAlert[] = [];
  const session = new SupervisorSession({
    backendUrl,
    backoff: { baseMs: 50, maxMs: 400 },
    ...extra,
    ports: {
      emit: (event, payload) => events.push({ event, payload }),
      showAlert: (alert) => alerts.push(alert),
      ...ports,
    },
  });
  return {
    session,
    events,
    alerts,
    of: <E extends EventName>(event: E) =>
      events.filter((e) => e.event === event).map((e) => e.payload as EventPayloads[E]),
  };
}

/** A session whose host keeps refresh tokens: each one it is asked to save lands in `saved`. */
export function sessionSavingRefreshTokens(backendUrl: string): RecordingSession & { saved: string[] } {
  const saved: string[] = [];
  const recording = recordingSession(
    backendUrl,
    {},
    {
      refreshTokenStore: {
        load: async () => null,
        save: async (entry) => {
          if (entry) saved.push(entry.refreshToken);
        },
      },
    },
  );
  return { ...recording, saved };
}

/** Signs the recorded session in as a demo account and waits until its connection is live. */
export async function signInLive<R extends RecordingSession>(r: R, email: string): Promise<R> {
  await r.session.signIn({ tenant: 'demo', email, password: PASSWORD });
  await until(() => r.of('connection/state').at(-1)?.state === 'live', `${email} live`);
  return r;
}

/** Posts one GraphQL operation over HTTP (as a visitor or with a bearer token). */
export async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const { body } = await postGraphql<T>(url, query, variables, token);
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

/** A demo account's access token, straight from the backend. */
export async function accessTokenOf(url: string, email: string): Promise<string> {
  const login = await gql<{ login: { accessToken: string } }>(
    url,
    `mutation ($email: String!, $password: String!) { login(tenant: "demo", email: $email, password: $password) { accessToken } }`,
    { email, password: PASSWORD },
  );
  return login.login.accessToken;
}

/** Who the backend lists as monitoring the enquiry now, as read by the admin holding `token`. */
export async function monitorsOf(url: string, token: string, enquiryId: string): Promise<string[]> {
  const data = await gql<{ enquiry: { monitors: { email: string }[] } }>(
    url,
    `query ($id: ID!) { enquiry(id: $id) { monitors { email } } }`,
    { id: enquiryId },
    token,
  );
  return data.enquiry.monitors.map((m) => m.email);
}

const START_ENQUIRY = `mutation($tenant: String!, $name: String!) {
  startEnquiry(tenant: $tenant, visitorName: $name, text: "Hello") { visitorToken enquiry { id } }
}`;

/** A visitor opens a new enquiry in the tenant's Open column; returns its id and the visitor token. */
export async function visitorStartsEnquiry(
  url: string,
  name: string,
  tenant = 'demo',
): Promise<{ id: string; visitorToken: string }> {
  const data = await gql<{ startEnquiry: { visitorToken: string; enquiry: { id: string } } }>(
    url,
    START_ENQUIRY,
    { tenant, name },
  );
  return { id: data.startEnquiry.enquiry.id, visitorToken: data.startEnquiry.visitorToken };
}

/** The visitor holding `visitorToken` posts a message. */
export async function visitorSays(url: string, visitorToken: string, text: string): Promise<void> {
  await gql(
    url,
    `mutation($t: String!, $x: String!) { sendVisitorMessage(visitorToken: $t, text: $x) { id } }`,
    { t: visitorToken, x: text },
  );
}
