import { generateSecret, generateURI, verify } from 'otplib';

/** TOTP as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;

export function newTotpSecret() {
  return generateSecret();
}

export function totpUri(secret: string, issuer: string, label: string) {
  return generateURI({ issuer, label, secret });
}

/**
 * Checks a code, allowing one step of clock drift either way. Returns the accepted time
 * step, or null. Steps at or before `lastStep` are refused so a code cannot be replayed.
 */
export async function checkTotp(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const res = await verify({
      secret,
      token: code,
      epochTolerance: PERIOD,
      ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
    });
    if (!res.valid) return null;
    if ('epoch' in res && typeof res.epoch === 'number') return Math.floor(res.epoch / PERIOD);
    return Math.floor(Date.now() / 1000 / PERIOD) + ('delta' in res ? res.delta : 0);
  } catch {
    return null;
  }
}
