import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Opaque bearer secrets (session, device, reset links): random, stored only as a SHA-256 hash. */
export function newToken(bytes = 32) {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex');
}

/** A numeric code for SMS or e-mail verification. */
export function newCode(digits = 6) {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

export function sameHash(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
