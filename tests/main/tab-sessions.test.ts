/**
 * TabSessions with stand-in sockets, for the orderings a real browser produces but a test
 * cannot schedule: a reloaded page connecting before its old socket reports closing.
 */
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBackend, type RunningBackend } from '../../backend/index';
import { TabSessions } from '../../main/browser-host/tab-sessions';
import type { HostMessage } from '../../shared/ipc/loopback-protocol';
import { accessTokenOf, monitorsOf, PASSWORD, until, visitorStartsEnquiry } from './helpers';

let backend: RunningBackend;
let token: string;

beforeAll(async () => {
  backend = await startBackend({ port: 0, inMemory: true, demo: true, simulator: false, quiet: true });
  token = await accessTokenOf(backend.url, 'alan@demo.test');
});

afterAll(async () => {
  await backend?.stop();
});

/** The part of a `ws` socket TabSessions uses, with the ready state set by the test. */
class StandInSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly sent: HostMessage[] = [];
  private nextId = 1;

  send(data: string): void {
    this.sent.push(JSON.parse(data) as HostMessage);
  }

  close(): void {
    this.readyState = 3;
  }

  async invoke(channel: string, args: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.emit('message', Buffer.from(JSON.stringify({ t: 'invoke', id, channel, args })), false);
    const reply = await until(
      () => this.sent.find((m) => m.t === 'result' && m.id === id),
      `reply to ${channel}`,
    );
    return reply.t === 'result' ? reply.result : null;
  }
}

const asSocket = (socket: StandInSocket) => socket as unknown as WebSocket;

it('a reloaded page that connects before the old socket closes still has the old rooms held, then released', async () => {
  const { id } = await visitorStartsEnquiry(backend.url, 'Overlapping Olga');
  const tabs = new TabSessions({ backendUrl: backend.url, graceMs: 300 });
  try {
    const before = new StandInSocket();
    tabs.attach('tab-overlap-01', asSocket(before));
    await before.invoke('session/signIn', { tenant: 'demo', email: 'ada@demo.test', password: PASSWORD });
    expect(await before.invoke('room/open', { enquiryId: id })).toMatchObject({ ok: true });
    expect(await monitorsOf(backend.url, token, id)).toEqual(['ada@demo.test']);

    // The old socket is closing; the reloaded page attaches before its 'close' event fires.
    before.readyState = 2;
    const after = new StandInSocket();
    tabs.attach('tab-overlap-01', asSocket(after));
    before.emit('close');

    // The new page does not open that room again: once the hold is over it is closed.
    await until(
      async () => (await monitorsOf(backend.url, token, id)).length === 0,
      'the held room to be released',
    );
    expect(await after.invoke('room/open', { enquiryId: id })).toMatchObject({
      ok: true,
      value: { viewer: { isMonitoring: true } },
    });
    await after.invoke('session/signOut', {});
  } finally {
    await tabs.disposeAll();
  }
});
