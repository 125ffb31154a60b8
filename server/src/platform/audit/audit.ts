import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../db/database.js';
import { auditLog } from './audit.schema.js';

export type AuditEntry = { action: string; entity?: string; entityId?: string; data?: Record<string, unknown> };

/**
 * Records a write in the audit log: who (the request's actor), what, when and from where.
 * Call it inside the transaction of the change so the record and the change stand or fall together.
 * Never put secrets (passwords, codes, tokens) in `data`.
 */
export async function audit(tx: DbOrTx, req: FastifyRequest, entry: AuditEntry) {
  const actor = req.actor;
  await tx.insert(auditLog).values({
    tenantId: req.tenant.id,
    actorUserId: 'userId' in actor ? (actor.userId ?? null) : null,
    actorKind: actor.kind,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    data: entry.data ?? {},
    ip: req.ip,
    userAgent: req.headers['user-agent']?.slice(0, 300),
    requestId: req.id,
  });
}
