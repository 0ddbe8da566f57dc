import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** Options of `startBackend` and the `npm run backend` CLI. */
export const backendOptionsSchema = z
  .object({
    port: z.number().int().min(0).max(65535).default(4000),
    host: z.string().min(1).default('127.0.0.1'),
    /** Embedded store folder; default: a per-user app-data folder. */
    dataDir: z.string().min(1).optional(),
    /** Embedded store in memory only (tests, benchmarks). */
    inMemory: z.boolean().default(false),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
    demo: z.boolean().default(false),
    simulator: z.boolean().default(true),
    /** Milliseconds between simulator steps. */
    simulatorIntervalMs: z.number().int().min(50).max(600_000).default(2_500),
    accessTokenTtlSeconds: z.number().int().min(5).max(86_400).default(900),
    /** Milliseconds between wait-limit sweeps. */
    sweepIntervalMs: z.number().int().min(100).max(60_000).default(1_000),
    /**
     * How long a console window's monitor lease outlives its room subscription (a crashed
     * window stops being listed as monitoring within this time); renewed every third of it.
     */
    monitorLeaseTtlMs: z.number().int().min(150).max(600_000).default(30_000),
    /**
     * How long a signed-in staff member's account, role and tenant plan are reused before
     * they are read again: a change made elsewhere (another instance, an operator) takes
     * effect within this time; 0 reads them for every request.
     */
    actorCacheTtlMs: z.number().int().min(0).max(60_000).default(5_000),
    connectionInitTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
    /**
     * How strict sign-in limits are (defaults in backend/auth/login-limits.ts): failed
     * sign-ins to one account from one address before back-off, from one address per 15 min,
     * to one account from everywhere per 15 min before it is slowed.
     */
    loginLimits: z
      .object({
        freeFailuresPerPair: z.number().int().min(1).max(1_000),
        failuresPerAddress: z.number().int().min(1).max(100_000),
        failuresPerAccount: z.number().int().min(1).max(100_000),
      })
      .partial()
      .strict()
      .default({}),
    /** Messages and whispers one visitor or staff member may send per 10 seconds. */
    messagesPer10Seconds: z.number().int().min(1).max(100_000).default(30),
    /** Browser origins allowed to call the API over HTTP (CORS); none by default. */
    corsOrigins: z
      .array(z.string().regex(/^https?:\/\/[^/]+$/, 'must be an origin like https://host:port'))
      .default([]),
    /** Subscriptions one WebSocket may hold; past it a subscribe is RATE_LIMITED. */
    subscriptionsPerSocket: z.number().int().min(1).max(100_000).default(100),
    /** Subscriptions one staff member may hold across their WebSockets on one instance. */
    subscriptionsPerStaff: z.number().int().min(1).max(100_000).default(200),
    /** Signing key for access tokens; default: generated once and kept in the store. */
    tokenSecret: z.string().min(32).optional(),
    quiet: z.boolean().default(false),
  })
  .strict();

export type BackendOptions = z.input<typeof backendOptionsSchema>;
export type ResolvedBackendOptions = z.output<typeof backendOptionsSchema>;

/** The per-user app-data folder for the embedded store. */
export function defaultDataDir(): string {
  const base =
    process.platform === 'win32'
      ? (process.env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (process.env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'));
  return join(base, 'supervisor-console', 'enquiry-backend');
}
