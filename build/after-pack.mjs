// electron-builder's afterPack hook (electron-builder.yml `afterPack`): flips every Electron
// fuse of the packaged app. The hook is TypeScript, tested in Node
// (main/packaging/electron-fuses.ts, tests/packaging/fuses.test.ts); tsx, a dev dependency
// like electron-builder itself, loads it.
import { tsImport } from 'tsx/esm/api';

/** @param {import('electron-builder').AfterPackContext} context */
export async function afterPack(context) {
  const hook = await tsImport('../main/packaging/electron-fuses.ts', import.meta.url);
  await hook.afterPack(context);
}
