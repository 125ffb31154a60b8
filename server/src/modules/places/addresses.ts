import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { addresses } from './schema.js';

/**
 * An address as it is compared: accents off (ά→α, ϊ→ι), lower case, final sigma as σ, anything
 * that is not a letter or a digit as one space. «Ελευθερίου Βενιζέλου 12», «ΕΛΕΥΘΕΡΙΟΥ ΒΕΝΙΖΕΛΟΥ 12»
 * and «ελευθεριου  βενιζελου,12» are the same. (The web app has the same rule for highlighting.)
 */
export function normaliseAddress(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ς/g, 'σ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A house number as stored: «12», «12α», «12-14» (letters normalised like a street). */
export const normaliseNumber = (s: string) => normaliseAddress(s).replace(/ /g, '');

export type TAddressRow = {
  street: string;
  number: string;
  postcode?: string | null;
  lat: number;
  lon: number;
  source: string;
  sourceRef?: string | null;
};

/** Adds or moves addresses (same tenant, street and number: the newer position wins). */
export async function upsertAddresses(db: DbOrTx, tenantId: string, rows: TAddressRow[]) {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500).map((r) => ({
      tenantId,
      street: r.street.trim(),
      streetNorm: normaliseAddress(r.street),
      number: normaliseNumber(r.number),
      postcode: r.postcode ?? null,
      lat: r.lat,
      lon: r.lon,
      source: r.source,
      sourceRef: r.sourceRef ?? null,
    }));
    await db
      .insert(addresses)
      .values(batch)
      .onConflictDoUpdate({
        target: [addresses.tenantId, addresses.streetNorm, addresses.number],
        set: {
          street: sql`excluded.street`,
          postcode: sql`excluded.postcode`,
          lat: sql`excluded.lat`,
          lon: sql`excluded.lon`,
          source: sql`excluded.source`,
          sourceRef: sql`excluded.source_ref`,
        },
      });
  }
}

const NUMBER = /^\d+[\p{L}]?$|^\d+ ?- ?\d+$/u;

/**
 * Splits what someone typed into street words and a house number: the number is the last word that
 * starts with a digit («ερμου 22», «22 ερμου», «ερμου 22α»).
 */
export function parseAddressQuery(q: string): { words: string[]; number: string | null } {
  const words = normaliseAddress(q).split(' ').filter(Boolean);
  let number: string | null = null;
  for (let i = words.length - 1; i >= 0; i--) {
    if (NUMBER.test(words[i] as string)) {
      number = words[i] as string;
      words.splice(i, 1);
      break;
    }
  }
  return { words, number };
}

export type TAddressHit = { id: string; street: string; number: string | null; postcode: string | null; lat: number; lon: number };

/**
 * Street and number, accent-insensitive: every word typed must begin a word of the street's name
 * (so «βενιζ» finds «Ελευθερίου Βενιζέλου»); with a number, that number first, then numbers that
 * begin with it; without one, the street itself first. Works alike on PGlite and PostgreSQL
 * (a trigram index serves the `like`).
 */
export async function searchAddresses(db: DbOrTx, tenantId: string, q: string, limit = 10): Promise<TAddressHit[]> {
  const { words, number } = parseAddressQuery(q);
  if (!words.length) return [];
  const conditions = [eq(addresses.tenantId, tenantId)];
  // normalised words hold only letters and digits: no `like` wildcard can reach the pattern
  for (const w of words.slice(0, 6)) conditions.push(sql`(' ' || ${addresses.streetNorm}) like ${`% ${w}%`}`);
  if (number) conditions.push(sql`${addresses.number} like ${`${number}%`}`);
  const rows = await db
    .select({
      id: addresses.id,
      street: addresses.street,
      number: addresses.number,
      postcode: addresses.postcode,
      lat: addresses.lat,
      lon: addresses.lon,
    })
    .from(addresses)
    .where(and(...conditions))
    .orderBy(
      number ? desc(sql`${addresses.number} = ${number}`) : desc(sql`${addresses.number} = ''`),
      asc(addresses.street),
      asc(sql`length(${addresses.number})`),
      asc(addresses.number),
    )
    .limit(limit);
  return rows.map((r) => ({ ...r, number: r.number || null }));
}
