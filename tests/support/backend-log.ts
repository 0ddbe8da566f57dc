import { vi } from 'vitest';

/**
 * Captures the log of a backend started with `quiet: false` in this test process: each chunk
 * written to stderr that starts with '[enquiry-backend]' is pushed to `into` (and not
 * printed); anything else goes to stderr as before. Call it before starting the backend;
 * `vi.restoreAllMocks()` ends the capture. Returns `into`.
 */
export function captureBackendLog(into: string[] = []): string[] {
  const write = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.startsWith('[enquiry-backend]')) {
      into.push(text);
      return true;
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  });
  return into;
}
