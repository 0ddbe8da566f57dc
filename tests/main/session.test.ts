/**
 * The main-process core against a real enquiry backend on port 0: sign-in, refusals,
 * token refresh, board and room streams, and the request handler's IpcResult mapping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { startTestBackend } from '../support/backend-client';
import { createRequestHandler } from '../../main/core/request-handler';
import {
  PASSWORD,
  recordingSession,
  until,
  visitorStartsEnquiry,
  visitorSays,
  sessionSavingRefreshTokens,
} from './helpers';

let backend: RunningBackend;

beforeAll(async () => {
  backend = await startTestBackend({ accessTokenTtlSeconds: 5 });
});

afterAll(async () => {
  await backend?.stop();
});

describe('supervisor session', () => {
  it('signs in, publishes the session and goes live; the renderer never sees a token', async () => {
    const r = recordingSession(backend.url);
    const state = await r.session.signIn({ tenant: 'demo', email: 'ada@demo.test', password: PASSWORD });
    expect(state).toMatchObject({
      status: 'signed-in',
      tenant: 'demo',
      role: 'ADMINISTRATOR',
      enquiryMonitoring: true,
    });
    expect(state.staff?.email).toBe('ada@demo.test');
    await until(() => r.of('connection/state').some((c) => c.state === 'live'), 'live connection');
    expect(r.of('session/changed').at(-1)).toEqual(state);
    const everything = JSON.stringify(r.events);
    expect(everything).not.toMatch(/accessToken|refreshToken|Bearer/);
    await r.session.signOut();
    expect(r.session.getState().status).toBe('signed-out');
    expect(r.of('connection/state').at(-1)?.state).toBe('signed-out');
  });

  it('runs overlapping sign-ins one after the other: one connection, every board event once', async () => {
    const r = recordingSession(backend.url);
    const credentials = { tenant: 'demo', email: 'alan@demo.test', password: PASSWORD };
    await Promise.all([r.session.signIn(credentials), r.session.signIn(credentials)]);
    await until(() => r.of('connection/state').some((c) => c.state === 'live'), 'live connection');
    const { visitorToken } = await visitorStartsEnquiry(backend.url, 'Overlap Olga');
    await visitorSays(backend.url, visitorToken, 'hello twice?');
    await until(
      () =>
        r
          .of('board/events')
          .flat()
          .some((e) => e.enquiry.visitor.name === 'Overlap Olga' && e.type === 'MESSAGE_POSTED'),
      'board events of the new enquiry',
    );
    const seqs = r
      .of('board/events')
      .flat()
      .map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    await r.session.signOut();
  });

  it('answers a wrong password with UNAUTHENTICATED as data, and requests before sign-in likewise', async () => {
    const r = recordingSession(backend.url);
    const handle = createRequestHandler(r.session);
    const refused = await handle('session/signIn', {
      tenant: 'demo',
      email: 'ada@demo.test',
      password: 'wrong',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const early = await handle('board/load', { column: 'OPEN' });
    expect(early).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses monitoring on a plan without it (PLAN_REQUIRED)', async () => {
    const r = recordingSession(backend.url);
    const handle = createRequestHandler(r.session);
    const signedIn = await handle('session/signIn', {
      tenant: 'basic',
      email: 'basil@basic.test',
      password: PASSWORD,
    });
    expect(signedIn).toMatchObject({ ok: true, value: { enquiryMonitoring: false } });
    const page = await handle('board/load', { column: 'HANDLING' });
    expect(page.ok).toBe(true);
    const enquiryId = page.ok ? (page.value as { enquiries: { id: string }[] }).enquiries[0]?.id : undefined;
    expect(enquiryId).toBeTruthy();
    const join = await handle('enquiry/join', { enquiryId, idempotencyKey: 'join-basic-1' });
    expect(join).toMatchObject({ ok: false, error: { code: 'PLAN_REQUIRED' } });
    await r.session.signOut();
  });

  it('refreshes the access token before it expires and keeps working past the first token’s lifetime', async () => {
    const r = sessionSavingRefreshTokens(backend.url);
    const saved = r.saved;
    await r.session.signIn({ tenant: 'demo', email: 'alan@demo.test', password: PASSWORD });
    const signedInAt = Date.now();
    // The 5 s token is refreshed ahead of expiry: the rotated refresh token is persisted.
    await until(() => saved.length >= 3, 'two refreshes', 20_000);
    expect(new Set(saved).size).toBe(saved.length);
    await until(() => Date.now() - signedInAt > 5_500 || null, 'first token expired', 10_000);
    const page = await r.session.loadBoard({ column: 'OPEN' });
    expect(page.totalCount).toBeGreaterThan(0);
    await r.session.signOut();
  }, 40_000);

  it('streams board and room events once, in order, batched for the renderer', async () => {
    const r = recordingSession(backend.url);
    await r.session.signIn({ tenant: 'demo', email: 'ada@demo.test', password: PASSWORD });
    const created = await visitorStartsEnquiry(backend.url, 'Stream Visitor');
    const room = await r.session.openRoom(created.id);
    expect(room.viewer.isMonitoring).toBe(true);
    await visitorSays(backend.url, created.visitorToken, 'first');
    await visitorSays(backend.url, created.visitorToken, 'second');
    const texts = () =>
      r
        .of('room/events')
        .flatMap((batch) => batch.events)
        .map((e) => e.message?.text)
        .filter(Boolean);
    await until(() => texts().length >= 2, 'room messages');
    expect(texts()).toEqual(['first', 'second']);
    const boardSeqs = r.of('board/events').flatMap((batch) => batch.map((e) => e.seq));
    expect(boardSeqs).toEqual([...boardSeqs].sort((a, b) => a - b));
    expect(new Set(boardSeqs).size).toBe(boardSeqs.length);
    expect(
      r
        .of('board/events')
        .flat()
        .some((e) => e.enquiry.id === created.id && e.type === 'ENQUIRY_CREATED'),
    ).toBe(true);
    await r.session.closeRoom(created.id);
    await r.session.signOut();
  });

  it('tells an admin who monitors a room that another admin took it over (native alert + toast)', async () => {
    const ada = recordingSession(backend.url, { coalesceMs: 50 });
    const alan = recordingSession(backend.url);
    await ada.session.signIn({ tenant: 'demo', email: 'ada@demo.test', password: PASSWORD });
    await alan.session.signIn({ tenant: 'demo', email: 'alan@demo.test', password: PASSWORD });
    const handling = await ada.session.loadBoard({ column: 'HANDLING' });
    const target = handling.enquiries.find((e) => e.call === null && e.owner?.role === 'AGENT');
    expect(target).toBeTruthy();
    await ada.session.openRoom(target!.id);
    await until(() => ada.of('connection/state').some((c) => c.state === 'live'), 'ada live');
    await until(() => alan.of('connection/state').some((c) => c.state === 'live'), 'alan live');
    const taken = await alan.session.takeOver({ enquiryId: target!.id, idempotencyKey: 'take-over-alert-1' });
    expect(taken.viewer.isOwner).toBe(true);
    await until(
      () => ada.of('notification/toast').some((n) => n.kind === 'MONITORED_ENQUIRY_TAKEN_OVER'),
      'toast',
    );
    await until(() => ada.alerts.length > 0, 'native alert');
    expect(ada.alerts[0]?.enquiryId).toBe(target!.id);
    await ada.session.signOut();
    await alan.session.signOut();
  });
});
