/**
 * The room's actions beside the spec's four (issue 13): an administrator transfers an
 * enquiry to another agent (or hands it back after a take-over) and closes one she owns;
 * an agent asks for help. Each is one call through the session's backend client; the
 * backend judges who may do what and its refusal is what the renderer shows.
 */
import type { Enquiry, HelpRequest, Room } from '../../shared/domain';
import * as docs from '../../shared/graphql/documents';
import type { AgentAvailability, RequestArgs } from '../../shared/ipc/contract';
import { fail } from './failures';
import type { BackendClient } from './graphql-client';

/**
 * Messages carried by a transfer's answer. The renderer already holds the room's transcript
 * and merges by id, so a short tail is enough (the system message saying who moved it).
 */
const TRANSFER_MESSAGES = 50;

/** Every agent of the tenant with presence, chats in hand and capacity. */
export async function listAgents(client: BackendClient): Promise<AgentAvailability[]> {
  return (await client.query<{ agents: AgentAvailability[] }>(docs.AGENTS)).agents;
}

/** Moves a Handling enquiry to another online agent with room for it; answers the room. */
export async function transferEnquiry(
  client: BackendClient,
  args: RequestArgs<'enquiry/transfer'>,
): Promise<Room> {
  const variables = { ...args, expectedVersion: args.expectedVersion ?? null, last: TRANSFER_MESSAGES };
  return (await client.mutate<{ transferEnquiry: Room }>(docs.TRANSFER_ENQUIRY, variables)).transferEnquiry;
}

/** The owner closes the enquiry; answers it as it stands closed. */
export async function closeEnquiry(
  client: BackendClient,
  args: RequestArgs<'enquiry/close'>,
): Promise<Enquiry> {
  return (await client.mutate<{ closeEnquiry: Enquiry }>(docs.CLOSE_ENQUIRY, args)).closeEnquiry;
}

interface HelpRequestResult {
  enquiry: { id: string; helpRequest: Omit<HelpRequest, 'enquiryId'> | null } | null;
}

/** The enquiry's open help request, null when none. */
export async function readHelpRequest(client: BackendClient, enquiryId: string): Promise<HelpRequest | null> {
  const { enquiry } = await client.query<HelpRequestResult>(docs.ENQUIRY_HELP_REQUEST, { enquiryId });
  if (!enquiry) fail('NOT_FOUND', 'That enquiry does not exist or is not visible to you.');
  return enquiry.helpRequest ? { ...enquiry.helpRequest, enquiryId: enquiry.id } : null;
}

/**
 * An agent asks an administrator for help with her enquiry (optionally with a note); asking
 * again while the request is open updates its note. Answers the request as it now stands.
 */
export async function askForHelp(
  client: BackendClient,
  args: RequestArgs<'enquiry/askForHelp'>,
): Promise<HelpRequest | null> {
  const note = args.note ? args.note : null;
  await client.mutate<{ requestAssistance: boolean }>(docs.REQUEST_ASSISTANCE, {
    enquiryId: args.enquiryId,
    note,
  });
  return readHelpRequest(client, args.enquiryId);
}
