import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';
import { startBackend, type BackendOptions, type RunningBackend } from '../../backend/index';
import { postGraphql, type GraphqlResponse } from './graphql-http';

/** Test helpers that talk to a real backend the way any client would: HTTP and graphql-ws. */

export const DEMO_PASSWORD = 'demo-pass-2026';

export type { GraphqlResponse };

/** Starts an in-memory backend with the demo world holding still, on port 0. */
export function startTestBackend(options: BackendOptions = {}): Promise<RunningBackend> {
  return startBackend({ port: 0, inMemory: true, demo: true, simulator: false, quiet: true, ...options });
}

/** POSTs one GraphQL operation; returns the whole response (data and errors). */
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphqlResponse<T>> {
  return (await postGraphql<T>(url, query, variables, token)).body;
}

/** Like gql, but throws on errors and returns data. */
export async function gqlData<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const result = await gql<T>(url, query, variables, token);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL error: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** The first error's code, or null. */
export const errorCode = (result: GraphqlResponse<unknown>): string | null =>
  result.errors?.[0]?.extensions?.code ?? null;

export interface Session {
  token: string;
  refreshToken: string;
  staffId: string;
  name: string;
}

export async function login(
  url: string,
  tenant: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const data = await gqlData<{
    login: { accessToken: string; refreshToken: string; staff: { id: string; name: string } };
  }>(
    url,
    `mutation ($tenant: String!, $email: String!, $password: String!) {
       login(tenant: $tenant, email: $email, password: $password) { accessToken refreshToken staff { id name } }
     }`,
    { tenant, email, password },
  );
  return {
    token: data.login.accessToken,
    refreshToken: data.login.refreshToken,
    staffId: data.login.staff.id,
    name: data.login.staff.name,
  };
}

/**
 * A visitor opens an enquiry in the demo tenant and `agent` picks it up: a Handling enquiry.
 * Returns its id and the visitor's token.
 */
export async function enquiryHandledBy(
  url: string,
  agent: Session,
  visitorName: string,
  text = 'Hello',
): Promise<{ id: string; visitorToken: string }> {
  const { startEnquiry } = await gqlData<{ startEnquiry: { visitorToken: string; enquiry: { id: string } } }>(
    url,
    `mutation ($name: String!, $text: String!) {
       startEnquiry(tenant: "demo", visitorName: $name, text: $text) { visitorToken enquiry { id } }
     }`,
    { name: visitorName, text },
  );
  await gqlData(
    url,
    `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { cursor } }`,
    { id: startEnquiry.enquiry.id },
    agent.token,
  );
  return { id: startEnquiry.enquiry.id, visitorToken: startEnquiry.visitorToken };
}

/** `admin` joins the enquiry; returns the room's cursor at the join (a stream from it misses nothing later). */
export async function joinEnquiry(url: string, admin: Session, enquiryId: string): Promise<string> {
  const data = await gqlData<{ joinEnquiry: { cursor: string } }>(
    url,
    `mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { cursor } }`,
    { id: enquiryId },
    admin.token,
  );
  return data.joinEnquiry.cursor;
}

/**
 * An operator turns enquiry monitoring on or off in a tenant's plan (in the store) and tells
 * the backend, which re-reads the tenant's accounts at once.
 */
export async function setMonitoringPlan(
  backend: RunningBackend,
  on: boolean,
  tenant = 'demo',
): Promise<void> {
  await backend.services.store.query(`update tenants set enquiry_monitoring = $1 where id = $2`, [
    on,
    tenant,
  ]);
  backend.services.actors.invalidate({ tenantId: tenant });
}

export interface BoardEnquiry {
  id: string;
  visitor: { name: string };
  owner: { id: string; name: string } | null;
  call: string | null;
  version: number;
  status: string;
}

/** Finds an enquiry of a column by its visitor's name. */
export async function enquiryByVisitor(
  url: string,
  token: string,
  column: string,
  visitor: string,
): Promise<BoardEnquiry> {
  const data = await gqlData<{ enquiryOverview: { edges: { node: BoardEnquiry }[] } }>(
    url,
    `query ($column: OverviewColumn!, $text: String) {
       enquiryOverview(column: $column, first: 50, filter: { text: $text }) {
         edges { node { id status visitor { name } owner { id name } call version } }
       }
     }`,
    { column, text: visitor },
    token,
  );
  const found = data.enquiryOverview.edges.find((e) => e.node.visitor.name === visitor);
  if (!found) throw new Error(`No ${column} enquiry of ${visitor}`);
  return found.node;
}

/**
 * A graphql-ws client authenticated with a token (re-read on every connect); `on` listens
 * to its events (connected, closed, …).
 */
export function wsClient(
  url: string,
  token: () => string,
  options: { retryAttempts?: number; lazy?: boolean; on?: ClientOptions['on'] } = {},
): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: () => ({ authorization: `Bearer ${token()}` }),
    retryAttempts: options.retryAttempts ?? 0,
    lazy: options.lazy ?? true,
    retryWait: async () => new Promise((resolve) => setTimeout(resolve, 50)),
    shouldRetry: () => true,
    ...(options.on ? { on: options.on } : {}),
  });
}

/** One operation over graphql-ws on `client`: its result, or the errors it was refused with. */
export function overSocket(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphqlResponse<unknown>> {
  return new Promise((resolve) => {
    let answer: GraphqlResponse<unknown> | null = null;
    client.subscribe(
      { query, variables },
      {
        next: (result) => (answer = result as GraphqlResponse<unknown>),
        error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String(error) }] }),
        complete: () => resolve(answer ?? {}),
      },
    );
  });
}

/**
 * Subscribes and collects every result; `until(n)` resolves once n items arrived.
 * Rejects waiting callers if the subscription errors.
 */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: any) => T,
) {
  const items: T[] = [];
  const errors: unknown[] = [];
  let waiters: { n: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const settle = (): void => {
    waiters = waiters.filter((w) => {
      if (errors.length > 0) {
        w.reject(errors[0]);
        return false;
      }
      if (items.length >= w.n) {
        w.resolve();
        return false;
      }
      return true;
    });
  };
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) errors.push(result.errors);
        else items.push(pick(result.data));
        settle();
      },
      error: (error) => {
        errors.push(error);
        settle();
      },
      complete: () => undefined,
    },
  );
  return {
    items,
    errors,
    dispose,
    until(n: number, timeoutMs = 15_000): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out with ${items.length}/${n} items`)),
          timeoutMs,
        );
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        settle();
      });
    },
  };
}
