import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt password hashes: `scrypt$N$r$p$salt$hash`, base64url parts. */
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time check of a password against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | null = null;

/**
 * Checks a password against a hash of the same cost that no password matches: what sign-in
 * does for an account that does not exist, so the answer takes as long as for one that does.
 * The hash is made once, on first use (call it early to pay that at start-up).
 */
export async function verifyAgainstNoAccount(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url')).catch((error: unknown) => {
    dummy = null; // made again next time
    throw error;
  });
  await verifyPassword(password, await dummy);
  return false;
}
