import { AppError, registerMessages } from './errors.js';

/**
 * Errors the database raises about the data it was given, mapped once for every route: a foreign
 * key to a row that does not exist, a duplicate, a value out of range. The constraint or the column
 * the database names becomes the field of a 400/409, so a caller learns what to fix instead of a 500.
 */

/** The fields PostgreSQL (and PGlite, through the same wire protocol) puts on an error. */
export type PgError = Error & {
  code: string;
  severity?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
};

function isPgError(e: unknown): e is PgError {
  return (
    e instanceof Error &&
    typeof (e as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((e as unknown as { code: string }).code) &&
    ('severity' in e || 'routine' in e || 'detail' in e)
  );
}

/** The database's own error inside whatever wrapped it (Drizzle's DrizzleQueryError, a transaction). */
export function findPgError(err: unknown): PgError | null {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    if (isPgError(e)) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `Key (tenant_id, unit_id)=(…)` → `unitId` (the tenant is never the caller's mistake). */
function fieldFromDetail(detail: string | undefined): string | null {
  const m = detail?.match(/^Key \(([^)]+)\)=/);
  if (!m?.[1]) return null;
  const cols = m[1]
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, ''))
    .filter((c) => c !== 'tenant_id');
  const col = cols[cols.length - 1];
  return col && /^[a-z0-9_]+$/.test(col) ? camel(col) : null;
}

/** `cases_unit_id_org_units_id_fk` / `cases_unit_id_fkey` → `unitId`, when the table is known. */
function fieldFromConstraint(constraint: string | undefined, table: string | undefined): string | null {
  if (!constraint) return null;
  let rest = table && constraint.startsWith(`${table}_`) ? constraint.slice(table.length + 1) : null;
  if (!rest) return null;
  rest = rest.replace(/_(fkey|key|check|pkey|unique|idx)$/, '');
  const fk = rest.match(/^(.+?_id)_/);
  if (fk?.[1]) return camel(fk[1]);
  return /^[a-z0-9_]+$/.test(rest) ? camel(rest) : null;
}

/** The AppError a database error stands for, or null when it is the server's own fault (a 500). */
export function databaseErrorToAppError(err: unknown): AppError | null {
  const pg = findPgError(err);
  if (!pg) return null;
  const field = fieldFromDetail(pg.detail) ?? (pg.column ? camel(pg.column) : null) ?? fieldFromConstraint(pg.constraint, pg.table);
  const fields = (code: string) => (field ? [{ field, code }] : undefined);
  switch (pg.code) {
    case '23503': // foreign_key_violation
      if (pg.detail?.includes('is still referenced')) return new AppError('db.still_referenced', 409, {}, fields('db.still_referenced'));
      return new AppError(
        'validation.failed',
        400,
        {},
        fields('validation.unknown_reference') ?? [{ field: 'body', code: 'validation.unknown_reference' }],
      );
    case '23505': // unique_violation
      return new AppError('db.conflict', 409, {}, fields('db.duplicate'));
    case '23502': // not_null_violation
      return new AppError('validation.failed', 400, {}, fields('validation.required'));
    case '23514': // check_violation
    case '23P01': // exclusion_violation
      return new AppError('validation.failed', 400, {}, fields('validation.invalid') ?? [{ field: 'body', code: 'validation.invalid' }]);
    case '22001': // string_data_right_truncation
      return new AppError(
        'validation.failed',
        400,
        {},
        fields('validation.too_long_db') ?? [{ field: 'body', code: 'validation.too_long_db' }],
      );
    case '22P02': // invalid_text_representation (e.g. not a uuid)
    case '22003': // numeric_value_out_of_range
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22021': // character_not_in_repertoire
    case '22P05': // untranslatable_character
    case '22023': // invalid_parameter_value
    case '2201B': // invalid_regular_expression
    case '22025': // invalid_escape_sequence
    case '22019': // invalid_escape_character
    case '22012': // division_by_zero (from a value the caller gave)
    case '54000': // program_limit_exceeded (e.g. an index row or a tsvector too large)
      return new AppError('validation.failed', 400, {}, fields('validation.invalid') ?? [{ field: 'body', code: 'validation.invalid' }]);
    default:
      return null;
  }
}

/**
 * What may be logged of an error: Drizzle's message carries the query's parameters (names,
 * addresses, phone numbers), and the database's `detail` repeats the offending values, so both are
 * left out; the query text (placeholders only), the database's code, message and constraint stay.
 */
export function loggableError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const pg = findPgError(err);
  const query = (err as { query?: unknown }).query;
  if (!pg && typeof query !== 'string') return err;
  const firstLine = err.stack?.indexOf('\n    at ') ?? -1;
  return {
    type: err.name === 'Error' ? err.constructor.name : err.name,
    message: typeof query === 'string' ? `Failed query: ${query}` : err.message,
    stack: firstLine >= 0 ? `${err.name}: (parameters omitted)${err.stack?.slice(firstLine)}` : undefined,
    db: pg
      ? { code: pg.code, message: pg.message, constraint: pg.constraint, table: pg.table, column: pg.column, routine: pg.routine }
      : undefined,
  };
}

registerMessages({
  'validation.unknown_reference': {
    el: 'Το πεδίο «{field}» αναφέρεται σε κάτι που δεν υπάρχει.',
    en: 'The field “{field}” refers to something that does not exist.',
  },
  'validation.too_long_db': {
    el: 'Το πεδίο «{field}» είναι πολύ μεγάλο.',
    en: 'The field “{field}” is too long.',
  },
  'db.conflict': {
    el: 'Υπάρχει ήδη εγγραφή με τα ίδια στοιχεία.',
    en: 'A record with the same details already exists.',
  },
  'db.duplicate': {
    el: 'Η τιμή του πεδίου «{field}» χρησιμοποιείται ήδη.',
    en: 'The value of the field “{field}” is already in use.',
  },
  'db.still_referenced': {
    el: 'Δεν μπορεί να διαγραφεί: χρησιμοποιείται ακόμη αλλού.',
    en: 'It cannot be deleted: it is still used elsewhere.',
  },
});
