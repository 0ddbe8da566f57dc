import type { StaffPrincipal, VisitorPrincipal } from '../domain/types';

/** Who a verified token names. */
export type TokenPrincipal = StaffPrincipal | VisitorPrincipal;

interface Verified {
  principal: TokenPrincipal;
  /** The token's `exp` claim, seconds since epoch. */
  exp: number;
}

/**
 * The access and visitor tokens this instance has verified, until they expire. A console
 * sends the same token with every request for its lifetime (15 minutes by default), and
 * verifying its HMAC through WebCrypto was a third of the time of a `{ __typename }`
 * request; a token string that verified once verifies again until its `exp`, because the
 * signing key never changes while the instance runs and no claim but `exp` depends on
 * time (tokens carry no `nbf`, and one that had it would only ever become valid). So the
 * answer is kept, bounded in number, and re-checked against `exp` on every use with the
 * same rule as the verifier (`exp` must be after the current second). Only tokens that
 * verified are kept: a forged token never enters, and costs a full verification each time.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();

  constructor(
    /** Most tokens kept; the oldest go first. */
    private readonly maxEntries = 10_000,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** The principal of a token verified before and not expired since, or undefined. */
  get(token: string): TokenPrincipal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.exp <= this.nowSeconds()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  /** Keeps what a token verified to; tokens without a numeric `exp` are not kept. */
  remember(token: string, principal: TokenPrincipal, exp: number | undefined): void {
    if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= this.nowSeconds()) return;
    if (this.entries.size >= this.maxEntries) this.evict();
    this.entries.set(token, { principal, exp });
  }

  /** How many tokens are kept now. */
  get size(): number {
    return this.entries.size;
  }

  /** Drops expired tokens; if none had, the oldest tenth. */
  private evict(): void {
    const now = this.nowSeconds();
    for (const [token, entry] of this.entries) if (entry.exp <= now) this.entries.delete(token);
    if (this.entries.size < this.maxEntries) return;
    let drop = Math.max(1, Math.floor(this.maxEntries / 10));
    for (const token of this.entries.keys()) {
      if (drop-- <= 0) break;
      this.entries.delete(token);
    }
  }

  private nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }
}
