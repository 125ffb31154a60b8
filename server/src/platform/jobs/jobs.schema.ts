import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from '../db/columns.js';
import { tenants } from '../tenancy/tenancy.schema.js';

/** The durable job queue: workers take rows with FOR UPDATE SKIP LOCKED. */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    queue: text('queue').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: ['queued', 'running', 'done', 'dead', 'cancelled'] })
      .notNull()
      .default('queued'),
    dedupeKey: text('dedupe_key'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAt: ts('run_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    uniqueIndex('jobs_dedupe').on(t.dedupeKey),
    index('jobs_ready').on(t.runAt).where(sql`${t.status} = 'queued'`),
    index('jobs_status').on(t.status, t.queue),
  ],
);

/** Recurring jobs: one row per schedule, its next run advanced atomically by whichever worker fires it. */
export const cronSchedules = pgTable('cron_schedules', {
  name: text('name').primaryKey(),
  cron: text('cron').notNull(),
  queue: text('queue').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  nextRunAt: ts('next_run_at').notNull(),
  lastRunAt: ts('last_run_at'),
});

/** Domain events, written in the same transaction as the change that caused them. */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    dispatchedAt: ts('dispatched_at'),
  },
  (t) => [index('outbox_pending').on(t.createdAt).where(sql`${t.dispatchedAt} is null`)],
);
