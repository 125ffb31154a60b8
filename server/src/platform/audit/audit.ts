import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../db/database.js';
import { requestContext, type ServiceContext } from '../service-context.js';
import { auditLog } from './audit.schema.js';

export type AuditEntry = { action: string; entity?: string; entityId?: string; data?: Record<string, unknown> };

/**
 * Records a write in the audit log: who (the request's actor), what, when and from where.
 * Call it inside the transaction of the change so the record and the change stand or fall together.
 * Never put secrets (passwords, codes, tokens) in `data`.
 */
export async function audit(tx: DbOrTx, from: FastifyRequest | ServiceContext, entry: AuditEntry) {
  const ctx = 'origin' in from ? from : requestContext(from);
  const actor = ctx.actor;
  const http = ctx.origin.kind === 'http' ? ctx.origin : undefined;
  await tx.insert(auditLog).values({
    tenantId: ctx.tenant.id,
    actorUserId: 'userId' in actor ? (actor.userId ?? null) : null,
    actorKind: actor.kind,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    data: entry.data ?? {},
    ip: http?.ip,
    userAgent: http?.userAgent ?? (http ? undefined : `${ctx.origin.kind}:${'name' in ctx.origin ? ctx.origin.name : ''}`),
    requestId: http?.requestId,
  });
}
