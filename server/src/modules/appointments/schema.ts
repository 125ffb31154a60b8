import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { users } from '../../platform/identity/identity.schema.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';

/** A span of wall-clock time in Athens, `HH:MM`–`HH:MM`. */
export type TInterval = { from: string; to: string };
/** Opening hours per weekday (0 = Sunday … 6 = Saturday); gaps between intervals are breaks. */
export type TWeekly = Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', TInterval[]>>;

export const CHANNELS = ['online', 'phone', 'counter'] as const;
export type TChannel = (typeof CHANNELS)[number];

/** A unit's booking calendar: weekly hours with breaks. Public and tenant holidays close it on top. */
export const apptUnits = pgTable(
  'appt_units',
  {
    id: id(),
    tenantId: tenantId(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    weekly: jsonb('weekly').$type<TWeekly>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('appt_units_unit').on(t.tenantId, t.unitId)],
);

/** A date that differs from the weekly hours: closed all day, or open with special hours. */
export const apptExceptions = pgTable(
  'appt_exceptions',
  {
    id: id(),
    tenantId: tenantId(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    closed: boolean('closed').notNull().default(true),
    intervals: jsonb('intervals').$type<TInterval[]>().notNull().default([]),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('appt_exceptions_unit_date').on(t.tenantId, t.unitId, t.date)],
);

/** What a citizen can book at a unit, with the rules of its calendar. */
export const apptServices = pgTable(
  'appt_services',
  {
    id: id(),
    tenantId: tenantId(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    nameEl: text('name_el').notNull(),
    nameEn: text('name_en').notNull(),
    durationMin: integer('duration_min').notNull(),
    bufferMin: integer('buffer_min').notNull().default(0),
    documentsEl: jsonb('documents_el').$type<string[]>().notNull().default([]),
    documentsEn: jsonb('documents_en').$type<string[]>().notNull().default([]),
    /** Places of each time (per counter) kept for each channel. */
    capOnline: integer('cap_online').notNull().default(1),
    capPhone: integer('cap_phone').notNull().default(0),
    capCounter: integer('cap_counter').notNull().default(0),
    /** Booking window: from `minLeadHours` to `horizonDays` ahead. */
    minLeadHours: integer('min_lead_hours').notNull().default(2),
    horizonDays: integer('horizon_days').notNull().default(60),
    /** A citizen may hold at most `limitPerCitizen` bookings of this service within any `limitPeriodDays`. */
    limitPerCitizen: integer('limit_per_citizen').notNull().default(1),
    limitPeriodDays: integer('limit_period_days').notNull().default(30),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('appt_services_unit').on(t.tenantId, t.unitId)],
);

/** A counter or a staff member who serves appointments; each has its own places per time. */
export const apptResources = pgTable(
  'appt_resources',
  {
    id: id(),
    tenantId: tenantId(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    serviceIds: uuid('service_ids').array().notNull().default(sql`'{}'::uuid[]`),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('appt_resources_unit').on(t.tenantId, t.unitId)],
);

/**
 * One bookable time of a service (at one counter, or with no counter), materialised for the
 * booking horizon. The counters are the only source of truth for capacity: booking takes a
 * place with a conditional UPDATE and the CHECKs make over-booking impossible in the database.
 */
export const apptSlots = pgTable(
  'appt_slots',
  {
    id: id(),
    tenantId: tenantId(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => apptServices.id, { onDelete: 'cascade' }),
    resourceId: uuid('resource_id').references(() => apptResources.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    capOnline: integer('cap_online').notNull(),
    capPhone: integer('cap_phone').notNull(),
    capCounter: integer('cap_counter').notNull(),
    takenOnline: integer('taken_online').notNull().default(0),
    takenPhone: integer('taken_phone').notNull().default(0),
    takenCounter: integer('taken_counter').notNull().default(0),
  },
  (t) => [
    unique('appt_slots_time').on(t.serviceId, t.resourceId, t.startsAt).nullsNotDistinct(),
    index('appt_slots_day').on(t.tenantId, t.serviceId, t.date),
    check('appt_slots_online_cap', sql`${t.takenOnline} >= 0 and ${t.takenOnline} <= ${t.capOnline}`),
    check('appt_slots_phone_cap', sql`${t.takenPhone} >= 0 and ${t.takenPhone} <= ${t.capPhone}`),
    check('appt_slots_counter_cap', sql`${t.takenCounter} >= 0 and ${t.takenCounter} <= ${t.capCounter}`),
  ],
);

export const BOOKING_STATUSES = [
  'held',
  'booked',
  'checked_in',
  'serving',
  'served',
  'no_show',
  'cancelled',
  'expired',
  'released',
] as const;
export type TBookingStatus = (typeof BOOKING_STATUSES)[number];
/** Statuses that occupy a place in their slot. */
export const OCCUPYING: TBookingStatus[] = ['held', 'booked', 'checked_in', 'serving', 'served', 'no_show'];

/** An appointment (or a hold on a time, or a walk-in ticket), through its whole life. */
export const apptBookings = pgTable(
  'appt_bookings',
  {
    id: id(),
    tenantId: tenantId(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id').references(() => apptServices.id, { onDelete: 'cascade' }),
    slotId: uuid('slot_id').references(() => apptSlots.id, { onDelete: 'set null' }),
    resourceId: uuid('resource_id').references(() => apptResources.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['appointment', 'walk_in'] })
      .notNull()
      .default('appointment'),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    startsAt: ts('starts_at'),
    endsAt: ts('ends_at'),
    holdExpiresAt: ts('hold_expires_at'),
    deviceId: uuid('device_id'),
    citizenUserId: uuid('citizen_user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name'),
    phone: text('phone'),
    email: text('email'),
    lang: text('lang', { enum: ['el', 'en'] })
      .notNull()
      .default('el'),
    notes: text('notes'),
    manageTokenHash: text('manage_token_hash'),
    /** A waiting-list offer: confirming it replaces this (later) booking. */
    replacesBookingId: uuid('replaces_booking_id'),
    waitlistId: uuid('waitlist_id'),
    ticketNumber: text('ticket_number'),
    bookedByUserId: uuid('booked_by_user_id'),
    confirmedAt: ts('confirmed_at'),
    cancelledAt: ts('cancelled_at'),
    checkedInAt: ts('checked_in_at'),
    serviceStartedAt: ts('service_started_at'),
    serviceEndedAt: ts('service_ended_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // A device holds at most one time at once, enforced by the database.
    uniqueIndex('appt_bookings_one_hold').on(t.deviceId).where(sql`${t.status} = 'held' and ${t.deviceId} is not null`),
    uniqueIndex('appt_bookings_manage').on(t.manageTokenHash),
    index('appt_bookings_day').on(t.tenantId, t.unitId, t.date),
    index('appt_bookings_slot').on(t.slotId, t.status),
    index('appt_bookings_citizen').on(t.tenantId, t.citizenUserId),
    index('appt_bookings_holds').on(t.holdExpiresAt).where(sql`${t.status} = 'held'`),
  ],
);

/** Citizens waiting for an earlier time of a service; the first is offered a freed place. */
export const apptWaitlist = pgTable(
  'appt_waitlist',
  {
    id: id(),
    tenantId: tenantId(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => apptServices.id, { onDelete: 'cascade' }),
    citizenUserId: uuid('citizen_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id'),
    /** The booking they have and would move earlier, if any. */
    bookingId: uuid('booking_id'),
    /** Only offer times before this date (inclusive). */
    untilDate: date('until_date', { mode: 'string' }),
    status: text('status', { enum: ['waiting', 'offered', 'done', 'cancelled'] })
      .notNull()
      .default('waiting'),
    offeredBookingId: uuid('offered_booking_id'),
    createdAt: createdAt(),
  },
  (t) => [index('appt_waitlist_queue').on(t.tenantId, t.serviceId, t.status, t.createdAt)],
);

/** Walk-in ticket numbers, gap-free per unit and day (Α001, Α002, …). */
export const apptTicketCounters = pgTable(
  'appt_ticket_counters',
  {
    tenantId: tenantId(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.unitId, t.date] })],
);
