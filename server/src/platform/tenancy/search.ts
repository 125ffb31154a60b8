import { type SQL, sql } from 'drizzle-orm';

/**
 * Text for matching Greek the way people type it: without accents, in lower case, and with
 * final sigma (ς) folded into σ, since lower('Σ') is σ and "ΠΑΠΑΔΑΚΗΣ" must find "Παπαδάκης".
 */
export const folded = (expr: SQL | string) => sql`translate(lower(f_unaccent(${expr})), 'ς', 'σ')`;

/** `haystack` contains `needle`, ignoring case, accents and final sigma; LIKE wildcards in `needle` are literal. */
export function containsText(haystack: SQL, needle: string): SQL {
  const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${folded(haystack)} like ${folded(like)}`;
}
