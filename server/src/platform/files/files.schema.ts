import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from '../db/columns.js';

/** A stored file: bytes are content-addressed (sha256) in the blob store; this row is one upload of them. */
export const files = pgTable(
  'files',
  {
    id: id(),
    tenantId: tenantId(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mime: text('mime').notNull(),
    kind: text('kind', { enum: ['image', 'document', 'video', 'audio'] }).notNull(),
    originalName: text('original_name').notNull(),
    width: integer('width'),
    height: integer('height'),
    thumbSha256: text('thumb_sha256'),
    visibility: text('visibility', { enum: ['private', 'public'] })
      .notNull()
      .default('private'),
    ownerUserId: uuid('owner_user_id'),
    ownerDeviceId: uuid('owner_device_id'),
    createdAt: createdAt(),
  },
  (t) => [index('files_tenant_sha').on(t.tenantId, t.sha256)],
);
