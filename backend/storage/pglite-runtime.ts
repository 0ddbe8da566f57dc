import { PGlite } from '@electric-sql/pglite';
import { setFlagsFromString } from 'node:v8';

/**
 * How this process runs PGlite (PostgreSQL compiled to WebAssembly, one single-user backend):
 * the PostgreSQL settings it starts with, the WebAssembly compiler tier, and how often the
 * embedded store checkpoints. Each choice is measured in the README's benchmark notes.
 */

/**
 * Settings added to PGlite's own start parameters (`--single`, `-F` = fsync off, no parallel
 * workers, …). They are given at every start, so an existing data dir gets them too: they
 * override its postgresql.conf, where initdb wrote shared_buffers = 128MB and max_wal_size = 1GB.
 */
const EMBEDDED_SETTINGS: Readonly<Record<string, string>> = {
  // The buffer pool lives in PGlite's WebAssembly memory and is zeroed at start, so all of it
  // is resident: 128MB cost ~150 MB of RSS and ~0.7 s of start-up CPU. A console's data set is
  // tens of MB; a page evicted from this pool is read again from the OS's page cache.
  shared_buffers: '16MB',
  // A single-user backend has no checkpointer and never checkpoints on its own, so the store
  // asks for one every CHECKPOINT_INTERVAL_MS; these bound the WAL segments kept for reuse
  // after a checkpoint (with 1GB, up to 1 GB of recycled WAL stays in the data dir).
  max_wal_size: '64MB',
  min_wal_size: '32MB',
};

/** PGlite's start parameters with EMBEDDED_SETTINGS; for every PGlite this backend creates. */
export const EMBEDDED_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams,
  ...Object.entries(EMBEDDED_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
];

/**
 * How often the embedded store checkpoints when something ran since the last checkpoint. Bounds
 * the WAL a restart after a crash replays (and, in memory, the WAL segments held in memory); a
 * checkpoint writes at most shared_buffers of dirty pages, ~15–50 ms here.
 */
export const CHECKPOINT_INTERVAL_MS = 5 * 60_000;

let compilerChosen = false;

/**
 * Runs WebAssembly with V8's baseline compiler (Liftoff) only, without tiering hot functions
 * up to TurboFan. PostgreSQL is a large module whose start-up and first queries are hot: the
 * optimizing tier's compile threads cost ~1 s of CPU per start and kept ~35–50 MB of code and
 * compiler memory resident, for ~5–10 % more CPU per query without it (measured on Node 20).
 *
 * The flag is process-wide and must be set before the module is compiled, so it is set once,
 * before the first PGlite is created. `ENQUIRY_BACKEND_WASM_TIER_UP=1` keeps V8's default.
 * Node and Electron both leave V8's flags writable after start (`--no-freeze-flags-after-init`).
 */
export function useBaselineWasmCompiler(): void {
  if (compilerChosen) return;
  compilerChosen = true;
  if (process.env['ENQUIRY_BACKEND_WASM_TIER_UP'] === '1') return;
  setFlagsFromString('--liftoff-only');
}
