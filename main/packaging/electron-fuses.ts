/**
 * Every Electron fuse of the packaged app, stated and flipped by electron-builder's afterPack
 * hook (build/after-pack.mjs loads this file).
 *
 * electron-builder.yml's `electronFuses` states the fuses electron-builder's schema knows (8 in
 * electron-builder 26). Electron 41 added a 9th, WasmTrapHandlers, which that schema refuses
 * (`additionalProperties: false`) and electron-builder's own @electron/fuses 1.x cannot set.
 * So this hook flips the whole wire with @electron/fuses 2.x, `strictlyRequireAllFuses` on:
 * a future Electron with a fuse nobody stated fails the build instead of shipping its default.
 * electron-builder flips its 8 again afterwards, to the same values.
 */
import { FuseV1Options, FuseVersion, flipFuses, type FuseV1Config } from '@electron/fuses';
import { join } from 'node:path';
import type { AfterPackContext, Configuration } from 'electron-builder';

/** electron-builder.yml's `electronFuses`. */
export type BuilderFuses = NonNullable<Configuration['electronFuses']>;

type BuilderFuseKey = Exclude<keyof BuilderFuses, 'resetAdHocDarwinSignature'>;

/** Each `electronFuses` key of electron-builder.yml → the fuse it sets. */
export const BUILDER_FUSE_KEYS: Readonly<Record<BuilderFuseKey, FuseV1Options>> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/**
 * The fuses electron-builder.yml cannot state (its schema has no key for them).
 * WasmTrapHandlers on, Electron's default: V8 catches out-of-bounds WebAssembly memory
 * accesses with signal handlers instead of a bounds check on every access. The embedded
 * backend's store (PGlite) is WebAssembly in a utility process, and runs faster with it;
 * Electron offers the fuse for memory-constrained machines, which a console is not.
 */
export const FUSES_BEYOND_BUILDER: Readonly<Partial<Record<FuseV1Options, boolean>>> = {
  [FuseV1Options.WasmTrapHandlers]: true,
};

/** Every fuse @electron/fuses knows, by number. */
export function allFuseOptions(): FuseV1Options[] {
  return Object.values(FuseV1Options).filter((value): value is FuseV1Options => typeof value === 'number');
}

/**
 * The complete fuse wire for flipFuses: electron-builder.yml's fuses plus FUSES_BEYOND_BUILDER,
 * every fuse of @electron/fuses stated. Throws, naming the fuse, when one is not.
 */
export function fuseConfig(
  builderFuses: BuilderFuses | undefined,
  resetAdHocDarwinSignature: boolean,
): FuseV1Config {
  const wire: Partial<Record<FuseV1Options, boolean>> = { ...FUSES_BEYOND_BUILDER };
  for (const [key, fuse] of Object.entries(BUILDER_FUSE_KEYS) as [BuilderFuseKey, FuseV1Options][]) {
    const value = builderFuses?.[key];
    if (typeof value === 'boolean') wire[fuse] = value;
  }
  const missing = allFuseOptions().filter((fuse) => typeof wire[fuse] !== 'boolean');
  if (missing.length > 0) {
    const names = missing.map((fuse) => FuseV1Options[fuse]).join(', ');
    throw new Error(
      `Electron fuse(s) not stated: ${names}. State each in electron-builder.yml's electronFuses ` +
        `(or, where electron-builder has no key for it, in FUSES_BEYOND_BUILDER in main/packaging/electron-fuses.ts).`,
    );
  }
  return {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature,
    strictlyRequireAllFuses: true,
    ...(wire as Record<FuseV1Options, boolean>),
  };
}

/** The packaged Electron executable whose fuse wire is flipped (as electron-builder finds it). */
export function packagedElectronPath(context: AfterPackContext): string {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  const linux = packager as unknown as { executableName?: string };
  return join(appOutDir, linux.executableName ?? packager.appInfo.productFilename);
}

/** arm64 in electron-builder's Arch enum (builder-util): ia32 0, x64 1, armv7l 2, arm64 3, universal 4. */
const ARCH_ARM64 = 3;

/** electron-builder's afterPack hook: flips every fuse of the packaged app. */
export async function afterPack(context: AfterPackContext): Promise<void> {
  const builderFuses = context.packager.config.electronFuses ?? undefined;
  // Flipping fuses breaks an arm64 Mac app's ad-hoc signature; electron-builder signs next anyway.
  const resetAdHoc =
    builderFuses?.resetAdHocDarwinSignature ??
    (context.electronPlatformName === 'darwin' && Number(context.arch) === ARCH_ARM64);
  await flipFuses(packagedElectronPath(context), fuseConfig(builderFuses, resetAdHoc));
}
