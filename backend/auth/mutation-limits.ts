import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { refusal } from '../domain/errors';
import { describeWait, secondsToWait, type LimitStore } from './limit-store';

/**
 * Per staff member limits on the mutations a person (or a script with their token) could
 * repeat to flood others: each one notifies or re-renders other people's consoles. Generous
 * for real use (a console opening and closing rooms, an agent's calls), tight enough that a
 * loop is cut off within a second or two.
 */
export const MUTATION_LIMITS = {
  /** requestAssistance: each one is a toast for every administrator of the tenant. */
  assistance: { points: 10, durationSeconds: 60, what: 'requests for help', per: 'a minute' },
  /** monitorEnquiry / stopMonitoring: each one is a board event for every console. */
  monitoring: { points: 120, durationSeconds: 60, what: 'monitor starts and stops', per: 'a minute' },
  /** startCall / endCall. */
  calls: { points: 60, durationSeconds: 60, what: 'call starts and ends', per: 'a minute' },
  /** setPresence. */
  presence: { points: 30, durationSeconds: 60, what: 'presence changes', per: 'a minute' },
} as const;

export type LimitedMutation = keyof typeof MUTATION_LIMITS;

/** Counts one limited mutation per staff member; RATE_LIMITED, saying how long to wait, when over. */
export class MutationLimits {
  private readonly limiters: Record<LimitedMutation, RateLimiterAbstract>;

  constructor(store: LimitStore) {
    const make = (name: LimitedMutation): RateLimiterAbstract =>
      store.limiter({
        name: `mutation-${name}`,
        points: MUTATION_LIMITS[name].points,
        durationSeconds: MUTATION_LIMITS[name].durationSeconds,
      });
    this.limiters = {
      assistance: make('assistance'),
      monitoring: make('monitoring'),
      calls: make('calls'),
      presence: make('presence'),
    };
  }

  async take(mutation: LimitedMutation, staffId: string): Promise<void> {
    try {
      await this.limiters[mutation].consume(staffId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const { what, points, per } = MUTATION_LIMITS[mutation];
      const seconds = secondsToWait(rejection.msBeforeNext);
      throw refusal(
        'RATE_LIMITED',
        `Too many ${what}: at most ${points} in ${per}. Try again in ${describeWait(seconds)}.`,
        { retryAfterSeconds: seconds },
      );
    }
  }
}
