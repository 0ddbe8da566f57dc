import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeStartupFailure, StartupError } from '../../backend/startup-error';
import { checkBackendUrl, runBrowserHostCli, UsageError } from '../../main/browser-host/cli';
import { startTestBackend } from '../support/backend-client';

describe('npm run serve', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints its options for --help and starts nothing', async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const stop = await runBrowserHostCli(['--help']);
    await stop();
    const help = written.join('');
    expect(help).toMatch(/^Usage: npm run serve -- \[options\]/);
    for (const option of [
      '--port',
      '--backend-url',
      '--in-memory',
      '--no-simulator',
      '--renderer-dir',
      '--help',
    ])
      expect(help).toContain(option);
    expect(help).not.toMatch(/console ready at http/);
  });

  it('refuses an unknown option and a bad port with the reason', async () => {
    await expect(runBrowserHostCli(['--bogus'])).rejects.toThrow(/Unknown option '--bogus'/);
    await expect(runBrowserHostCli(['--bogus'])).rejects.toBeInstanceOf(UsageError);
    await expect(runBrowserHostCli(['--port', '70000'])).rejects.toThrow(
      '--port must be a whole number from 0 to 65535, not "70000". Run with --help for the options.',
    );
  });

  it('answers a usage mistake with exit code 2, as npm run backend and npm start do', async () => {
    const error = await runBrowserHostCli(['--bogus']).catch((caught: unknown) => caught);
    expect(describeStartupFailure(error, 'browser host')).toEqual({
      line: "Unknown option '--bogus'. Run with --help for the options.",
      exitCode: 2,
    });
  });

  it('checks --backend-url before saying ready: a dead address is one line naming it, a live backend passes', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const dead = `http://127.0.0.1:${port}/graphql`;
    const refused = await checkBackendUrl(dead).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(StartupError);
    expect(describeStartupFailure(refused, 'browser host')).toEqual({
      line: `--backend-url ${dead}: could not reach the enquiry backend (GET http://127.0.0.1:${port}/healthz: ECONNREFUSED); start it (npm run backend) or correct --backend-url.`,
      exitCode: 1,
    });
    await expect(checkBackendUrl('not a url')).rejects.toBeInstanceOf(UsageError);
    const backend = await startTestBackend();
    try {
      await expect(checkBackendUrl(backend.url)).resolves.toBe(backend.url);
    } finally {
      await backend.stop();
    }
  });
});
