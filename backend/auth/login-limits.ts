import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { GraphQLError } from 'graphql';
import { refusal } from '../domain/errors';
import { addressKey, describeWait, secondsToWait, type LimitStore } from './limit-store';

/**
 * How sign-in attempts are limited. Every count is taken atomically BEFORE a password is
 * checked, so concurrent guesses cannot all slip past a limit that is read first and
 * written after.
 */
export const LOGIN_LIMITS = {
  /** Failed sign-ins to one account from one address before back-off starts. */
  freeFailuresPerPair: 10,
  /** Back-off after the last free failure; doubled by each further failure... */
  firstBackoffSeconds: 5,
  /** ...up to this. */
  maxBackoffSeconds: 15 * 60,
  /** Failures of an account+address pair are forgotten this long after the first (or on success). */
  pairMemorySeconds: 24 * 3600,
  /** At most one password check in flight per account+address; held at most this long. */
  pairHoldSeconds: 2,
  /**
   * Attempts (per account+address, per instance) that wait for the check in flight rather
   * than being refused: a person signing in from two windows at once is served in turn.
   */
  pairWaiters: 4,
  /** Failed sign-ins from one address (any accounts, known or not) per window. */
  failuresPerAddress: 30,
  addressWindowSeconds: 15 * 60,
  /** Failed sign-ins to one account from all addresses per window before it is slowed... */
  failuresPerAccount: 100,
  accountWindowSeconds: 15 * 60,
  /** ...to one password check per this many seconds from addresses it never signed in from. */
  slowedAccountSeconds: 3,
  /** An address the account signed in from is trusted (skips address and account ceilings) this long. */
  trustedPairSeconds: 14 * 24 * 3600,
};

/** Sign-in limit settings; LOGIN_LIMITS holds the defaults. */
export type LoginLimitSettings = typeof LOGIN_LIMITS;

/** What a caller does after an admitted attempt: exactly one of these. */
export interface LoginAdmission {
  /** The password was right: the pair's failures are forgotten and the address trusted. */
  succeeded(): Promise<void>;
  /** The password was wrong (or the account unknown): back-off grows. */
  failed(): Promise<void>;
  /** No password was checked after all (e.g. the server was too busy): counts are given back. */
  withdrawn(): Promise<void>;
}

/** The pair gate's count while an account+address pair is backing off (any held count is below it). */
const BACKING_OFF = 1_000_000;

const rateLimited = (what: string, ms: number): GraphQLError => {
  const seconds = secondsToWait(ms);
  return refusal('RATE_LIMITED', `${what} Try again in ${describeWait(seconds)}.`, {
    retryAfterSeconds: seconds,
  });
};

/** consume(), answering the rejection instead of throwing it (store errors still throw). */
async function take(
  limiter: RateLimiterAbstract,
  key: string,
): Promise<RateLimiterRes & { rejected: boolean }> {
  try {
    return Object.assign(await limiter.consume(key), { rejected: false });
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Object.assign(rejection, { rejected: true });
    throw rejection;
  }
}

/**
 * Sign-in limits, keyed so that a stranger cannot lock someone else out:
 * - per account + address: one check in flight (a few more wait their turn), 10 free
 *   failures, then exponential back-off
 *   (5 s, 10 s, 20 s … 15 min) — the person signing in from their own address is not
 *   affected by someone hammering their account from elsewhere;
 * - per address: 30 failures per 15 min across all accounts, known or not (stops spraying);
 * - per account: past 100 failures per 15 min from everywhere, untrusted addresses are slowed
 *   to one check per 3 s for the account (a slow-down, never a wall).
 * An address the account signed in from recently skips the address and account ceilings.
 */
export class LoginLimits {
  /** The settings in force: LOGIN_LIMITS with the overrides given. */
  readonly settings: LoginLimitSettings;
  private readonly pairGate: RateLimiterAbstract;
  private readonly pairFailures: RateLimiterAbstract;
  private readonly addressFailures: RateLimiterAbstract;
  private readonly accountFailures: RateLimiterAbstract;
  private readonly accountSlowed: RateLimiterAbstract;
  private readonly trustedPairs: RateLimiterAbstract;
  /** Attempts waiting for their pair's check in flight, per pair (this instance). */
  private readonly waiters = new Map<string, number>();

  constructor(store: LimitStore, overrides: Partial<LoginLimitSettings> = {}) {
    const l = (this.settings = { ...LOGIN_LIMITS, ...overrides });
    this.pairGate = store.limiter({ name: 'login-pair-gate', points: 1, durationSeconds: l.pairHoldSeconds });
    this.pairFailures = store.limiter({
      name: 'login-pair-failures',
      points: 1_000_000,
      durationSeconds: l.pairMemorySeconds,
    });
    this.addressFailures = store.limiter({
      name: 'login-address-failures',
      points: l.failuresPerAddress,
      durationSeconds: l.addressWindowSeconds,
    });
    this.accountFailures = store.limiter({
      name: 'login-account-failures',
      points: l.failuresPerAccount,
      durationSeconds: l.accountWindowSeconds,
    });
    this.accountSlowed = store.limiter({
      name: 'login-account-slowed',
      points: 1,
      durationSeconds: l.slowedAccountSeconds,
    });
    this.trustedPairs = store.limiter({
      name: 'login-trusted',
      points: 1,
      durationSeconds: l.trustedPairSeconds,
    });
  }

  /**
   * Admits one password check for `account` (tenant/email, normalised) from `address`, or
   * throws RATE_LIMITED saying how long to wait. Each admitted attempt has been counted
   * against every limit that applies before this returns.
   */
  async admit(account: string, address: string): Promise<LoginAdmission> {
    const pair = `${account}|${addressKey(address)}`;
    const network = addressKey(address);
    const [trusted, gate] = await Promise.all([this.trustedPairs.get(pair), this.pairGate.get(pair)]);
    if (gate && gate.consumedPoints >= BACKING_OFF) throw this.backingOff(gate.msBeforeNext);
    const given: (() => Promise<unknown>)[] = [];
    const giveBack = async (): Promise<void> => {
      await Promise.all(given.splice(0).map((undo) => undo()));
    };
    try {
      if (!trusted) {
        const byAddress = await take(this.addressFailures, network);
        given.push(() => this.addressFailures.reward(network));
        if (byAddress.rejected) {
          throw rateLimited('Too many failed sign-ins from your network.', byAddress.msBeforeNext);
        }
      }
      const held = await this.takeInTurn(pair);
      if (held.rejected) {
        throw held.consumedPoints >= BACKING_OFF
          ? this.backingOff(held.msBeforeNext)
          : rateLimited(
              'A sign-in to this account from your network is already being checked.',
              held.msBeforeNext,
            );
      }
      given.push(() => this.pairGate.delete(pair));
      if (!trusted) {
        const byAccount = await take(this.accountFailures, account);
        given.push(() => this.accountFailures.reward(account));
        if (byAccount.rejected) {
          const slowed = await take(this.accountSlowed, account);
          if (slowed.rejected) {
            throw rateLimited(
              'This account has had many failed sign-ins, so checks are slowed.',
              slowed.msBeforeNext,
            );
          }
        }
      }
    } catch (error) {
      await giveBack();
      throw error;
    }
    return {
      succeeded: async () => {
        await giveBack();
        await Promise.all([
          this.pairFailures.delete(pair),
          this.trustedPairs.set(pair, 1, this.settings.trustedPairSeconds),
        ]);
      },
      failed: async () => {
        const failures = (await this.pairFailures.penalty(pair, 1)).consumedPoints;
        const { freeFailuresPerPair, firstBackoffSeconds, maxBackoffSeconds } = this.settings;
        const over = failures - freeFailuresPerPair;
        if (over < 0) {
          await this.pairGate.delete(pair);
          return;
        }
        const seconds = Math.min(firstBackoffSeconds * 2 ** Math.min(over, 20), maxBackoffSeconds);
        await this.pairGate.set(pair, BACKING_OFF, seconds);
      },
      withdrawn: giveBack,
    };
  }

  /**
   * Takes the pair's gate, waiting (polling, so that it also works across instances) while
   * another check of the same pair is in flight: up to `pairWaiters` attempts wait, at most
   * `pairHoldSeconds`; the rest are refused at once. A pair that starts backing off refuses
   * its waiters too, so concurrent guesses are still checked at most the free failures' worth.
   */
  private async takeInTurn(pair: string): Promise<RateLimiterRes & { rejected: boolean }> {
    let held = await take(this.pairGate, pair);
    if (!held.rejected || held.consumedPoints >= BACKING_OFF) return held;
    const waiting = this.waiters.get(pair) ?? 0;
    if (waiting >= this.settings.pairWaiters) return held;
    this.waiters.set(pair, waiting + 1);
    try {
      const giveUpAt = Date.now() + this.settings.pairHoldSeconds * 1000;
      while (held.rejected && held.consumedPoints < BACKING_OFF && Date.now() < giveUpAt) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(held.msBeforeNext, 1))));
        held = await take(this.pairGate, pair);
      }
      return held;
    } finally {
      const left = (this.waiters.get(pair) ?? 1) - 1;
      if (left > 0) this.waiters.set(pair, left);
      else this.waiters.delete(pair);
    }
  }

  private backingOff(ms: number): GraphQLError {
    return rateLimited('Too many failed sign-ins to this account from your network.', ms);
  }
}

/**
 * Bounds concurrent password checks (scrypt is CPU and memory heavy and runs on libuv's small
 * thread pool): at most `concurrent` at once and `queued` waiting; anything beyond is refused
 * at once with RATE_LIMITED rather than slowing every other sign-in down.
 */
export class PasswordCheckGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrent = 4,
    private readonly queued = 16,
  ) {}

  /** Runs `check` when a slot is free; RATE_LIMITED at once when the queue is full. */
  async run<T>(check: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.queued)
        throw rateLimited('The server is busy checking other sign-ins.', 1000);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await check();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Checks running or waiting now. */
  get load(): number {
    return this.running + this.waiting.length;
  }
}
