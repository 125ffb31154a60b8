import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from '../db/columns.js';

/** Append-only record of every staff write: who, what, when, from where. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    tenantId: tenantId(),
    actorUserId: uuid('actor_user_id'),
    actorKind: text('actor_kind').notNull(),
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: text('entity_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    at: createdAt(),
  },
  (t) => [index('audit_log_tenant_at').on(t.tenantId, t.at), index('audit_log_entity').on(t.tenantId, t.entity, t.entityId)],
);
