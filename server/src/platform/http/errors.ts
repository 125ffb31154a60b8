import { registerMessages } from '../i18n/i18n.js';

/**
 * The one error type of the API. `code` is stable and machine-readable
 * (`case.not_found`); the HTTP status follows from it; the message is
 * translated at the edge from the i18n catalog.
 */
export type FieldError = { field: string; code: string; message?: string; params?: Record<string, unknown> };

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status = statusFor(code),
    readonly params: Record<string, unknown> = {},
    readonly fields?: FieldError[],
  ) {
    super(code);
  }
}

const suffixStatus: [RegExp, number][] = [
  [/(^|\.)not_found$/, 404],
  [/^auth\.required$|\.unauthenticated$|^auth\.invalid_|^auth\.session_/, 401],
  [/(^|\.)forbidden$|^auth\.totp_/, 403],
  [/(^|\.)conflict$|\.taken$|\.exists$|\.already_/, 409],
  [/^http\.rate_limited$|\.locked$/, 429],
  [/^http\.payload_too_large$/, 413],
  [/^http\.unsupported_media_type$|^files\.type_/, 415],
];

export function statusFor(code: string): number {
  for (const [re, status] of suffixStatus) if (re.test(code)) return status;
  return 400;
}

export const notFound = (what = 'not_found') => new AppError(what.includes('.') ? what : `${what}.not_found`, 404);
export const forbidden = () => new AppError('auth.forbidden', 403);

export function fieldError(field: string, code: string, params: Record<string, unknown> = {}) {
  return new AppError('validation.failed', 400, {}, [{ field, code, params }]);
}

export { registerMessages };
