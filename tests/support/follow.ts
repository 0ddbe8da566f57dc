import type { Client } from 'graphql-ws';

/** One result of a subscription, as graphql-ws hands it over. */
export interface SubscriptionResult {
  data?: any;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** A room's events with the fields `texts` and `types` read (variables: id, after). */
export const ROOM_EVENTS = `subscription ($id: ID!, $after: String) {
  roomEvents(enquiryId: $id, after: $after) { seq type message { kind text } }
}`;

/**
 * Follows one subscription on `client` and keeps every result it delivers, and how it ended
 * (completed by the server, or failed with an error). For room streams, `texts` and `types`
 * read the messages and event types; `codes` lists the refusals' codes, `raw` all of it as
 * JSON (to search for text anywhere in it).
 */
export function follow(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: SubscriptionResult[] = [];
  const state = { completed: false, failed: null as unknown };
  client.subscribe(
    { query, variables },
    {
      next: (result) => results.push(result as SubscriptionResult),
      error: (error) => {
        state.failed = error;
      },
      complete: () => {
        state.completed = true;
      },
    },
  );
  return {
    results,
    state,
    texts: (): string[] =>
      results.flatMap((r) => (r.data?.roomEvents?.message ? [r.data.roomEvents.message.text as string] : [])),
    types: (): string[] =>
      results.flatMap((r) => (r.data?.roomEvents ? [r.data.roomEvents.type as string] : [])),
    codes: (): unknown[] => results.flatMap((r) => (r.errors ?? []).map((e) => e.extensions?.['code'])),
    raw: (): string => JSON.stringify(results),
  };
}
