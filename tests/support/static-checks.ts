/**
 * The static checks of `npm test`, run side by side: the four per-process typechecks, the
 * type-aware lint and Prettier's check. Each is single-threaded, so on a machine with two or
 * more cores they share the cores instead of taking turns (the checks and their settings are
 * exactly those of `npm run typecheck`, `npm run lint` and `npm run format:check`). Each
 * check's output is printed whole when it ends; every check runs to its end, and the exit
 * code is 1 if any failed. CHECKS_PARALLEL sets how many run at once (default: the cores).
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

interface Check {
  name: string;
  bin: string;
  args: string[];
}

/** Longest first (CPU seconds measured on the shared 2-core machine: ~87, ~28, ~22, ~11, ~5, ~3). */
const CHECKS: Check[] = [
  { name: 'lint', bin: 'eslint', args: ['.'] },
  { name: 'typecheck (tsconfig.json)', bin: 'tsc', args: ['-p', 'tsconfig.json'] },
  { name: 'format:check', bin: 'prettier', args: ['--check', '.'] },
  { name: 'typecheck (tsconfig.renderer.json)', bin: 'tsc', args: ['-p', 'tsconfig.renderer.json'] },
  { name: 'typecheck (tsconfig.preload.json)', bin: 'tsc', args: ['-p', 'tsconfig.preload.json'] },
  { name: 'typecheck (tsconfig.shared.json)', bin: 'tsc', args: ['-p', 'tsconfig.shared.json'] },
];

interface Outcome {
  check: Check;
  code: number | null;
  output: string;
  seconds: number;
}

function run(check: Check): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(join('node_modules', '.bin', check.bin), check.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Output goes through a pipe: keep the colours a terminal would have shown.
      env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const done = (code: number | null, error?: Error): void =>
      resolve({
        check,
        code,
        output: error ? `${output}${error.message}\n` : output,
        seconds: (Date.now() - started) / 1000,
      });
    child.once('error', (error) => done(null, error));
    child.once('close', (code) => done(code));
  });
}

async function main(): Promise<void> {
  const slots = Math.max(1, Number(process.env['CHECKS_PARALLEL'] ?? availableParallelism()));
  const queue = [...CHECKS];
  const failed: string[] = [];
  const worker = async (): Promise<void> => {
    for (let check = queue.shift(); check; check = queue.shift()) {
      const outcome = await run(check);
      const ok = outcome.code === 0;
      if (!ok) failed.push(check.name);
      process.stdout.write(
        `\n> ${check.name}: ${check.bin} ${check.args.join(' ')} — ${ok ? 'passed' : `FAILED (exit ${outcome.code})`} in ${outcome.seconds.toFixed(1)} s\n`,
      );
      if (outcome.output.trim() !== '')
        process.stdout.write(outcome.output.endsWith('\n') ? outcome.output : `${outcome.output}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(slots, CHECKS.length) }, worker));
  if (failed.length > 0) {
    process.stdout.write(`\nstatic checks failed: ${failed.join(', ')}\n`);
    process.exitCode = 1;
  } else process.stdout.write(`\nstatic checks passed (${CHECKS.length}, ${slots} at a time)\n`);
}

void main();
