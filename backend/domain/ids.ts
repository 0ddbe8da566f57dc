import { randomBytes, randomUUID } from 'node:crypto';

/** A new id with a readable prefix naming what it identifies, e.g. `enq_…`. */
export function newId(prefix: 'enq' | 'msg' | 'vis' | 'stf' | 'ten' | 'hlp'): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

/** A random secret of `bytes` bytes, base64url. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
