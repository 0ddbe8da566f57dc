/**
 * A stand-in for Electron's binary where the real one cannot be had: a file holding only a
 * fuse wire (the sentinel, version 1, the wire's length, one byte per fuse), which is all
 * @electron/fuses reads and writes. Used to check the fuses the afterPack hook flips and to
 * let electron-builder pack the app (`electronDist`) on a machine without Electron.
 */
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Electron 45's defaults (docs/tutorial/fuses.md): '1' on, '0' off, one per fuse in wire order. */
export const ELECTRON_45_DEFAULT_WIRE = '101100011';

/** Writes a stand-in executable at `path` whose fuse wire is `wire`. */
export function writeStandInBinary(path: string, wire: string): void {
  const padding = Buffer.alloc(256, 0x2e);
  writeFileSync(
    path,
    Buffer.concat([
      padding,
      Buffer.from(SENTINEL),
      Buffer.from([1, wire.length]),
      Buffer.from(wire),
      padding,
    ]),
  );
  chmodSync(path, 0o755);
}

/** Electron 45's wire with every fuse the other way round: a packer must write each one. */
export const INVERTED_WIRE = [...ELECTRON_45_DEFAULT_WIRE].map((bit) => (bit === '1' ? '0' : '1')).join('');

/**
 * A stand-in Linux Electron distribution (for electron-builder's `electronDist`) in `dir`, its
 * fuses inverted from Electron's defaults so that a fuse nobody flips shows.
 */
export function writeStandInElectronDist(dir: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeStandInBinary(join(dir, 'electron'), INVERTED_WIRE);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron binary (tests only).\n');
  return dir;
}

/** The fuse wire of the binary at `path`, by fuse name: '1' on, '0' off. */
export async function readFuses(path: string): Promise<Record<string, string>> {
  const wire = await getCurrentFuseWire(path);
  const named: Record<string, string> = {};
  for (const [index, state] of Object.entries(wire)) {
    if (index === 'version') continue;
    named[FuseV1Options[Number(index)] ?? `fuse ${index}`] = String.fromCharCode(Number(state));
  }
  return named;
}
