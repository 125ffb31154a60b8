import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../db/columns.js';

/**
 * Messages handed to an outside channel (SMS, e-mail). In development, and when no
 * provider is configured, this table is the outbox itself: nothing leaves the machine.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: id(),
    tenantId: tenantId(),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    provider: text('provider').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
  },
  (t) => [index('outbound_messages_tenant').on(t.tenantId, t.createdAt)],
);
