import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rendererBuildIsCurrent } from '../../main/renderer-build';

describe('rendererBuildIsCurrent', () => {
  let root: string;
  const built = () => join(root, 'dist', 'renderer');
  const touch = (path: string, secondsAgo: number) => {
    const at = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(join(root, path), at, at);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'renderer-build-'));
    mkdirSync(join(root, 'renderer', 'src', 'room'), { recursive: true });
    mkdirSync(join(root, 'shared'), { recursive: true });
    writeFileSync(join(root, 'renderer', 'src', 'room', 'Transcript.tsx'), 'export {};');
    writeFileSync(join(root, 'shared', 'domain.ts'), 'export {};');
    for (const path of [
      'renderer/src/room/Transcript.tsx',
      'renderer/src/room',
      'renderer/src',
      'renderer',
      'shared/domain.ts',
      'shared',
    ])
      touch(path, 60);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is not current without a build', () => {
    expect(rendererBuildIsCurrent(root, built())).toBe(false);
  });

  it('is current when built after every source, and stale once a source changes', () => {
    mkdirSync(built(), { recursive: true });
    writeFileSync(join(built(), 'index.html'), '<!doctype html>');
    touch('dist/renderer/index.html', 30);
    expect(rendererBuildIsCurrent(root, built())).toBe(true);

    // A file deep in renderer/ changes (a pull, an edit): the build is stale.
    touch('renderer/src/room/Transcript.tsx', 10);
    expect(rendererBuildIsCurrent(root, built())).toBe(false);
    touch('dist/renderer/index.html', 5);
    expect(rendererBuildIsCurrent(root, built())).toBe(true);

    // An editor's swap file, or a folder's own time, changes nothing.
    writeFileSync(join(root, 'renderer', 'src', '.Transcript.tsx.swp'), '');
    expect(rendererBuildIsCurrent(root, built())).toBe(true);

    // A change in shared/, which the renderer imports, does.
    touch('shared/domain.ts', 1);
    expect(rendererBuildIsCurrent(root, built())).toBe(false);
  });
});
