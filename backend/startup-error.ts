import { createServer } from 'node:net';
import { inspect } from 'node:util';

/**
 * A start-up failure an operator can fix: its message is one line that names the flag or
 * resource and says what to do. The CLIs print the message alone (no stack) and exit with
 * `exitCode`: 2 for a command line that cannot be used as given, 1 for a resource that
 * cannot be had (a folder, a port, PostgreSQL, Redis). `DEBUG` set prints the cause too.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';

  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An error's own message on one line, whatever was thrown (never `[object Object]`). */
export function errorText(error: unknown): string {
  let text: string;
  if (error instanceof Error) text = error.message || error.name;
  else if (typeof error === 'string') text = error;
  else if (error && typeof error === 'object') {
    const record = error as Record<string, unknown>;
    const fields = ['message', 'code', 'errno', 'status']
      .filter((key) => record[key] !== undefined && record[key] !== '')
      .map((key) => `${key} ${String(record[key])}`);
    text = fields.length > 0 ? fields.join(', ') : inspect(error, { breakLength: Infinity, depth: 2 });
  } else text = String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The system error code (`EADDRINUSE`, `ECONNREFUSED`, …) of an error or its causes. */
export function errorCode(error: unknown): string | undefined {
  for (let at: unknown = error, depth = 0; at && typeof at === 'object' && depth < 5; depth += 1) {
    const record = at as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof record.code === 'string' && record.code !== '') return record.code;
    // An AggregateError (a host name that resolves to several addresses) holds the real ones.
    if (Array.isArray(record.errors) && record.errors.length > 0) at = record.errors[0];
    else at = record.cause;
  }
  return undefined;
}

/** The one line a CLI prints for a start-up failure, and its exit code. */
export function describeStartupFailure(error: unknown, what: string): { line: string; exitCode: 1 | 2 } {
  if (error instanceof StartupError) return { line: error.message, exitCode: error.exitCode };
  return { line: `${what} failed to start: ${errorText(error)}`, exitCode: 1 };
}

/** Writes the line (and with `DEBUG` set, the stack of what was thrown) and exits. */
export function exitWithStartupFailure(error: unknown, what: string): never {
  const { line, exitCode } = describeStartupFailure(error, what);
  process.stderr.write(`${line}\n`);
  if (process.env['DEBUG']) {
    const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
    process.stderr.write(`${cause instanceof Error ? (cause.stack ?? cause.message) : inspect(cause)}\n`);
  }
  process.exit(exitCode);
}

/**
 * A listening socket's failure (`listen` on `host:port`) as a StartupError naming the flag.
 * `portFlag` is the option that chose the port (`--port`).
 */
export function listenFailure(error: unknown, host: string, port: number, portFlag = '--port'): StartupError {
  const where = `${host}:${port}`;
  const code = errorCode(error);
  const message =
    code === 'EADDRINUSE'
      ? `${portFlag} ${port}: the port is already in use on ${host} (another backend or program is listening there); stop it or choose another port (${portFlag} 0 picks a free one).`
      : code === 'EACCES'
        ? `${portFlag} ${port}: this user may not listen on ${where} (ports below 1024 need privileges); choose a port of 1024 or above.`
        : code === 'EADDRNOTAVAIL'
          ? `--host ${host} is not an address of this machine; use 127.0.0.1 (the default), or an address one of its interfaces has.`
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? `--host ${host} could not be resolved to an address; use an IP address such as 127.0.0.1.`
            : `could not listen on ${where} (${portFlag}): ${errorText(error)}.`;
  return new StartupError(message, 1, { cause: error });
}

/** A connection URL with its password replaced, for messages and logs. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

/**
 * Binds host:port for a moment and lets go, so that a port in use or an address this machine
 * does not have is reported in one line (the WebSocket server would print the listen error's
 * stack first) before anything else starts.
 */
export async function checkPortFree(host: string, port: number, portFlag = '--port'): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ port, host, exclusive: true }, () => resolve());
    });
  } catch (error) {
    throw listenFailure(error, host, port, portFlag);
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
