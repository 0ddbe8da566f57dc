/**
 * electron-builder.yml, read and validated the way electron-builder itself does it
 * (app-builder-lib's getConfig + validateConfiguration against its scheme.json), and what
 * issue 12 asks of it: targets, update files for every channel, the deep-link protocol, every
 * fuse stated, a publish feed that is a placeholder, our icons.
 */
import { FuseV1Options } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ICON_SIZES, MASTER_ICON_SIZE, iconFiles } from '../../main/build-icons';
import { BUILDER_FUSE_KEYS, allFuseOptions, fuseConfig } from '../../main/packaging/electron-fuses';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Config = Awaited<ReturnType<typeof getConfig>>;

async function loadConfig(): Promise<Config> {
  return getConfig(root, null, null);
}

async function validate(config: unknown): Promise<void> {
  await validateConfiguration(config as Config, new DebugLogger(false));
}

function targets(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map((target: unknown) =>
    typeof target === 'string' ? target : (target as { target: string }).target,
  );
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema (scheme.json)", async () => {
    await expect(validate(await loadConfig())).resolves.toBeUndefined();
  });

  it('the validation refuses what the schema does not know (so the test above means something)', async () => {
    const config = await loadConfig();
    await expect(
      validate({ ...config, electronFuses: { ...config.electronFuses, wasmTrapHandlers: true } }),
    ).rejects.toThrow(/electronFuses/);
    await expect(validate({ ...config, linux: { ...config.linux, targets: ['AppImage'] } })).rejects.toThrow(
      /configuration\.linux/,
    );
  });

  it('names the app and builds AppImage + deb, NSIS, dmg + zip', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('com.supervisorconsole.desktop');
    expect(config.productName).toBe('Supervisor Console');
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
    expect(targets(config.mac?.target)).toEqual(['dmg', 'zip']);
  });

  it('writes update files for every channel, to a generic feed whose URL is a placeholder', async () => {
    const config = await loadConfig();
    expect(config.generateUpdatesFilesForAllChannels).toBe(true);
    const publish = (Array.isArray(config.publish) ? config.publish : [config.publish]) as {
      provider: string;
      url?: string;
      channel?: string;
    }[];
    expect(publish).toHaveLength(1);
    expect(publish[0]!.provider).toBe('generic');
    // The channel comes from the version (1.5.0-beta.1 → beta): a fixed one would put a
    // beta release into latest.yml.
    expect(publish[0]!.channel).toBeUndefined();
    // Each installation names its feed at run time; the built-in one never resolves.
    expect(new URL(publish[0]!.url!).hostname).toMatch(/\.?invalid$/);
  });

  it('registers the supervisor-console deep-link protocol (and the Linux desktop entry handles it)', async () => {
    const config = await loadConfig();
    const protocols = Array.isArray(config.protocols) ? config.protocols : [config.protocols];
    expect(protocols.flatMap((protocol) => protocol?.schemes ?? [])).toContain('supervisor-console');
    expect(JSON.stringify(config.linux?.desktop)).toContain('x-scheme-handler/supervisor-console');
  });

  it("states every fuse of electron-builder's schema, and with the hook every fuse of @electron/fuses", async () => {
    const config = await loadConfig();
    const schema = JSON.parse(
      readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    ) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const schemaFuses = Object.keys(schema.definitions.FuseOptionsV1.properties).filter(
      (key) => key !== 'resetAdHocDarwinSignature',
    );
    const stated = config.electronFuses as Record<string, unknown>;
    for (const key of schemaFuses) expect(typeof stated[key], `electronFuses.${key}`).toBe('boolean');
    expect(Object.keys(BUILDER_FUSE_KEYS).sort()).toEqual([...schemaFuses].sort());
    // The hook's wire: every fuse @electron/fuses knows (9 for Electron 45), none inherited.
    const wire = fuseConfig(config.electronFuses ?? undefined, false) as unknown as Record<number, unknown>;
    expect(allFuseOptions().length).toBeGreaterThanOrEqual(9);
    for (const fuse of allFuseOptions()) expect(typeof wire[fuse], FuseV1Options[fuse]).toBe('boolean');
    expect(wire[FuseV1Options.RunAsNode]).toBe(false);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    expect(existsSync(join(root, 'build/after-pack.mjs'))).toBe(true);
  });

  it("packs what the app loads and unpacks PGlite's files for the embedded backend", async () => {
    const config = await loadConfig();
    // getConfig normalises `files` into file sets ({ filter: [...] }).
    const files = JSON.stringify(config.files);
    for (const path of ['dist/main/**', 'dist/preload/electron.cjs', 'dist/renderer/**', 'package.json']) {
      expect(files).toContain(path);
    }
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(packageJson.main).toBe('dist/main/electron/app.js');
    expect(config.asarUnpack).toContain('node_modules/@electric-sql/pglite/**');
  });
});

describe('icons', () => {
  function size(path: string): { width: number; height: number } {
    const png = PNG.sync.read(readFileSync(join(root, path)));
    return { width: png.width, height: png.height };
  }

  it('are checked in at 512 px and every derived size, as RGBA PNGs of the right pixel size', async () => {
    const config = await loadConfig();
    expect(config.mac?.icon).toBe('build/icon.png');
    expect(config.win?.icon).toBe('build/icon.png');
    expect(config.linux?.icon).toBe('build/icons');
    expect(size('build/icon.png')).toEqual({ width: MASTER_ICON_SIZE, height: MASTER_ICON_SIZE });
    for (const pixels of ICON_SIZES) {
      expect(size(`build/icons/${pixels}x${pixels}.png`)).toEqual({ width: pixels, height: pixels });
    }
  });

  it('are the ones main/build-icons.ts draws (made by us; `npm run build:icons` after a change)', () => {
    for (const [path, bytes] of iconFiles()) {
      expect(readFileSync(join(root, path)).equals(bytes), `${path} is not what build-icons draws`).toBe(
        true,
      );
    }
  });
});
