import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBrowserHostCli, UsageError } from '../../main/browser-host/cli';

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
    await expect(runBrowserHostCli(['--port', '70000'])).rejects.toThrow('--port must be 0–65535, got 70000');
  });
});
