import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { devices, users } from '../../platform/identity/identity.schema.js';
import { caseForeignKeys } from '../cases/index.js';

/**
 * A client application allowed to POST service requests (an app, a partner's system).
 * Only the SHA-256 of its key is kept; `keyPrefix` lets staff recognise a key without it.
 * Each client has its own device identity: uploads it sends are owned by it, and
 * idempotency keys are scoped to it.
 */
export const open311Clients = pgTable(
  'open311_clients',
  {
    id: id(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    contact: text('contact'),
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    revokedAt: ts('revoked_at'),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [uniqueIndex('open311_clients_key').on(t.keyHash), index('open311_clients_tenant').on(t.tenantId)],
);

/** Every request filed through Open311: which client sent it, and the token that finds its case. */
export const open311Submissions = pgTable(
  'open311_submissions',
  {
    id: id(),
    tenantId: tenantId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => open311Clients.id),
    caseId: uuid('case_id').notNull().references(caseForeignKeys.caseId, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('open311_submissions_token').on(t.tenantId, t.token), index('open311_submissions_case').on(t.caseId)],
);
