/**
 * Where the installed app's updates come from (main/core/update-config.ts): the IT policy
 * file, then SUPERVISOR_UPDATE_FEED_URL, then settings.json; URLs that are not https (or
 * loopback http) are refused with a line in the log; the chosen feed is the one the real
 * electron-updater then reads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  UPDATE_FEED_ENV,
  resolveUpdateConfig,
  updatePolicyFilePath,
  type UpdateConfigInput,
} from '../../main/core/update-config';
import { redactSecrets } from '../../main/core/redact';
import { UpdatePolicy } from '../../main/core/update-policy';
import { SettingsFile } from '../../main/electron/settings';
import {
  FeedServer,
  ManualClock,
  artifact,
  createTestUpdater,
  linuxChannelFile,
  until,
} from './update-harness';

const POLICY_PATH = '/etc/supervisor-console/update-policy.json';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function resolve(
  parts: { policy?: object | string | null; env?: string; settings?: UpdateConfigInput['settings'] } = {},
) {
  const lines: string[] = [];
  const policy = parts.policy;
  const config = resolveUpdateConfig({
    policyFile: {
      path: POLICY_PATH,
      text:
        policy === undefined || policy === null
          ? null
          : typeof policy === 'string'
            ? policy
            : JSON.stringify(policy),
    },
    env: parts.env === undefined ? {} : { [UPDATE_FEED_ENV]: parts.env },
    settings: parts.settings ?? {},
    log: (line) => lines.push(line),
  });
  return { config, lines };
}

describe('update feed and channel per installation', () => {
  it('the policy file beats the environment, which beats settings.json', () => {
    const policy = { updateFeedUrl: 'https://it.example.com/console/' };
    const env = 'https://env.example.com/console/';
    const settings = { updateFeedUrl: 'https://user.example.com/console/' };
    expect(resolve({ policy, env, settings }).config.feed).toEqual({
      url: 'https://it.example.com/console/',
      source: 'policy file',
    });
    expect(resolve({ env, settings }).config.feed).toEqual({
      url: env,
      source: 'SUPERVISOR_UPDATE_FEED_URL',
    });
    expect(resolve({ settings }).config.feed).toEqual({ url: settings.updateFeedUrl, source: 'settings' });
    expect(resolve({ policy: {}, settings }).config.feed).toEqual({
      url: settings.updateFeedUrl,
      source: 'settings',
    });
  });

  it('refuses a URL that is not https (or http to this computer), logs it, and uses the next source', () => {
    const { config, lines } = resolve({
      policy: { updateFeedUrl: 'http://updates.example.com/console/' },
      env: 'ftp://updates.example.com/',
      settings: { updateFeedUrl: 'http://127.0.0.1:8080/feed/' },
    });
    expect(config.feed).toEqual({ url: 'http://127.0.0.1:8080/feed/', source: 'settings' });
    expect(lines).toEqual([
      `update: updateFeedUrl in ${POLICY_PATH} is not used: it must be https:// (http:// only to this computer: 127.0.0.1, localhost or [::1]).`,
      'update: SUPERVISOR_UPDATE_FEED_URL is not used: it must be https:// (http:// only to this computer: 127.0.0.1, localhost or [::1]).',
    ]);
    const withPassword = resolve({ env: 'https://user:secret@updates.example.com/' });
    expect(withPassword.config.feed.url).toBeNull();
    expect(withPassword.lines.join('\n')).toMatch(/user name or password/);
    expect(withPassword.lines.join('\n')).not.toMatch(/secret/);
  });

  it('no valid feed anywhere: unavailable, saying where to set one', () => {
    const { config } = resolve({ settings: { updateFeedUrl: 'http://example.com/' } });
    expect(config.feed).toEqual({
      url: null,
      reason: expect.stringMatching(
        /No update feed is configured: set updateFeedUrl in settings.json, the SUPERVISOR_UPDATE_FEED_URL/,
      ),
    });
    const test = createTestUpdater('0.1.0');
    cleanups.push(() => test.dispose());
    const policy = new UpdatePolicy({
      updater: test.updater,
      feed: config.feed,
      channel: config.channel,
      currentVersion: '0.1.0',
      emit: () => undefined,
      log: () => undefined,
    });
    expect(policy.status()).toMatchObject({
      state: 'unavailable',
      reason: expect.stringMatching(/No update feed/),
    });
  });

  it('a broken policy file is logged and ignored', () => {
    const { config, lines } = resolve({ policy: '{ not json', env: 'https://env.example.com/' });
    expect(config.feed.url).toBe('https://env.example.com/');
    expect(lines).toEqual([`update: the policy file ${POLICY_PATH} is not JSON: it is not used.`]);
    expect(resolve({ policy: '[1]' }).lines[0]).toMatch(/not a JSON object/);
  });

  it('the channel: the policy file fixes it (and says so), else the app setting, else stable', () => {
    expect(resolve().config).toMatchObject({ channel: 'stable', channelLockedBy: null });
    expect(resolve({ settings: { updateChannel: 'beta' } }).config).toMatchObject({
      channel: 'beta',
      channelLockedBy: null,
    });
    expect(
      resolve({ policy: { updateChannel: 'stable' }, settings: { updateChannel: 'beta' } }).config,
    ).toMatchObject({
      channel: 'stable',
      channelLockedBy: `Set by your IT department (${POLICY_PATH}).`,
    });
    const bad = resolve({ policy: { updateChannel: 'nightly' }, settings: { updateChannel: 'beta' } });
    expect(bad.config).toMatchObject({ channel: 'beta', channelLockedBy: null });
    expect(bad.lines).toEqual([
      `update: updateChannel in ${POLICY_PATH} is not used: it must be "stable" or "beta".`,
    ]);
  });

  it('the policy file lives in the machine-wide folder of each OS', () => {
    expect(updatePolicyFilePath('linux', {})).toBe('/etc/supervisor-console/update-policy.json');
    expect(updatePolicyFilePath('darwin', {})).toBe(
      '/Library/Application Support/Supervisor Console/update-policy.json',
    );
    expect(updatePolicyFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Supervisor Console\\update-policy.json',
    );
    expect(updatePolicyFilePath('win32', {})).toBe('C:\\ProgramData\\Supervisor Console\\update-policy.json');
  });

  it('settings.json: updateChannel is kept, a bad one is logged and ignored without losing the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'supervisor-settings-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const lines: string[] = [];
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        updateChannel: 'nightly',
        updateFeedUrl: 'https://updates.example.com/',
        embeddedDemo: true,
      }),
    );
    const settings = new SettingsFile(dir, (line) => lines.push(line));
    expect(settings.updateChannel()).toBe('stable');
    expect(settings.updateFeedUrl()).toBe('https://updates.example.com/');
    expect(settings.settings.embeddedDemo).toBe(true);
    expect(lines).toEqual([
      `settings: updateChannel in ${join(dir, 'settings.json')} is not used: it must be "stable" or "beta".`,
    ]);
    settings.update({ updateChannel: 'beta' });
    expect(new SettingsFile(dir).updateChannel()).toBe('beta');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      updateChannel: 'beta',
    });
  });

  it('the real updater reads the chosen feed: the policy file server, not the environment one', async () => {
    const itServer = await new FeedServer().start();
    const envServer = await new FeedServer().start();
    cleanups.push(
      () => itServer.close(),
      () => envServer.close(),
    );
    itServer.publish(linuxChannelFile('latest'), '0.2.0', artifact(3000));
    envServer.publish(linuxChannelFile('latest'), '0.9.0', artifact(3000, 2));
    const { config } = resolve({ policy: { updateFeedUrl: itServer.url }, env: envServer.url });
    const test = createTestUpdater('0.1.0');
    const policy = new UpdatePolicy({
      updater: test.updater,
      feed: config.feed,
      channel: config.channel,
      currentVersion: '0.1.0',
      emit: () => undefined,
      log: () => undefined,
      clock: new ManualClock(),
    });
    cleanups.push(() => {
      policy.stop();
      test.dispose();
    });
    policy.start();
    await until(() => policy.status().state === 'ready', 'ready');
    expect(policy.status()).toMatchObject({ version: '0.2.0' });
    expect(itServer.asked()).toContain(linuxChannelFile('latest'));
    expect(envServer.requests).toEqual([]);
  });

  it('log lines carry no token: not the feed URL’s query, not a Bearer header or a JWT', async () => {
    const server = await new FeedServer().start();
    cleanups.push(() => server.close());
    server.set(linuxChannelFile('latest'), { status: 500 });
    const test = createTestUpdater('0.1.0');
    const lines: string[] = [];
    const policy = new UpdatePolicy({
      updater: test.updater,
      feed: { url: `${server.url}?token=s3cr3t-feed-token`, source: 'settings' },
      channel: 'stable',
      currentVersion: '0.1.0',
      emit: () => undefined,
      log: (line) => lines.push(line),
      clock: new ManualClock(),
    });
    cleanups.push(() => {
      policy.stop();
      test.dispose();
    });
    policy.start();
    await until(() => lines.some((line) => / failed /.test(line)), 'the failure line');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/s3cr3t/);

    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl';
    const redacted = redactSecrets(
      `GET https://api.example.com/x?access_token=abc Authorization: Bearer ${jwt} {"refreshToken":"r-123"}`,
    );
    expect(redacted).not.toMatch(/abc|eyJ|r-123/);
    expect(redacted).toMatch(/https:\/\/api\.example\.com\/x\?\[redacted\]/);
  });
});
