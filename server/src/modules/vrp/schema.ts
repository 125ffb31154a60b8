import { doublePrecision, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { users } from '../../platform/identity/identity.schema.js';

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type TRunStatus = (typeof RUN_STATUSES)[number];

/** A stored routing problem, in @dimos/vrp's own JSON format (vehicles, jobs, facilities, matrices). */
export const vrpProblems = pgTable(
  'vrp_problems',
  {
    id: id(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    problem: jsonb('problem').$type<Record<string, unknown>>().notNull(),
    /** Counted when stored (vehicles with `count` expanded), for lists and limits. */
    jobCount: integer('job_count').notNull(),
    vehicleCount: integer('vehicle_count').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('vrp_problems_tenant_idx').on(t.tenantId, t.createdAt)],
);

export type TRunOptions = { timeLimit: number; seed: number; anytime: boolean };
export type TProgressPoint = { ms: number; cost: number };

/** One solve of a stored problem: options, status, best cost over time, the answer and the checker's verdict. */
export const vrpRuns = pgTable(
  'vrp_runs',
  {
    id: id(),
    tenantId: tenantId(),
    problemId: uuid('problem_id')
      .notNull()
      .references(() => vrpProblems.id, { onDelete: 'cascade' }),
    options: jsonb('options').$type<TRunOptions>().notNull(),
    /** sha256 of the problem, the options and the solver's version: equal hashes and a converged search give equal answers. */
    inputsHash: text('inputs_hash').notNull(),
    solverVersion: text('solver_version').notNull(),
    status: text('status', { enum: RUN_STATUSES }).notNull().default('queued'),
    progress: jsonb('progress').$type<TProgressPoint[]>().notNull().default([]),
    answer: jsonb('answer').$type<Record<string, unknown>>(),
    verdict: jsonb('verdict').$type<{ ok: boolean; errors: string[]; cost?: number; distance?: number }>(),
    /** Why the search stopped: it converged (reproducible), reached the time limit, or was cancelled. */
    stoppedBy: text('stopped_by', { enum: ['converged', 'time_limit', 'cancelled'] }),
    cost: doublePrecision('cost'),
    elapsedMs: integer('elapsed_ms'),
    error: text('error'),
    errorField: text('error_field'),
    attempts: integer('attempts').notNull().default(0),
    cancelRequestedAt: ts('cancel_requested_at'),
    heartbeatAt: ts('heartbeat_at'),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('vrp_runs_tenant_idx').on(t.tenantId, t.createdAt), index('vrp_runs_status_idx').on(t.status)],
);
