import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { users } from '../../platform/identity/identity.schema.js';
import type { TCriterion } from './criteria.js';

export const AGE_GROUPS = ['infant', 'toddler'] as const;
export type TAgeGroup = (typeof AGE_GROUPS)[number];

export const CALL_STATUSES = ['draft', 'open', 'closed', 'ranked', 'published'] as const;
export type TCallStatus = (typeof CALL_STATUSES)[number];

/**
 * submitted: filed, not ranked yet · admitted: given a place by the ranking · offered: given a place
 * that freed up later · accepted: the family took the place · waiting: on the waiting lists of its
 * preferred stations · declined / withdrawn / removed: out (a place it held is offered to the next).
 */
export const APPLICATION_STATUSES = [
  'submitted',
  'admitted',
  'offered',
  'accepted',
  'waiting',
  'declined',
  'withdrawn',
  'removed',
] as const;
export type TApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** Statuses that hold a place at `stationId`. */
export const HOLDING: TApplicationStatus[] = ['admitted', 'offered', 'accepted'];

export type TCapacity = Record<string, { infant: number; toddler: number }>;
export type TAgeRules = { infantFromMonths: number; toddlerFromMonths: number; toddlerUntilMonths: number };
export type TAnswers = Record<string, boolean | number | string>;

/** A municipal nursery (παιδικός / βρεφονηπιακός σταθμός) with its places per age group. */
export const nurseryStations = pgTable(
  'nursery_stations',
  {
    id: id(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    address: text('address'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** Places in the βρεφικό τμήμα (infants). */
    capacityInfant: integer('capacity_infant').notNull().default(0),
    /** Places in the νηπιακό τμήμα (toddlers). */
    capacityToddler: integer('capacity_toddler').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('nursery_stations_tenant').on(t.tenantId, t.name)],
);

/** The annual call for enrolment: its dates, published criteria and the places on offer. */
export const nurseryCalls = pgTable(
  'nursery_calls',
  {
    id: id(),
    tenantId: tenantId(),
    schoolYear: text('school_year').notNull(),
    titleEl: text('title_el').notNull(),
    titleEn: text('title_en').notNull(),
    opensAt: ts('opens_at').notNull(),
    closesAt: ts('closes_at').notNull(),
    /** The day ages are counted at (usually 1 September of the school year). */
    referenceDate: date('reference_date', { mode: 'string' }).notNull(),
    ageRules: jsonb('age_rules').$type<TAgeRules>().notNull(),
    criteria: jsonb('criteria').$type<TCriterion[]>().notNull(),
    /** Places per station and age group, copied from the stations when the call opens. */
    capacity: jsonb('capacity').$type<TCapacity>().notNull().default({}),
    status: text('status', { enum: CALL_STATUSES }).notNull().default('draft'),
    rankedAt: ts('ranked_at'),
    publishedAt: ts('published_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('nursery_calls_tenant').on(t.tenantId, t.status)],
);

/** One child's application in a call; the case (protocol number, timeline, documents) lives in the case engine. */
export const nurseryApplications = pgTable(
  'nursery_applications',
  {
    id: id(),
    tenantId: tenantId(),
    callId: uuid('call_id')
      .notNull()
      .references(() => nurseryCalls.id, { onDelete: 'restrict' }),
    caseId: uuid('case_id').notNull(),
    citizenUserId: uuid('citizen_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The anonymised id shown in the published ranking. */
    publicCode: text('public_code').notNull(),
    childGivenName: text('child_given_name').notNull(),
    childFamilyName: text('child_family_name').notNull(),
    childBirthDate: date('child_birth_date', { mode: 'string' }).notNull(),
    ageGroup: text('age_group', { enum: AGE_GROUPS }).notNull(),
    /** Station ids, most wanted first. */
    preferences: jsonb('preferences').$type<string[]>().notNull(),
    answers: jsonb('answers').$type<TAnswers>().notNull(),
    /** The answers as staff verified them (replace the family's where given). */
    verifiedAnswers: jsonb('verified_answers').$type<TAnswers>(),
    verifiedAt: ts('verified_at'),
    verifiedBy: uuid('verified_by'),
    points: integer('points').notNull(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('submitted'),
    stationId: uuid('station_id').references(() => nurseryStations.id, { onDelete: 'restrict' }),
    rank: integer('rank'),
    offeredAt: ts('offered_at'),
    decidedAt: ts('decided_at'),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('nursery_applications_case').on(t.caseId),
    uniqueIndex('nursery_applications_code').on(t.tenantId, t.callId, t.publicCode),
    index('nursery_applications_call').on(t.tenantId, t.callId, t.status, t.rank),
    index('nursery_applications_citizen').on(t.tenantId, t.citizenUserId),
    // one live application per child and family in a call
    uniqueIndex('nursery_applications_child')
      .on(t.tenantId, t.callId, t.citizenUserId, t.childBirthDate, t.childGivenName)
      .where(sql`status not in ('withdrawn', 'removed')`),
  ],
);
