import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { users } from '../../platform/identity/identity.schema.js';
import { caseForeignKeys } from '../cases/index.js';

/** A GeoJSON Polygon or MultiPolygon in WGS84. */
export type TGeometry = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
export type TOutsideBody = { nameEl: string; nameEn: string; kind: string; email?: string; phone?: string; url?: string };

/**
 * The municipality's boundary, its districts, and the neighbouring municipalities' polygons
 * (so a report outside the boundary can name the right municipality). The bounding box is kept
 * beside the polygon so most points are ruled in or out without the exact test.
 */
export const reportAreas = pgTable(
  'report_areas',
  {
    id: id(),
    tenantId: tenantId(),
    kind: text('kind', { enum: ['boundary', 'district', 'neighbour'] }).notNull(),
    key: text('key').notNull(),
    nameEl: text('name_el').notNull(),
    nameEn: text('name_en').notNull(),
    geometry: jsonb('geometry').$type<TGeometry>().notNull(),
    minLon: doublePrecision('min_lon').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    maxLon: doublePrecision('max_lon').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('report_areas_key').on(t.tenantId, t.kind, t.key)],
);

/** Which case types are street problems, and whether they go to an outside body instead of a unit. */
export const reportCategories = pgTable(
  'report_categories',
  {
    id: id(),
    tenantId: tenantId(),
    caseTypeId: uuid('case_type_id').notNull().references(caseForeignKeys.caseTypeId, { onDelete: 'cascade' }),
    sortOrder: integer('sort_order').notNull().default(0),
    outsideBody: jsonb('outside_body').$type<TOutsideBody | null>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('report_categories_type').on(t.tenantId, t.caseTypeId)],
);

/** What the public sees of a report, as moderators left it. A report with no row is unreviewed. */
export const reportModeration = pgTable(
  'report_moderation',
  {
    caseId: uuid('case_id').primaryKey().references(caseForeignKeys.caseId, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    reviewed: boolean('reviewed').notNull().default(false),
    hidden: boolean('hidden').notNull().default(false),
    hiddenReason: text('hidden_reason'),
    publicTitle: text('public_title'),
    publicDescription: text('public_description'),
    approvedFileIds: uuid('approved_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    redactedFileIds: uuid('redacted_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: ts('reviewed_at'),
  },
  (t) => [index('report_moderation_tenant').on(t.tenantId, t.reviewed)],
);

/** Every moderation action with its reason (the audit log has them too). */
export const reportModerationLog = pgTable(
  'report_moderation_log',
  {
    id: id(),
    tenantId: tenantId(),
    caseId: uuid('case_id').notNull().references(caseForeignKeys.caseId, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    reason: text('reason').notNull(),
    fileId: uuid('file_id'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('report_moderation_log_case').on(t.caseId)],
);

/** Area alerts: new reports around a point (radius in metres) or in a district. `token` names the RSS feed. */
export const reportAlerts = pgTable(
  'report_alerts',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id'),
    kind: text('kind', { enum: ['point', 'district'] }).notNull(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    radiusM: integer('radius_m'),
    areaId: uuid('area_id').references(() => reportAreas.id, { onDelete: 'cascade' }),
    label: text('label'),
    token: text('token').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('report_alerts_token').on(t.token),
    index('report_alerts_tenant').on(t.tenantId),
    index('report_alerts_user').on(t.userId),
    index('report_alerts_device').on(t.deviceId),
  ],
);
