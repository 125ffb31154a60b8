import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';

/** Content from the press office, urgent alerts, and the council's meetings. See README.md. */

export const CONTENT_KINDS = ['news', 'announcement', 'event', 'internal'] as const;
export type TContentKind = (typeof CONTENT_KINDS)[number];
export const CONTENT_STATUSES = ['draft', 'scheduled', 'published', 'archived'] as const;
export type TContentStatus = (typeof CONTENT_STATUSES)[number];
export const ALERT_SEVERITIES = ['info', 'warning', 'severe', 'extreme'] as const;
/** The same names as the notify module's topics, so a pushed alert reaches those who follow the topic. */
export const ALERT_CATEGORIES = ['civil_protection', 'weather', 'transport', 'general'] as const;
export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;

export const contentCategories = pgTable(
  'content_categories',
  {
    id: id(),
    tenantId: tenantId(),
    slug: text('slug').notNull(),
    nameEl: text('name_el').notNull(),
    nameEn: text('name_en').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('content_categories_tenant_slug').on(t.tenantId, t.slug)],
);

export const contentItems = pgTable(
  'content_items',
  {
    id: id(),
    tenantId: tenantId(),
    kind: text('kind', { enum: CONTENT_KINDS }).notNull(),
    status: text('status', { enum: CONTENT_STATUSES }).notNull().default('draft'),
    categoryId: uuid('category_id').references(() => contentCategories.id, { onDelete: 'set null' }),
    titleEl: text('title_el').notNull(),
    titleEn: text('title_en'),
    summaryEl: text('summary_el').notNull().default(''),
    summaryEn: text('summary_en'),
    bodyEl: text('body_el').notNull().default(''),
    bodyEn: text('body_en'),
    imageFileId: uuid('image_file_id'),
    imageAltEl: text('image_alt_el'),
    imageAltEn: text('image_alt_en'),
    /** Events only. */
    startsAt: ts('starts_at'),
    endsAt: ts('ends_at'),
    placeEl: text('place_el'),
    placeEn: text('place_en'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    organiser: text('organiser'),
    /** Send a push notification (through notify) when the item is published. */
    push: boolean('push').notNull().default(false),
    pushedAt: ts('pushed_at'),
    publishAt: ts('publish_at'),
    publishedAt: ts('published_at'),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('content_items_published').on(t.tenantId, t.status, t.publishedAt),
    index('content_items_events').on(t.tenantId, t.kind, t.startsAt),
  ],
);

export const contentAlerts = pgTable(
  'content_alerts',
  {
    id: id(),
    tenantId: tenantId(),
    category: text('category', { enum: ALERT_CATEGORIES }).notNull(),
    severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
    titleEl: text('title_el').notNull(),
    titleEn: text('title_en'),
    textEl: text('text_el').notNull(),
    textEn: text('text_en'),
    areaEl: text('area_el').notNull(),
    areaEn: text('area_en'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    push: boolean('push').notNull().default(false),
    pushedAt: ts('pushed_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('content_alerts_active').on(t.tenantId, t.endsAt)],
);

export const councilMeetings = pgTable(
  'council_meetings',
  {
    id: id(),
    tenantId: tenantId(),
    titleEl: text('title_el').notNull(),
    titleEn: text('title_en'),
    startsAt: ts('starts_at').notNull(),
    placeEl: text('place_el').notNull(),
    placeEn: text('place_en'),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('scheduled'),
    /** Files (platform files module, public) attached to the meeting: the invitation, minutes. */
    documents: jsonb('documents').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('council_meetings_tenant_start').on(t.tenantId, t.startsAt)],
);

/** An item on a meeting's agenda and, once taken, its decision with the Diavgeia ΑΔΑ. */
export const councilAgendaItems = pgTable(
  'council_agenda_items',
  {
    id: id(),
    tenantId: tenantId(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => councilMeetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    titleEl: text('title_el').notNull(),
    titleEn: text('title_en'),
    decisionNumber: text('decision_number'),
    decisionEl: text('decision_el'),
    decisionEn: text('decision_en'),
    ada: text('ada'),
  },
  (t) => [
    uniqueIndex('council_agenda_items_position').on(t.meetingId, t.position),
    uniqueIndex('council_agenda_items_ada').on(t.tenantId, t.ada),
  ],
);
