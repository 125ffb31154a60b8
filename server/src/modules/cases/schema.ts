import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { users } from '../../platform/identity/identity.schema.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import type { TCaseTypeSnapshot, TWorkflowDefinition } from './case-type.model.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** `partner`: filed by a partner organisation's user (a school principal) through that module's own route. */
export const CASE_CHANNELS = ['app', 'web', 'kiosk', 'phone', 'counter', 'open311', 'api', 'partner'] as const;
export const STATE_CATEGORIES = ['new', 'open', 'in_progress', 'waiting_citizen', 'resolved', 'rejected', 'closed'] as const;
export type TStateCategory = (typeof STATE_CATEGORIES)[number];

/** A workflow as data: states and transitions. Edited in place; cases keep their state key. */
export const workflows = pgTable(
  'workflows',
  {
    id: id(),
    tenantId: tenantId(),
    key: text('key').notNull(),
    nameEl: text('name_el').notNull(),
    nameEn: text('name_en').notNull(),
    definition: jsonb('definition').$type<TWorkflowDefinition>().notNull(),
    revision: integer('revision').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workflows_tenant_key').on(t.tenantId, t.key)],
);

/** The stable identity of a case type; everything that may change lives in its versions. */
export const caseTypes = pgTable(
  'case_types',
  {
    id: id(),
    tenantId: tenantId(),
    key: text('key').notNull(),
    group: text('group').notNull(),
    icon: text('icon'),
    active: boolean('active').notNull().default(true),
    currentVersion: integer('current_version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('case_types_tenant_key').on(t.tenantId, t.key)],
);

/** Immutable snapshots of a case type; a case points at the one it was filed under. */
export const caseTypeVersions = pgTable(
  'case_type_versions',
  {
    id: id(),
    tenantId: tenantId(),
    caseTypeId: uuid('case_type_id')
      .notNull()
      .references(() => caseTypes.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<TCaseTypeSnapshot>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('case_type_versions_unique').on(t.caseTypeId, t.version)],
);

/** One row per tenant and year; `n` is bumped under the row lock, so numbers have no gaps. */
export const protocolCounters = pgTable(
  'protocol_counters',
  {
    tenantId: tenantId(),
    year: integer('year').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

export const cases = pgTable(
  'cases',
  {
    id: id(),
    tenantId: tenantId(),
    caseTypeId: uuid('case_type_id')
      .notNull()
      .references(() => caseTypes.id),
    caseTypeVersionId: uuid('case_type_version_id')
      .notNull()
      .references(() => caseTypeVersions.id),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id),
    protocolNumber: text('protocol_number'),
    protocolYear: integer('protocol_year'),
    protocolSeq: integer('protocol_seq'),
    protocolStatus: text('protocol_status', { enum: ['assigned', 'pending'] }).notNull(),
    protocolDate: ts('protocol_date'),
    trackingCode: text('tracking_code').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    fileIds: uuid('file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    channel: text('channel', { enum: CASE_CHANNELS }).notNull(),
    state: text('state').notNull(),
    stateCategory: text('state_category', { enum: STATE_CATEGORIES }).notNull(),
    /** The state to go back to when the citizen answers a request for information. */
    resumeState: text('resume_state'),
    unitId: uuid('unit_id').references(() => orgUnits.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] })
      .notNull()
      .default('normal'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    address: text('address'),
    dueDate: date('due_date'),
    citizenUserId: uuid('citizen_user_id').references(() => users.id, { onDelete: 'set null' }),
    deviceId: uuid('device_id'),
    intakeUserId: uuid('intake_user_id').references(() => users.id, { onDelete: 'set null' }),
    contact: jsonb('contact').$type<{ name?: string; email?: string; phone?: string }>().notNull().default({}),
    mergedIntoId: uuid('merged_into_id'),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    resolvedAt: ts('resolved_at'),
    overdueNotifiedAt: ts('overdue_notified_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('greek_unaccent', coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(address, '') || ' ' || coalesce(protocol_number, ''))`,
    ),
  },
  (t) => [
    uniqueIndex('cases_tenant_protocol').on(t.tenantId, t.protocolNumber),
    uniqueIndex('cases_tenant_tracking').on(t.tenantId, t.trackingCode),
    index('cases_tenant_submitted').on(t.tenantId, t.submittedAt),
    index('cases_tenant_category').on(t.tenantId, t.stateCategory),
    index('cases_tenant_unit').on(t.tenantId, t.unitId),
    // the staff list's counts per category over the units a member of staff sees: an index-only scan
    index('cases_tenant_unit_category').on(t.tenantId, t.unitId, t.stateCategory),
    index('cases_tenant_assignee').on(t.tenantId, t.assigneeId),
    index('cases_tenant_type').on(t.tenantId, t.caseTypeId),
    index('cases_device').on(t.deviceId),
    index('cases_citizen').on(t.citizenUserId),
    index('cases_due').on(t.tenantId, t.dueDate),
    index('cases_location').using('gist', sql`point(${t.lon}, ${t.lat})`),
    index('cases_search').using('gin', t.search),
    index('cases_title_trgm').using('gin', sql`lower(f_unaccent(${t.title})) gin_trgm_ops`),
  ],
);

/** The timeline of a case: submissions, state changes, public replies, internal notes. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: id(),
    tenantId: tenantId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    public: boolean('public').notNull().default(false),
    body: text('body'),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorKind: text('author_kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('case_events_case').on(t.caseId, t.createdAt)],
);

/** Who wants to hear about a case beyond its submitter; carried over when duplicates are merged. */
export const caseFollowers = pgTable(
  'case_followers',
  {
    id: id(),
    tenantId: tenantId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id'),
    deviceId: uuid('device_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('case_followers_unique').on(t.caseId, sql`coalesce(${t.userId}, ${t.deviceId})`),
    index('case_followers_user').on(t.userId),
    index('case_followers_device').on(t.deviceId),
  ],
);

export const caseLinks = pgTable(
  'case_links',
  {
    tenantId: tenantId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    relatedId: uuid('related_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.relatedId] })],
);

/** Answers to requests that carried an Idempotency-Key, so a retry gets the same case. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: tenantId(),
    caller: text('caller').notNull(),
    key: text('key').notNull(),
    scope: text('scope').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.caller, t.key] })],
);

/** A staff member's saved list filters. */
export const caseSavedViews = pgTable(
  'case_saved_views',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('case_saved_views_user').on(t.userId)],
);

/** The citizen's rating of how a case was handled: 1–5 stars and a comment, at most once per case. */
export const caseRatings = pgTable(
  'case_ratings',
  {
    id: id(),
    tenantId: tenantId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    stars: integer('stars').notNull(),
    comment: text('comment'),
    userId: uuid('user_id'),
    deviceId: uuid('device_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('case_ratings_case').on(t.tenantId, t.caseId)],
);
