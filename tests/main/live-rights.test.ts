/**
 * The console's side of live rights (issue 11, defect 3) against a real backend whose
 * access tokens live 5 s: at expiry the backend closes the socket (4403) and the session
 * refreshes, reconnects and resumes from its cursors, losing nothing; when its session is
 * signed out on the backend (4401) it goes to the signed-out state once, not round a loop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { startTestBackend } from '../support/backend-client';
import {
  gql,
  sessionSavingRefreshTokens,
  until,
  visitorSays,
  visitorStartsEnquiry,
  signInLive,
} from './helpers';

let backend: RunningBackend;

// Access tokens live 5 s here.
beforeAll(async () => {
  backend = await startTestBackend({ accessTokenTtlSeconds: 5, messagesPer10Seconds: 10_000 });
});

afterAll(async () => {
  await backend?.stop();
});

describe('live rights in the console', () => {
  it('reconnects with a refreshed token when the backend closes the socket at expiry, losing no event', async () => {
    const r = sessionSavingRefreshTokens(backend.url);
    await signInLive(r, 'ada@demo.test');
    const { id, visitorToken } = await visitorStartsEnquiry(backend.url, 'Expiry Esme');
    await r.session.openRoom(id);
    const roomTexts = () =>
      r
        .of('room/events')
        .flatMap((b) => b.events)
        .filter((e) => e.message?.kind === 'TEXT' && e.message.text.startsWith('m'))
        .map((e) => e.message?.text);
    const renewed = () =>
      r
        .of('connection/state')
        .filter((c) => c.state === 'reconnecting' && c.detail === 'Renewing the session.').length;

    // Messages keep coming while the first access token expires and the socket is closed.
    const sent: string[] = [];
    for (let i = 0; renewed() === 0 || r.of('connection/state').at(-1)?.state !== 'live'; i++) {
      if (i > 150) throw new Error('the backend never closed the socket at expiry');
      const text = `m${i}`;
      await visitorSays(backend.url, visitorToken, text);
      sent.push(text);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // And a few on the new connection.
    for (let i = sent.length, n = sent.length + 5; i < n; i++) {
      await visitorSays(backend.url, visitorToken, `m${i}`);
      sent.push(`m${i}`);
    }
    await until(() => roomTexts().length >= sent.length, 'every message delivered', 15_000);
    expect(roomTexts()).toEqual(sent);
    const seqs = r.of('room/events').flatMap((b) => b.events.map((e) => e.seq));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(r.session.getState().status).toBe('signed-in');
    expect(r.saved.length).toBeGreaterThan(1); // refreshed
    await r.session.signOut();
  }, 30_000);

  it('signs out by itself without being told its session ended', async () => {
    const r = sessionSavingRefreshTokens(backend.url);
    await signInLive(r, 'grace@demo.test');
    await r.session.signOut();
    expect(r.of('connection/state').at(-1)).toMatchObject({ state: 'signed-out', detail: null });
    const settled = r.events.length;
    await visitorStartsEnquiry(backend.url, 'After Own Signout');
    expect(r.events.slice(settled)).toEqual([]);
    expect(r.of('session/changed').filter((s) => s.status === 'signed-out')).toHaveLength(1);
  }, 30_000);
});

describe('sign-out on the backend', () => {
  // Tokens of the default lifetime: no scheduled refresh comes to the rescue in this test.
  let other: RunningBackend;
  beforeAll(async () => {
    other = await startTestBackend();
  });
  afterAll(async () => {
    await other?.stop();
  });

  it('goes to signed-out once when its session is signed out on the backend', async () => {
    const r = sessionSavingRefreshTokens(other.url);
    await signInLive(r, 'alan@demo.test');
    const refreshToken = r.saved.at(-1) as string;
    // Signed out elsewhere (another host holding this session's refresh token).
    await gql(other.url, `mutation ($r: String!) { logout(refreshToken: $r) }`, { r: refreshToken });
    await until(() => r.session.getState().status === 'signed-out', 'signed out', 10_000);
    await until(() => r.of('connection/state').at(-1)?.state === 'signed-out', 'connection signed out');
    expect(r.of('connection/state').at(-1)?.detail).toMatch(/session has ended/i);
    expect(r.of('session/changed').filter((s) => s.status === 'signed-out')).toHaveLength(1);
    // Nothing streams or reconnects afterwards: a new event changes nothing.
    const before = r.events.length;
    await visitorStartsEnquiry(other.url, 'After Elsewhere');
    await visitorStartsEnquiry(other.url, 'After Elsewhere 2');
    expect(r.events.slice(before)).toEqual([]);
  }, 30_000);
});
