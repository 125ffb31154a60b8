import { formatAthens } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * Opaque keyset cursors: the sort values of the last row seen. Timestamps travel as PostgreSQL's
 * own text form (microseconds), because a JS Date would round them and skip or repeat rows.
 */
export type TCursor = { t: string; id: string; s?: number };

export function encodeCursor(c: TCursor) {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: string | undefined): TCursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as TCursor;
    if (typeof c.t !== 'string' || typeof c.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(c.id)) throw new Error('cursor');
    if (c.s !== undefined && !Number.isInteger(c.s)) throw new Error('cursor');
    return c;
  } catch {
    throw new AppError('validation.failed', 400, {}, [{ field: 'cursor', code: 'participation.bad_cursor' }]);
  }
}

/** A date as people in Greece read it, whatever the server's zone. */
export function athens(d: Date) {
  return formatAthens(d, 'el', { dateStyle: 'medium', timeStyle: 'short' });
}
