/**
 * The afterPack hook (main/packaging/electron-fuses.ts) on a stand-in Electron binary: it
 * flips all nine fuses of Electron 45 to what electron-builder.yml (and, for the one
 * electron-builder cannot state, the hook) says, and refuses a binary with a fuse nobody stated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AfterPackContext } from 'electron-builder';
import { afterEach, describe, expect, it } from 'vitest';
import { afterPack, fuseConfig } from '../../main/packaging/electron-fuses';
import { ELECTRON_45_DEFAULT_WIRE, INVERTED_WIRE, readFuses, writeStandInBinary } from './stand-in-electron';

const electronFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A Linux afterPack context for a stand-in binary with `wire`; returns it and the binary's path. */
function linuxContext(wire: string): { context: AfterPackContext; binary: string } {
  const appOutDir = mkdtempSync(join(tmpdir(), 'supervisor-fuses-'));
  dirs.push(appOutDir);
  const binary = join(appOutDir, 'supervisor-console');
  writeStandInBinary(binary, wire);
  const context = {
    appOutDir,
    electronPlatformName: 'linux',
    arch: 1,
    packager: {
      executableName: 'supervisor-console',
      appInfo: { productFilename: 'Supervisor Console' },
      config: { electronFuses },
    },
  } as unknown as AfterPackContext;
  return { context, binary };
}

describe('the afterPack hook', () => {
  it("flips every fuse of Electron 45's wire, WasmTrapHandlers included", async () => {
    // Start from the opposite of Electron's defaults, so every fuse must be written.
    const { context, binary } = linuxContext(INVERTED_WIRE);
    await afterPack(context);
    expect(await readFuses(binary)).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
      WasmTrapHandlers: '1',
    });
  });

  it('fails the build on an Electron with a fuse nobody stated (strictlyRequireAllFuses)', async () => {
    const { context, binary } = linuxContext(`${ELECTRON_45_DEFAULT_WIRE}1`);
    await expect(afterPack(context)).rejects.toThrow(/strictlyRequireAllFuses.*10 fuses/);
    // Nothing written: the wire is as it was.
    expect(Object.values(await readFuses(binary)).join('')).toBe(`${ELECTRON_45_DEFAULT_WIRE}1`);
  });

  it('names a fuse electron-builder.yml leaves out, and where to state it', () => {
    const { onlyLoadAppFromAsar: _left, ...rest } = electronFuses;
    expect(() => fuseConfig(rest, false)).toThrow(
      /Electron fuse\(s\) not stated: OnlyLoadAppFromAsar\. State each in electron-builder\.yml's electronFuses/,
    );
  });
});
