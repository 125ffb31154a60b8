/**
 * The payment port: what the payments module needs from the e-Παράβολο service (ΓΓΠΣ/ΑΑΔΕ).
 * A citizen pays a paravolo at a bank, ΕΛΤΑ or by card against a 20-digit paravolo code; the body
 * the paravolo is for checks it (paid? which type? how much?) and binds it (δέσμευση) to the
 * application so it cannot be used twice. The adapter in `e-paravolo.soap.ts` speaks to the real
 * service; `e-paravolo-imitation.ts` stands in for it in development and tests.
 */

/** A paravolo code as the citizen typed it, without spaces or dashes; null when it is not 20 digits. */
export function normalizeCode(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw.replace(/[\s-]/g, '');
  return /^\d{20}$/.test(code) ? code : null;
}

export type TParavoloStatus = 'paid' | 'unpaid' | 'bound' | 'cancelled' | 'not_found';

export type TParavoloInfo = {
  code: string;
  status: TParavoloStatus;
  /** Κωδικός τύπου παραβόλου, e.g. "3828". */
  typeCode: string | null;
  cents: number | null;
  paidAt: string | null;
  /** For a bound paravolo: the reference it was bound with (ours is the case id). */
  boundReference: string | null;
};

/** Who asks and why, sent with every call (the service's audit record). */
export type TAuditContext = { unit: string; protocol: string; userId: string; userIp: string };

export type TBindResult =
  | { outcome: 'bound'; paymentRef: string; boundAt: string }
  | { outcome: 'refused'; reason: 'bound' | 'unpaid' | 'cancelled' | 'not_found' | 'mismatch'; detail: string };

export interface EParavoloPort {
  check(code: string, audit: TAuditContext): Promise<TParavoloInfo>;
  /** Binds the paravolo to `reference`; binding again with the same reference answers the same binding. */
  bind(input: { code: string; typeCode: string | null; cents: number; reference: string }, audit: TAuditContext): Promise<TBindResult>;
}

/** The service could not be asked (down, timeout, refused our credentials, answered nonsense). */
export class EParavoloUnavailable extends Error {}
