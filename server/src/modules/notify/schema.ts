import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';

/**
 * Tables of the notifications module. A recipient is a citizen (user) or an anonymous
 * device; rows carry one of `user_id` / `device_id`, and `coalesce(user_id, device_id)`
 * is the recipient key in unique indexes.
 */

export const CHANNELS = ['push', 'sms', 'email', 'inapp'] as const;
export type TChannel = (typeof CHANNELS)[number];
export const CATEGORIES = ['civil_protection', 'weather', 'transport', 'schools', 'events', 'general'] as const;
export type TCategory = (typeof CATEGORIES)[number];
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'cancelled'] as const;
export type TDeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The tenant's VAPID key pair, made on first use. */
export const notifyVapidKeys = pgTable('notify_vapid_keys', {
  tenantId: tenantId().primaryKey(),
  publicKey: text('public_key').notNull(),
  privateKey: text('private_key').notNull(),
  createdAt: createdAt(),
});

/** A browser's Web Push subscription (endpoint and the client's P-256 key and auth secret). */
export const notifyPushSubscriptions = pgTable(
  'notify_push_subscriptions',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id'),
    deviceId: uuid('device_id'),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notify_push_endpoint').on(t.tenantId, t.endpoint),
    index('notify_push_user').on(t.userId),
    index('notify_push_device').on(t.deviceId),
  ],
);

/** What a recipient wants: channels, topics, quiet hours, language and a location for area broadcasts. */
export const notifyPreferences = pgTable(
  'notify_preferences',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id'),
    deviceId: uuid('device_id'),
    channels: text('channels').array().notNull().default(sql`'{push,inapp,email}'::text[]`),
    topics: text('topics').array().notNull().default(sql`'{civil_protection,weather,transport,schools,events,general}'::text[]`),
    /** Europe/Athens wall-clock 'HH:MM'; both null means no quiet hours. */
    quietStart: text('quiet_start'),
    quietEnd: text('quiet_end'),
    lang: text('lang', { enum: ['el', 'en'] })
      .notNull()
      .default('el'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    zone: text('zone'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notify_pref_recipient').on(t.tenantId, sql`coalesce(${t.userId}, ${t.deviceId})`),
    index('notify_pref_user').on(t.userId),
  ],
);

/** A subscription to a thing: a topic, a school's or nursery's announcements, a zone, one case. */
export const notifySubscriptions = pgTable(
  'notify_subscriptions',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id'),
    deviceId: uuid('device_id'),
    kind: text('kind').notNull(),
    refId: text('ref_id').notNull(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notify_sub_unique').on(t.tenantId, sql`coalesce(${t.userId}, ${t.deviceId})`, t.kind, t.refId),
    index('notify_sub_ref').on(t.tenantId, t.kind, t.refId),
  ],
);

/** Message templates per key and language; defaults are seeded per tenant, administrators edit them. */
export const notifyTemplates = pgTable(
  'notify_templates',
  {
    id: id(),
    tenantId: tenantId(),
    key: text('key').notNull(),
    lang: text('lang', { enum: ['el', 'en'] }).notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    /** Optional HTML body; without it the text is escaped into paragraphs. */
    html: text('html'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('notify_templates_key').on(t.tenantId, t.key, t.lang)],
);

/** One message (already rendered in both languages); its deliveries go out per channel. */
export const notifyMessages = pgTable(
  'notify_messages',
  {
    id: id(),
    tenantId: tenantId(),
    source: text('source', { enum: ['event', 'broadcast', 'reminder', 'generic'] }).notNull(),
    category: text('category').notNull().default('general'),
    templateKey: text('template_key'),
    subjectEl: text('subject_el').notNull(),
    subjectEn: text('subject_en').notNull(),
    textEl: text('text_el').notNull(),
    textEn: text('text_en').notNull(),
    htmlEl: text('html_el'),
    htmlEn: text('html_en'),
    url: text('url'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    broadcastId: uuid('broadcast_id'),
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('notify_messages_dedupe').on(t.tenantId, t.dedupeKey)],
);

/** One message to one address over one channel, with its own status, retries and receipt. */
export const notifyDeliveries = pgTable(
  'notify_deliveries',
  {
    id: id(),
    tenantId: tenantId(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => notifyMessages.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    userId: uuid('user_id'),
    deviceId: uuid('device_id'),
    /** Phone (E.164), e-mail address, or push subscription id; null for in-app. */
    address: text('address'),
    lang: text('lang', { enum: ['el', 'en'] })
      .notNull()
      .default('el'),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('queued'),
    provider: text('provider'),
    /** Our reference given to the provider before the call (the delivery id), so a retry can be recognised. */
    clientRef: text('client_ref'),
    providerMessageId: text('provider_message_id'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    segments: integer('segments'),
    cost: numeric('cost', { precision: 12, scale: 4 }),
    ignoreQuietHours: boolean('ignore_quiet_hours').notNull().default(false),
    readAt: ts('read_at'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    index('notify_deliveries_message').on(t.messageId, t.channel, t.status),
    index('notify_deliveries_inbox_user').on(t.tenantId, t.userId, t.createdAt).where(sql`${t.channel} = 'inapp'`),
    index('notify_deliveries_inbox_device').on(t.tenantId, t.deviceId, t.createdAt).where(sql`${t.channel} = 'inapp'`),
    index('notify_deliveries_provider_id').on(t.provider, t.providerMessageId),
  ],
);

/** A staff broadcast: category, text, audience, channels, approval and schedule. */
export const notifyBroadcasts = pgTable(
  'notify_broadcasts',
  {
    id: id(),
    tenantId: tenantId(),
    category: text('category', { enum: CATEGORIES }).notNull(),
    titleEl: text('title_el').notNull(),
    titleEn: text('title_en').notNull(),
    textEl: text('text_el').notNull(),
    textEn: text('text_en').notNull(),
    audience: jsonb('audience').$type<Record<string, unknown>>().notNull(),
    channels: text('channels').array().notNull(),
    sendAt: ts('send_at'),
    status: text('status', { enum: ['pending_approval', 'scheduled', 'sending', 'sent', 'cancelled'] }).notNull(),
    createdBy: uuid('created_by').notNull(),
    approvedBy: uuid('approved_by'),
    approvedAt: ts('approved_at'),
    messageId: uuid('message_id'),
    recipients: integer('recipients'),
    createdAt: createdAt(),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [index('notify_broadcasts_tenant').on(t.tenantId, t.createdAt)],
);

/** Reminders other modules schedule for a person; a job fires each at its time unless cancelled. */
export const notifyReminders = pgTable(
  'notify_reminders',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id'),
    deviceId: uuid('device_id'),
    at: ts('at').notNull(),
    templateKey: text('template_key'),
    text: text('text'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status', { enum: ['scheduled', 'sent', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('notify_reminders_dedupe').on(t.tenantId, t.dedupeKey)],
);

/**
 * A dated obligation of something (a vehicle's ΚΤΕΟ, a shop licence, a grave lease, a pet's vaccination):
 * the people in `recipients` are told at each of `offsetsDays` before `dueDate` (0 = on the day).
 * The owning module keeps it in step with its own record through `upsertObligation` (keyed by subject).
 */
export const notifyObligations = pgTable(
  'notify_obligations',
  {
    id: id(),
    tenantId: tenantId(),
    /** The owner's kind of thing, e.g. `fleet.paper`, and its id. */
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    titleEl: text('title_el').notNull(),
    titleEn: text('title_en').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    offsetsDays: jsonb('offsets_days').$type<number[]>().notNull(),
    recipients: jsonb('recipients').$type<{ userId: string }[]>().notNull(),
    channels: jsonb('channels').$type<TChannel[]>().notNull(),
    url: text('url'),
    status: text('status', { enum: ['active', 'done', 'cancelled'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notify_obligations_subject').on(t.tenantId, t.subjectKind, t.subjectId),
    index('notify_obligations_due').on(t.status, t.dueDate),
  ],
);

/** One row per notice sent for an obligation's due date and offset: a notice goes out once. */
export const notifyObligationNotices = pgTable(
  'notify_obligation_notices',
  {
    obligationId: uuid('obligation_id')
      .notNull()
      .references(() => notifyObligations.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    offsetDays: integer('offset_days').notNull(),
    messageId: uuid('message_id'),
    sentAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.obligationId, t.dueDate, t.offsetDays] })],
);
