/**
 * The agent / visitor side of e2e flows, spoken straight to the backend's GraphQL over
 * HTTP (API-CONTRACT.md): sign in, open a fresh enquiry as a visitor, pick it up as an
 * agent, start and end calls. Each test creates its own enquiries so tests never share one.
 */
export const DEMO_PASSWORD = 'demo-pass-2026';

interface GraphqlError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export class BackendApi {
  private tokens = new Map<string, string>();

  constructor(readonly url: string) {}

  /** Posts one operation; returns data and errors as they are. */
  async raw<T>(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T | null; errors?: GraphqlError[] };
  }

  /** Posts one operation and returns its data; throws on any error. */
  async data<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const result = await this.raw<T>(query, variables, token);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** An access token for a demo account (cached). */
  async token(email: string, tenant = email.endsWith('@basic.test') ? 'basic' : 'demo'): Promise<string> {
    const known = this.tokens.get(`${tenant}/${email}`);
    if (known) return known;
    const data = await this.data<{ login: { accessToken: string } }>(
      `mutation ($tenant: String!, $email: String!, $password: String!) {
         login(tenant: $tenant, email: $email, password: $password) { accessToken }
       }`,
      { tenant, email, password: DEMO_PASSWORD },
    );
    this.tokens.set(`${tenant}/${email}`, data.login.accessToken);
    return data.login.accessToken;
  }

  /** A visitor opens a new enquiry in the Open column; returns its id. */
  async startEnquiry(
    visitorName: string,
    options: { tenant?: string; text?: string; subject?: string } = {},
  ) {
    const data = await this.data<{ startEnquiry: { visitorToken: string; enquiry: { id: string } } }>(
      `mutation ($tenant: String!, $visitorName: String!, $text: String, $subject: String) {
         startEnquiry(tenant: $tenant, visitorName: $visitorName, channel: WEB_CHAT, text: $text, subject: $subject) {
           visitorToken enquiry { id }
         }
       }`,
      {
        tenant: options.tenant ?? 'demo',
        visitorName,
        text: options.text ?? `Hello, this is ${visitorName}. My order has not arrived.`,
        subject: options.subject ?? 'Late delivery',
      },
    );
    return { enquiryId: data.startEnquiry.enquiry.id, visitorToken: data.startEnquiry.visitorToken };
  }

  /** An agent picks up an Open enquiry: it moves to Handling with the agent as owner. */
  async pickUp(agentEmail: string, enquiryId: string): Promise<void> {
    await this.data(
      `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { enquiry { id } } }`,
      { id: enquiryId },
      await this.token(agentEmail),
    );
  }

  /** An administrator takes the enquiry over directly (not through a console). */
  async takeOver(adminEmail: string, enquiryId: string): Promise<void> {
    await this.data(
      `mutation ($id: ID!) { takeOverEnquiry(enquiryId: $id) { enquiry { id } } }`,
      { id: enquiryId },
      await this.token(adminEmail),
    );
  }

  /** A fresh enquiry in Handling, owned by the agent; returns its id. */
  async handlingEnquiry(
    visitorName: string,
    agentEmail = 'grace@demo.test',
    tenant = 'demo',
  ): Promise<string> {
    const { enquiryId } = await this.startEnquiry(visitorName, { tenant });
    await this.pickUp(agentEmail, enquiryId);
    return enquiryId;
  }

  /** The owner agent starts a call (ONE_TO_ONE or CONFERENCE). */
  async startCall(agentEmail: string, enquiryId: string, kind: 'ONE_TO_ONE' | 'CONFERENCE'): Promise<void> {
    await this.data(
      `mutation ($id: ID!, $kind: CallKind!) { startCall(enquiryId: $id, kind: $kind) { id } }`,
      { id: enquiryId, kind },
      await this.token(agentEmail),
    );
  }

  /** The call ends. */
  async endCall(agentEmail: string, enquiryId: string): Promise<void> {
    await this.data(
      `mutation ($id: ID!) { endCall(enquiryId: $id) { id } }`,
      { id: enquiryId },
      await this.token(agentEmail),
    );
  }

  /** Posts a visitor message. */
  async visitorSays(visitorToken: string, text: string): Promise<void> {
    await this.data(
      `mutation ($t: String!, $text: String!) { sendVisitorMessage(visitorToken: $t, text: $text) { id } }`,
      { t: visitorToken, text },
    );
  }

  /** The code of the error a staff member gets when joining directly (null when allowed). */
  async joinErrorCode(email: string, enquiryId: string): Promise<string | null> {
    const result = await this.raw(
      `mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { viewer { isParticipant } } }`,
      { id: enquiryId },
      await this.token(email),
    );
    return result.errors?.[0]?.extensions?.code ?? null;
  }

  /** The enquiry's owner, as the server sees it. */
  async owner(email: string, enquiryId: string): Promise<string | null> {
    const data = await this.data<{ enquiry: { owner: { name: string } | null } | null }>(
      `query ($id: ID!) { enquiry(id: $id) { owner { name } } }`,
      { id: enquiryId },
      await this.token(email),
    );
    return data.enquiry?.owner?.name ?? null;
  }
}
