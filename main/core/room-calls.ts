/** The room operations of a session, read and written through its client. */
import type { Message, Room } from '../../shared/domain';
import * as docs from '../../shared/graphql/documents';
import type { RequestArgs } from '../../shared/ipc/contract';
import { fail } from './failures';
import type { BackendClient } from './graphql-client';

/** A fresh name for this window's monitor leases (one per sign-in). */
export function newMonitorKey(): string {
  return `console-${globalThis.crypto.randomUUID()}`;
}

/**
 * Opens a room: its snapshot with the latest `last` messages. With a monitor key (an
 * administrator on a plan with monitoring) this also takes this window's monitor lease,
 * a tenant write: call it once per opening, and `readRoom` for every refresh after.
 */
export async function fetchRoom(
  client: BackendClient,
  enquiryId: string,
  last: number,
  monitorKey: string | null,
): Promise<Room> {
  if (monitorKey) {
    const variables = { enquiryId, last, monitorKey };
    return (await client.mutate<{ monitorEnquiry: Room }>(docs.MONITOR_ENQUIRY, variables)).monitorEnquiry;
  }
  return readRoom(client, enquiryId, last);
}

/**
 * A room's snapshot with its latest `last` messages: a query, no write. An open room's
 * monitor lease is kept by its room stream, so a refresh needs nothing more.
 */
export async function readRoom(client: BackendClient, enquiryId: string, last: number): Promise<Room> {
  const result = await client.query<{ room: Room | null }>(docs.ROOM_QUERY, { enquiryId, last });
  if (!result.room) fail('NOT_FOUND', 'That enquiry does not exist or is not visible to you.');
  return result.room;
}

/** Ends this window's monitor lease of a room (best effort: a lease also runs out by itself). */
export async function stopMonitoring(
  client: BackendClient,
  enquiryId: string,
  monitorKey: string,
): Promise<void> {
  await client.mutate(docs.STOP_MONITORING, { enquiryId, monitorKey }).catch(() => undefined);
}

export async function joinEnquiry(client: BackendClient, args: RequestArgs<'enquiry/join'>, last: number) {
  return (await client.mutate<{ joinEnquiry: Room }>(docs.JOIN_ENQUIRY, { ...args, last })).joinEnquiry;
}

export async function takeOverEnquiry(
  client: BackendClient,
  args: RequestArgs<'enquiry/takeOver'>,
  last: number,
) {
  const variables = { ...args, expectedVersion: args.expectedVersion ?? null, last };
  return (await client.mutate<{ takeOverEnquiry: Room }>(docs.TAKE_OVER_ENQUIRY, variables)).takeOverEnquiry;
}

export async function leaveEnquiry(client: BackendClient, args: RequestArgs<'enquiry/leave'>, last: number) {
  return (await client.mutate<{ leaveEnquiry: Room }>(docs.LEAVE_ENQUIRY, { ...args, last })).leaveEnquiry;
}

export async function sendMessage(
  client: BackendClient,
  args: RequestArgs<'room/sendMessage'>,
): Promise<Message> {
  return (await client.mutate<{ sendMessage: Message }>(docs.SEND_MESSAGE, args)).sendMessage;
}

export async function sendWhisper(
  client: BackendClient,
  args: RequestArgs<'room/sendWhisper'>,
): Promise<Message> {
  return (await client.mutate<{ sendWhisper: Message }>(docs.SEND_WHISPER, args)).sendWhisper;
}
