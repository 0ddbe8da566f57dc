/**
 * Lossless resume: the backend is stopped mid-stream and started again on the same port
 * and data; events made while the console was cut off are replayed from its cursors, so
 * the renderer sees every event once, in order. With a new signing key the old access
 * token is refused (WebSocket close 4403): the session refreshes and carries on.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type RunningBackend } from '../../backend/index';
import { toWebSocketUrl } from '../../main/core/graphql-client';
import type { BoardEvent } from '../../shared/domain';
import {
  gql,
  PASSWORD,
  recordingSession,
  until,
  visitorSays,
  visitorStartsEnquiry,
  sessionSavingRefreshTokens,
  signInLive,
} from './helpers';

let dataDir: string;
let backend: RunningBackend;
let port: number;

async function restart(extra: { tokenSecret?: string } = {}): Promise<void> {
  await backend.stop();
  backend = await startBackend({ port, dataDir, demo: true, simulator: false, quiet: true, ...extra });
}

/** Every board event after `after`, straight from the backend (the ground truth). */
async function boardEventsAfter(after: string, untilSeq: number): Promise<number[]> {
  const { login } = await gql<{ login: { accessToken: string } }>(
    backend.url,
    `mutation { login(tenant: "demo", email: "alan@demo.test", password: "${PASSWORD}") { accessToken } }`,
  );
  const client = createClient({
    url: toWebSocketUrl(backend.url),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${login.accessToken}` },
  });
  const seqs: number[] = [];
  try {
    for await (const result of client.iterate<{ boardEvents: BoardEvent }>({
      query: 'subscription($after: String) { boardEvents(after: $after) { seq } }',
      variables: { after },
    })) {
      const seq = result.data?.boardEvents.seq;
      if (seq !== undefined) seqs.push(seq);
      if (seq !== undefined && seq >= untilSeq) break;
    }
  } finally {
    await client.dispose();
  }
  return seqs;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'supervisor-resume-'));
  backend = await startBackend({ port: 0, dataDir, demo: true, simulator: false, quiet: true });
  port = backend.port;
});

afterAll(async () => {
  await backend?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('resume after reconnect', () => {
  it('loses and doubles nothing when the backend restarts mid-stream', async () => {
    const r = recordingSession(backend.url);
    await r.session.signIn({ tenant: 'demo', email: 'ada@demo.test', password: PASSWORD });
    const startCursor = (await r.session.loadBoard({ column: 'OPEN', first: 1 })).boardCursor;
    const first = await visitorStartsEnquiry(backend.url, 'Before Restart');
    await r.session.openRoom(first.id);
    await visitorSays(backend.url, first.visitorToken, 'm1');
    await until(() => r.of('connection/state').some((c) => c.state === 'live'), 'live');
    const roomTexts = () =>
      r
        .of('room/events')
        .flatMap((b) => b.events)
        .filter((e) => e.message?.kind === 'TEXT')
        .map((e) => e.message?.text);
    await until(() => roomTexts().includes('m1'), 'm1 delivered');

    const cutOff = r.events.length;
    await restart();
    // Changes made while the console is still cut off (or reconnecting): replayed from the log.
    const during = await visitorStartsEnquiry(backend.url, 'During Restart');
    await visitorSays(backend.url, first.visitorToken, 'm2');
    await visitorSays(backend.url, first.visitorToken, 'm3');
    await until(
      () =>
        r.events
          .slice(cutOff)
          .some((e) => e.event === 'connection/state' && (e.payload as { state: string }).state !== 'live'),
      'the drop noticed',
    );
    await until(() => r.of('connection/state').at(-1)?.state === 'live', 'live again');
    const after = await visitorStartsEnquiry(backend.url, 'After Restart');

    const board = () => r.of('board/events').flat();
    await until(() => board().some((e) => e.enquiry.id === after.id), 'board caught up');
    await until(() => roomTexts().length >= 3, 'room caught up');
    expect(roomTexts()).toEqual(['m1', 'm2', 'm3']);

    const seen = board().map((e) => e.seq);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(board().some((e) => e.enquiry.id === during.id)).toBe(true);
    const truth = await boardEventsAfter(startCursor, seen.at(-1) as number);
    expect(seen).toEqual(truth);
    const roomSeqs = r.of('room/events').flatMap((b) => b.events.map((e) => e.seq));
    expect(new Set(roomSeqs).size).toBe(roomSeqs.length);
    await r.session.signOut();
  }, 60_000);

  it('re-authenticates after the backend refuses the access token with 4403', async () => {
    const r = sessionSavingRefreshTokens(backend.url);
    const saved = r.saved;
    await signInLive(r, 'ada@demo.test');
    const savedBefore = saved.length;
    // A new signing key: every access token issued so far is now refused.
    await restart({ tokenSecret: 'a-brand-new-signing-key-for-this-test-0123456789' });
    await until(() => saved.length > savedBefore, 'refreshed after 4403', 20_000);
    await until(() => r.of('connection/state').at(-1)?.state === 'live', 'live again', 20_000);
    expect(r.session.getState().status).toBe('signed-in');
    const created = await visitorStartsEnquiry(backend.url, 'After Re-auth');
    await until(
      () =>
        r
          .of('board/events')
          .flat()
          .some((e) => e.enquiry.id === created.id),
      'events after re-auth',
    );
    const page = await r.session.loadBoard({ column: 'OPEN' });
    expect(page.enquiries.some((e) => e.id === created.id)).toBe(true);
    await r.session.signOut();
  }, 60_000);
});
