import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';

/** Opening hours: per weekday (mon…sun) a list of intervals in local (Athens) time, "HH:MM". */
export type TWeeklyHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', { open: string; close: string }[]>>;

/** A kind of place (ΚΕΠ, schools, sports, pharmacies on duty, ...) with its map icon. */
export const placeCategories = pgTable(
  'place_categories',
  {
    id: id(),
    tenantId: tenantId(),
    key: text('key').notNull(),
    nameEl: text('name_el').notNull(),
    nameEn: text('name_en').notNull(),
    icon: text('icon').notNull(),
    color: text('color').notNull().default('#0b5394'),
    sort: integer('sort').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('place_categories_tenant_key').on(t.tenantId, t.key)],
);

export const places = pgTable(
  'places',
  {
    id: id(),
    tenantId: tenantId(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => placeCategories.id),
    nameEl: text('name_el').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionEl: text('description_el'),
    descriptionEn: text('description_en'),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    email: text('email'),
    website: text('website'),
    hours: jsonb('hours').$type<TWeeklyHours | null>(),
    hoursNoteEl: text('hours_note_el'),
    hoursNoteEn: text('hours_note_en'),
    wheelchair: text('wheelchair', { enum: ['yes', 'limited', 'no'] }),
    accessibilityEl: text('accessibility_el'),
    accessibilityEn: text('accessibility_en'),
    /** Days (YYYY-MM-DD) a pharmacy is on duty. */
    dutyDates: text('duty_dates').array().notNull().default(sql`'{}'::text[]`),
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    published: boolean('published').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('places_tenant_category').on(t.tenantId, t.categoryId),
    index('places_location').using('gist', sql`point(${t.lon}, ${t.lat})`),
  ],
);

/**
 * The municipality's address register: one row per house number of a street (`number` = '' for the
 * street itself, placed at its middle), imported from an OpenStreetMap extract or a CSV. `streetNorm`
 * is the street name without accents, lower-case, final sigma as σ (see `normaliseAddress`), so a
 * search matches «ερμου», «ΕΡΜΟΥ» and «Ερμού» alike on PGlite and PostgreSQL.
 */
export const addresses = pgTable(
  'addresses',
  {
    id: id(),
    tenantId: tenantId(),
    street: text('street').notNull(),
    streetNorm: text('street_norm').notNull(),
    number: text('number').notNull().default(''),
    postcode: text('postcode'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    /** `osm`, `csv` or `demo`, and the element or line it came from (`node/123`, `line 7`). */
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('addresses_tenant_street_number').on(t.tenantId, t.streetNorm, t.number),
    index('addresses_street_trgm').using('gin', sql`${t.streetNorm} gin_trgm_ops`),
  ],
);
