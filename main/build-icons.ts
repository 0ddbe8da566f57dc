/**
 * `npm run build:icons`: draws the app icon, our own ◎ mark (the top bar's brand mark) in the
 * console's palette, and writes it as PNGs that electron-builder packages:
 *   build/icon.png            512 px (electron-builder derives the Windows .ico and macOS .icns)
 *   build/icons/NxN.png       16 … 512 px (the Linux icon set for AppImage and deb)
 * Every size is drawn from the shapes, not scaled down, so the small ones stay crisp. The
 * output is deterministic: tests/packaging/icons.test.ts draws them again and compares.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The sizes of the Linux icon set (build/icons/NxN.png). */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

/** The master icon's size (build/icon.png). */
export const MASTER_ICON_SIZE = 512;

type Rgb = readonly [number, number, number];

/** From renderer/src/styles.css (dark theme): --surface-2, --border, --accent. */
const PALETTE = {
  tile: [0x1e, 0x24, 0x2c] as Rgb,
  edge: [0x31, 0x3a, 0x46] as Rgb,
  accent: [0x5a, 0xa9, 0xff] as Rgb,
};

/** Samples per pixel along each axis (antialiasing by supersampling). */
const SUPERSAMPLE = 4;

/** Which colour (or none) covers the point (x, y) of the unit square [0, 1]². */
function paint(x: number, y: number): Rgb | null {
  // A rounded square tile with a thin edge, inset so the OS's own masks do not clip it.
  const inset = 0.04;
  const radius = 0.2;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - inset - radius), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - inset - radius), 0);
  const tile = Math.hypot(qx, qy) - radius; // < 0 inside the tile
  if (tile > 0) return null;
  // The ◎ mark: a ring and a centre disc, concentric.
  const r = Math.hypot(x - 0.5, y - 0.5);
  if (r <= 0.13) return PALETTE.accent;
  if (r >= 0.25 && r <= 0.34) return PALETTE.accent;
  if (tile > -0.018) return PALETTE.edge;
  return PALETTE.tile;
}

/** Draws the icon at `size` × `size` pixels as RGBA. */
export function drawIcon(size: number): PNG {
  const png = new PNG({ width: size, height: size });
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = paint(
            (px + (sx + 0.5) / SUPERSAMPLE) / size,
            (py + (sy + 0.5) / SUPERSAMPLE) / size,
          );
          if (!colour) continue;
          red += colour[0];
          green += colour[1];
          blue += colour[2];
          covered++;
        }
      }
      const at = (py * size + px) * 4;
      // Colour averaged over the covered samples (no dark fringe at the edge), alpha = coverage.
      png.data[at] = covered ? Math.round(red / covered) : 0;
      png.data[at + 1] = covered ? Math.round(green / covered) : 0;
      png.data[at + 2] = covered ? Math.round(blue / covered) : 0;
      png.data[at + 3] = Math.round((covered / samples) * 255);
    }
  }
  return png;
}

/** The PNG file's bytes for the icon at `size`. */
export function iconPng(size: number): Buffer {
  return PNG.sync.write(drawIcon(size), { colorType: 6 });
}

/** Every icon file to write: path relative to the project root → bytes. */
export function iconFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set('build/icon.png', iconPng(MASTER_ICON_SIZE));
  for (const size of ICON_SIZES) files.set(`build/icons/${size}x${size}.png`, iconPng(size));
  return files;
}

/** Writes build/icon.png and build/icons/*.png. */
export function buildIcons(): string[] {
  const written: string[] = [];
  for (const [path, bytes] of iconFiles()) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    written.push(path);
  }
  return written;
}

const entry = process.argv[1];
if (entry && resolve(entry) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`Icons written: ${buildIcons().join(', ')}\n`);
  } catch (error) {
    process.stderr.write(`build:icons failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
