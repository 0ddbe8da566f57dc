/**
 * The update policy (main/core/update-policy.ts) over the REAL electron-updater (generic
 * provider, YAML parsing, sha512 verification) against a real local HTTP feed: channel
 * choice, when to check, when to prompt, deferral while work is pending, and what a bad
 * download, a feed that is down or a malformed feed do. See update-harness.ts for how
 * electron-updater runs in Node.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../shared/ipc/contract';
import { CHECK_EVERY_MS, RETRY_AFTER_MS, UpdatePolicy } from '../../main/core/update-policy';
import type { FeedChoice } from '../../main/core/updater-port';
import {
  FeedServer,
  ManualClock,
  artifact,
  createTestUpdater,
  linuxChannelFile,
  until,
  type TestUpdater,
} from './update-harness';

const LATEST = linuxChannelFile('latest');
const BETA = linuxChannelFile('beta');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function feedServer(): Promise<FeedServer> {
  const server = await new FeedServer().start();
  cleanups.push(() => server.close());
  return server;
}

interface Running {
  policy: UpdatePolicy;
  test: TestUpdater;
  clock: ManualClock;
  statuses: UpdateStatus[];
  lines: string[];
}

function startPolicy(
  feed: FeedChoice,
  options: { version?: string; channel?: 'stable' | 'beta' } = {},
): Running {
  const version = options.version ?? '0.1.0';
  const test = createTestUpdater(version);
  const clock = new ManualClock();
  const statuses: UpdateStatus[] = [];
  const lines: string[] = [];
  const policy = new UpdatePolicy({
    updater: test.updater,
    feed,
    channel: options.channel ?? 'stable',
    currentVersion: version,
    emit: (status) => statuses.push(status),
    log: (line) => lines.push(line),
    clock,
  });
  cleanups.push(() => {
    policy.stop();
    test.dispose();
  });
  policy.start();
  return { policy, test, clock, statuses, lines };
}

const feedAt = (url: string): FeedChoice => ({ url, source: 'settings' });
const failures = (lines: string[]) => lines.filter((line) => / failed /.test(line));

describe('update policy over the real electron-updater and a local feed', () => {
  it('stable: reads latest.yml, downloads with progress, and offers the restart only after the sha512-verified download', async () => {
    const server = await feedServer();
    const file = server.publish(LATEST, '0.2.0', artifact(400_000));
    server.publish(BETA, '0.3.0-beta.1', artifact(1000, 7));
    const run = startPolicy(feedAt(server.url));

    await until(() => run.policy.status().state === 'ready', 'ready');
    expect(server.asked()).toContain(LATEST);
    expect(server.asked()).not.toContain(BETA);
    expect(server.asked()).toContain(file);
    const states = run.statuses.map((status) => status.state);
    expect(states[0]).toBe('checking');
    expect(states).toContain('downloading');
    // 'ready' comes last, and only once the verified file is in the updater's cache.
    expect(states.indexOf('ready')).toBe(states.length - 1);
    expect(run.policy.status()).toEqual({
      state: 'ready',
      channel: 'stable',
      version: '0.2.0',
      restartRequested: false,
      waitingFor: [],
    });
    const downloading = run.statuses.filter((status) => status.state === 'downloading');
    expect(downloading.at(-1)).toMatchObject({ version: '0.2.0' });
    expect(existsSync(join(run.test.dir, 'cache', 'supervisor-console-updater', 'pending', file))).toBe(true);
    expect(run.lines.some((line) => /0\.2\.0 downloaded and verified \(sha512\)/.test(line))).toBe(true);
    expect(run.test.quitAndInstall).not.toHaveBeenCalled();
    // Ready: the 4-hourly check stands down; nothing more is asked of the feed.
    expect(run.clock.pending()).toEqual([]);
  });

  it('beta: reads beta.yml and offers the beta release', async () => {
    const server = await feedServer();
    server.publish(LATEST, '0.2.0', artifact(2000));
    const file = server.publish(BETA, '0.3.0-beta.1', artifact(3000, 5));
    const run = startPolicy(feedAt(server.url), { channel: 'beta' });

    await until(() => run.policy.status().state === 'ready', 'ready');
    expect(server.asked()).toContain(BETA);
    expect(server.asked()).not.toContain(LATEST);
    expect(server.asked()).toContain(file);
    expect(run.policy.status()).toMatchObject({ state: 'ready', channel: 'beta', version: '0.3.0-beta.1' });
  });

  it('a beta user back on stable is not downgraded: stays on the beta until a newer stable release, and is told so', async () => {
    const server = await feedServer();
    server.publish(LATEST, '0.2.0', artifact(2000));
    server.publish(BETA, '0.3.0-beta.1', artifact(3000, 5));
    const run = startPolicy(feedAt(server.url), { version: '0.3.0-beta.1', channel: 'stable' });

    await until(() => run.policy.status().state === 'idle' && server.asked().includes(LATEST), 'checked');
    await until(() => run.policy.status().state === 'idle', 'idle');
    expect(run.policy.status()).toMatchObject({ state: 'idle', channel: 'stable', problem: null });
    expect(server.asked().filter((path) => path.endsWith('.AppImage'))).toEqual([]);
    expect(run.policy.channelNote()).toMatch(
      /0\.3\.0-beta\.1.*stays installed until a stable release newer than it/,
    );

    // The stable release passes the beta: offered.
    const file = server.publish(LATEST, '0.3.0', artifact(2500, 3));
    run.clock.advance(CHECK_EVERY_MS);
    await until(() => run.policy.status().state === 'ready', 'ready');
    expect(server.asked()).toContain(file);
    expect(run.policy.status()).toMatchObject({ version: '0.3.0', channel: 'stable' });
  });

  it('moving from beta to stable drops a downloaded beta that is not installed yet', async () => {
    const server = await feedServer();
    server.publish(LATEST, '0.1.0', artifact(2000));
    server.publish(BETA, '0.3.0-beta.1', artifact(3000, 5));
    const run = startPolicy(feedAt(server.url), { channel: 'beta' });
    await until(() => run.policy.status().state === 'ready', 'ready');

    run.policy.setChannel('stable');
    expect(run.test.updater.autoInstallOnAppQuit).toBe(false);
    expect(run.test.updater.allowDowngrade).toBe(false);
    await until(() => server.asked().includes(LATEST), 'stable checked');
    await until(() => run.policy.status().state === 'idle', 'idle');
    expect(run.policy.status()).toMatchObject({ state: 'idle', channel: 'stable' });
  });

  it('checks at start, every 4 hours, and when asked', async () => {
    const server = await feedServer();
    server.publish(LATEST, '0.1.0', artifact(1000));
    const run = startPolicy(feedAt(server.url));
    const checks = () => server.asked().filter((path) => path === LATEST).length;

    await until(() => checks() === 1 && run.policy.status().state === 'idle', 'first check');
    expect(run.clock.pending()).toEqual([CHECK_EVERY_MS]);
    expect(run.policy.status()).toMatchObject({ state: 'idle', lastCheckedAt: expect.any(String) });

    run.clock.advance(CHECK_EVERY_MS - 1);
    expect(checks()).toBe(1);
    run.clock.advance(1);
    await until(() => checks() === 2 && run.policy.status().state === 'idle', 'second check');

    const asked = await run.policy.openWindow().check();
    expect(checks()).toBe(3);
    expect(asked).toMatchObject({ state: 'idle', problem: null });
    // The cadence restarts from the check a person asked for.
    expect(run.clock.pending()).toEqual([CHECK_EVERY_MS]);
  });

  it('two windows: the restart waits for every pending work, then installs once all are clear', async () => {
    const server = await feedServer();
    server.publish(LATEST, '0.2.0', artifact(5000));
    const run = startPolicy(feedAt(server.url));
    const first = run.policy.openWindow();
    const second = run.policy.openWindow();
    first.setPendingWork(['draft']);
    await until(() => run.policy.status().state === 'ready', 'ready');
    expect(run.policy.status()).toMatchObject({ restartRequested: false, waitingFor: ['draft'] });

    second.setPendingWork(['confirmation', 'action']);
    expect(await first.restart()).toEqual({
      state: 'ready',
      channel: 'stable',
      version: '0.2.0',
      restartRequested: true,
      waitingFor: ['confirmation', 'action', 'draft'],
    });
    first.setPendingWork([]);
    expect(second.status()).toMatchObject({ restartRequested: true, waitingFor: ['confirmation', 'action'] });
    second.setPendingWork(['action']);
    expect(run.test.quitAndInstall).not.toHaveBeenCalled();

    second.close(); // its pending work goes with it
    expect(run.policy.status()).toEqual({ state: 'restarting', channel: 'stable', version: '0.2.0' });
    expect(run.test.quitAndInstall).toHaveBeenCalledTimes(1);
    expect(run.test.quitAndInstall).toHaveBeenCalledWith(true, true);
    first.setPendingWork(['draft']);
    expect(run.test.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('restarts at once when no window has pending work, and not before the download is ready', async () => {
    const server = await feedServer();
    server.publish(LATEST, '0.2.0', artifact(5000));
    const run = startPolicy(feedAt(server.url));
    const window = run.policy.openWindow();
    expect((await window.restart()).state).not.toBe('restarting');
    await until(() => run.policy.status().state === 'ready', 'ready');
    expect(run.test.quitAndInstall).not.toHaveBeenCalled();
    expect(await window.restart()).toMatchObject({ state: 'restarting', version: '0.2.0' });
    expect(run.test.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('sha512 mismatch: the altered artifact is never offered; one line logged, retried in 30 minutes', async () => {
    const server = await feedServer();
    const published = artifact(50_000);
    const altered = Buffer.from(published);
    altered[1234] = altered[1234]! ^ 0xff;
    const file = server.publish(LATEST, '0.2.0', altered, { sha512Of: published });
    const run = startPolicy(feedAt(server.url));

    await until(
      () => server.asked().includes(file) && run.policy.status().state === 'idle',
      'download failed',
    );
    expect(run.statuses.some((status) => status.state === 'ready')).toBe(false);
    expect(run.policy.status()).toMatchObject({ state: 'idle', problem: null });
    expect(failures(run.lines)).toHaveLength(1);
    expect(failures(run.lines)[0]).toMatch(/download failed .*sha512 checksum mismatch.*next try in 30 min/);
    expect(run.clock.pending()).toEqual([RETRY_AFTER_MS]);
    expect(run.test.updater.autoInstallOnAppQuit).toBe(true);
    expect(existsSync(join(run.test.dir, 'cache', 'supervisor-console-updater', 'pending', file))).toBe(
      false,
    );

    // The feed is fixed: the retry downloads it; then the usual cadence.
    server.publish(LATEST, '0.2.0', published);
    run.clock.advance(RETRY_AFTER_MS);
    await until(() => run.policy.status().state === 'ready', 'ready after retry');
    expect(failures(run.lines)).toHaveLength(1);
  });

  it('a check a person asked for says what went wrong; a background one does not nag', async () => {
    const server = await feedServer();
    const published = artifact(20_000);
    const altered = Buffer.from(published);
    altered[10] = altered[10]! ^ 0x01;
    server.publish(LATEST, '0.2.0', altered, { sha512Of: published });
    server.set(LATEST, { status: 500 });
    const run = startPolicy(feedAt(server.url));
    await until(() => run.lines.length >= 2 && run.policy.status().state === 'idle', 'background failure');
    expect(run.policy.status()).toMatchObject({ state: 'idle', problem: null });

    const answer = await run.policy.openWindow().check();
    expect(answer).toMatchObject({
      state: 'idle',
      problem: expect.stringMatching(/could not be reached.*keeps working.*30 minutes/),
    });
    expect(failures(run.lines)).toHaveLength(2);

    // Asked, with the altered download: the problem names the checksum.
    server.publish(LATEST, '0.2.0', altered, { sha512Of: published });
    await run.policy.openWindow().check();
    await until(() => failures(run.lines).length === 3, 'download failure');
    expect(run.policy.status()).toMatchObject({
      state: 'idle',
      problem: expect.stringMatching(/did not match its published checksum/),
    });
  });

  it('feed down (connection refused, then HTTP 500): the app keeps running, one line each, retried later', async () => {
    const server = await feedServer();
    const url = server.url;
    await server.close();
    const run = startPolicy(feedAt(url));
    await until(() => failures(run.lines).length === 1 && run.policy.status().state === 'idle', 'refused');
    expect(failures(run.lines)[0]).toMatch(/check failed .*ECONNREFUSED.*next try in 30 min/);
    expect(run.policy.status()).toMatchObject({ state: 'idle', problem: null, lastCheckedAt: null });
    expect(run.clock.pending()).toEqual([RETRY_AFTER_MS]);

    const restarted = await feedServer();
    // Same policy, another server: a 500 from the feed.
    const run500 = startPolicy(feedAt(restarted.url));
    restarted.set(LATEST, { status: 500 });
    await until(() => failures(run500.lines).length === 1 && run500.policy.status().state === 'idle', '500');
    expect(failures(run500.lines)[0]).toMatch(/check failed .*500.*next try in 30 min/);
    expect(run500.clock.pending()).toEqual([RETRY_AFTER_MS]);

    // Back up: the retry succeeds, then the 4-hour cadence.
    restarted.publish(LATEST, '0.1.0', artifact(100));
    run500.clock.advance(RETRY_AFTER_MS);
    await until(() => run500.clock.pending()[0] === CHECK_EVERY_MS, 'cadence back to 4 h');
    expect(failures(run500.lines)).toHaveLength(1);
  });

  it('malformed feed (YAML that does not parse, a release without a version): one line, idle, retried', async () => {
    const server = await feedServer();
    server.set(LATEST, { body: 'version: [0.2.0\n  files: {{{\n', type: 'text/yaml' });
    const run = startPolicy(feedAt(server.url));
    await until(() => failures(run.lines).length === 1 && run.policy.status().state === 'idle', 'bad YAML');
    expect(failures(run.lines)[0]).toMatch(/check failed /);
    expect(run.clock.pending()).toEqual([RETRY_AFTER_MS]);

    server.set(LATEST, { body: 'files: []\npath: x.AppImage\n', type: 'text/yaml' });
    run.clock.advance(RETRY_AFTER_MS);
    await until(() => failures(run.lines).length === 2 && run.policy.status().state === 'idle', 'no version');
    expect(run.statuses.some((status) => status.state === 'downloading')).toBe(false);
    expect(run.clock.pending()).toEqual([RETRY_AFTER_MS]);
    // Nothing but the one line each: no stack, no multi-line dump.
    for (const line of run.lines) expect(line).not.toMatch(/\n/);
  });

  it('no feed: updates are unavailable and say why; nothing is asked of anyone', () => {
    const run = startPolicy({ url: null, reason: 'No update feed is configured.' });
    expect(run.policy.status()).toEqual({ state: 'unavailable', reason: 'No update feed is configured.' });
    expect(run.clock.pending()).toEqual([]);
    expect(run.statuses).toEqual([]);
  });
});
