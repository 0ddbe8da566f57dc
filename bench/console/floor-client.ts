/**
 * The floor page's script (bundled for the browser by floor-page.ts): the least a page can
 * do to show a room event. It opens graphql-ws straight to the backend with the bench's
 * access token, subscribes to `roomEvents` of the same rooms the console has open (the
 * console's own document) and appends each message's text to the DOM. With `board=1` it
 * also subscribes to `boardEvents` (counted, not drawn). Parameters arrive in the URL hash:
 * `#url=…&token=…&rooms=id,id[&board=1]`.
 */
import { createClient } from 'graphql-ws';
import { BOARD_EVENTS, ROOM_EVENTS } from '../../shared/graphql/documents';

declare global {
  interface Window {
    __floor?: { subscribed: number; roomEvents: number; boardEvents: number; errors: string[] };
  }
}

const params = new URLSearchParams(location.hash.slice(1));
const url = (params.get('url') ?? '').replace(/^http/, 'ws');
const token = params.get('token') ?? '';
const rooms = (params.get('rooms') ?? '').split(',').filter(Boolean);
const status = { subscribed: 0, roomEvents: 0, boardEvents: 0, errors: [] as string[] };
window.__floor = status;

const client = createClient({
  url,
  connectionParams: { authorization: `Bearer ${token}` },
  retryAttempts: 0,
  lazy: false,
});

const root = document.getElementById('rooms') as HTMLElement;
for (const enquiryId of rooms) {
  const list = document.createElement('ol');
  list.setAttribute('aria-label', enquiryId);
  root.append(list);
  client.subscribe<{ roomEvents: { message: { text: string } | null } }>(
    { query: ROOM_EVENTS, variables: { enquiryId, after: null } },
    {
      next: (result) => {
        status.roomEvents += 1;
        const text = result.data?.roomEvents.message?.text;
        if (!text) return;
        const item = document.createElement('li');
        item.textContent = text;
        list.append(item);
      },
      error: (error) => status.errors.push(String((error as Error)?.message ?? JSON.stringify(error))),
      complete: () => undefined,
    },
  );
  status.subscribed += 1;
}
if (params.get('board') === '1')
  client.subscribe(
    { query: BOARD_EVENTS, variables: { after: null } },
    {
      next: () => {
        status.boardEvents += 1;
      },
      error: (error) => status.errors.push(String((error as Error)?.message ?? JSON.stringify(error))),
      complete: () => undefined,
    },
  );
