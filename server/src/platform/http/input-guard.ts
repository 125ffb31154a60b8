import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError, registerMessages } from './errors.js';

/**
 * Input the database cannot store is refused once, at the edge, for every route: PostgreSQL text
 * cannot hold a NUL character, and a lone UTF-16 surrogate makes invalid UTF-8 (JSON columns,
 * text search). Without this each would reach the database and come back as a 500.
 */

/** Deeper than any legitimate body (forms nest a few levels); deeper ones only cost stack and CPU. */
export const MAX_DEPTH = 32;

const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badString(s: string): string | null {
  if (s.includes(NUL)) return 'validation.nul_character';
  if (LONE_SURROGATE.test(s)) return 'validation.invalid_unicode';
  return null;
}

/** The first string (value or key) the database could not store, with its dotted path; null when all are fine. */
export function findUnstorable(value: unknown, path = '', depth = 0): FieldError | null {
  if (typeof value === 'string') {
    const code = badString(value);
    return code ? { field: path || 'body', code } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return { field: path || 'body', code: 'validation.too_deep', params: { max: MAX_DEPTH } };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnstorable(value[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    const field = path ? `${path}.${k}` : k;
    const code = badString(k);
    if (code) return { field: path ? `${path}.${JSON.stringify(k).slice(1, -1)}` : JSON.stringify(k).slice(1, -1), code };
    const hit = findUnstorable(v, field, depth + 1);
    if (hit) return hit;
  }
  return null;
}

function refuse(hit: FieldError): never {
  throw new AppError('validation.failed', 400, {}, [hit]);
}

/** Headers, path parameters and the query string: checked before anything resolves the tenant or actor from them. */
export function guardUrlAndHeaders(req: FastifyRequest) {
  for (const [name, v] of Object.entries(req.headers)) {
    const values = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    for (const s of values) if (s.includes(NUL)) refuse({ field: name, code: 'validation.nul_character' });
  }
  const params = findUnstorable(req.params);
  if (params) refuse(params);
  const query = findUnstorable(req.query);
  if (query) refuse(query);
}

/** The parsed body, before the route's own validation. */
export function guardBody(req: FastifyRequest) {
  const hit = findUnstorable(req.body);
  if (hit) refuse(hit);
}

/**
 * An update that changes nothing is a mistake of the caller, and some would reach the database as an
 * empty `SET`. Every PATCH, and every PUT whose body schema has no required field, must bring at least
 * one field the route knows (unknown ones were dropped or refused by its schema).
 */
export function guardEmptyUpdate(req: FastifyRequest) {
  if (req.method !== 'PATCH' && req.method !== 'PUT') return;
  const schema = req.routeOptions.schema?.body as { _zod?: { def?: { shape?: Record<string, unknown>; type?: string } } } | undefined;
  if (!schema) return;
  const body = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
  if (req.method === 'PUT' && hasRequiredField(schema)) return;
  if (Object.values(body).some((v) => v !== undefined)) return;
  throw new AppError('validation.empty_update', 400, {}, [{ field: 'body', code: 'validation.empty_update' }]);
}

function hasRequiredField(schema: { _zod?: { def?: { shape?: Record<string, unknown>; type?: string } } }) {
  const def = schema._zod?.def;
  if (def?.type !== 'object' || !def.shape) return true;
  return Object.values(def.shape).some((s) => {
    const opt = (s as { _zod?: { optin?: string } })._zod?.optin;
    return opt !== 'optional';
  });
}

registerMessages({
  'validation.nul_character': {
    el: 'Το πεδίο «{field}» περιέχει μη επιτρεπτό χαρακτήρα (NUL).',
    en: 'The field “{field}” contains a character that is not allowed (NUL).',
  },
  'validation.invalid_unicode': {
    el: 'Το πεδίο «{field}» περιέχει μη έγκυρο κείμενο Unicode.',
    en: 'The field “{field}” contains text that is not valid Unicode.',
  },
  'validation.too_deep': {
    el: 'Το πεδίο «{field}» είναι φωλιασμένο σε πάνω από {max} επίπεδα.',
    en: 'The field “{field}” is nested more than {max} levels deep.',
  },
  'validation.empty_update': {
    el: 'Δεν στάλθηκε κανένα πεδίο για αλλαγή.',
    en: 'No field to change was sent.',
  },
});
