import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import type { EventName } from '../../platform/jobs/catalogue.js';
import type { DomainEvent } from '../../platform/jobs/jobs.js';
import { caseFollowersOf } from '../cases/index.js';
import { notifySubscriptions } from './schema.js';
import { notify, type TRecipient } from './send.service.js';

/**
 * Transactional messages from the case engine's events. The citizen of the case and its
 * followers (the case engine's followers and our own `case` subscriptions) hear about
 * public changes; staff hear about assignments and overdue cases.
 */

const RESOLVED = new Set(['resolved', 'rejected', 'closed']);

async function caseAudience(platform: Platform, e: DomainEvent): Promise<TRecipient[]> {
  const p = e.payload;
  const out: TRecipient[] = [];
  if (p.citizenUserId || p.deviceId) out.push({ userId: (p.citizenUserId as string) ?? null, deviceId: (p.deviceId as string) ?? null });
  const caseId = String(p.caseId);
  out.push(...(await caseFollowersOf(platform.db, e.tenantId, caseId)));
  const subs = await platform.db
    .select({ userId: notifySubscriptions.userId, deviceId: notifySubscriptions.deviceId })
    .from(notifySubscriptions)
    .where(and(eq(notifySubscriptions.tenantId, e.tenantId), eq(notifySubscriptions.kind, 'case'), eq(notifySubscriptions.refId, caseId)));
  out.push(...subs);
  return out;
}

async function send(platform: Platform, e: DomainEvent, templateKey: string, recipients: TRecipient[], data: Record<string, unknown>) {
  if (!recipients.length) return;
  await platform.db.transaction(async (tx) => {
    await notify(tx, {
      tenantId: e.tenantId,
      recipients,
      templateKey,
      data,
      url: data.caseId ? `/cases/${data.caseId}` : null,
      source: 'event',
      dedupeKey: `event:${e.id}:${templateKey}`,
    });
  });
}

export function registerCaseEvents(platform: Platform) {
  const on = <T extends EventName>(type: T, fn: (e: DomainEvent) => Promise<void>) =>
    platform.jobs.on(type, `notify:${type}`, (e) => fn(e as DomainEvent));
  on('case.submitted', async (e) => send(platform, e, 'case.received', await caseAudience(platform, e), e.payload));
  on('case.protocol_assigned', async (e) => send(platform, e, 'case.protocol_assigned', await caseAudience(platform, e), e.payload));
  on('case.replied', async (e) => send(platform, e, 'case.answered', await caseAudience(platform, e), e.payload));
  on('case.info_requested', async (e) => send(platform, e, 'case.info_needed', await caseAudience(platform, e), e.payload));
  on('case.transitioned', async (e) => {
    if (!e.payload.citizenVisible) return;
    const key = RESOLVED.has(String(e.payload.category)) ? 'case.resolved' : 'case.status_changed';
    await send(platform, e, key, await caseAudience(platform, e), { ...e.payload, comment: e.payload.comment ?? '' });
  });
  on('case.assigned', async (e) => {
    if (e.payload.assigneeId) await send(platform, e, 'case.assigned', [{ userId: String(e.payload.assigneeId) }], e.payload);
  });
  on('case.overdue', async (e) => {
    if (e.payload.assigneeId) await send(platform, e, 'case.overdue', [{ userId: String(e.payload.assigneeId) }], e.payload);
  });
  on('case.escalated', async (e) => {
    const heads = (e.payload.headUserIds as string[] | undefined) ?? [];
    await send(
      platform,
      e,
      'case.escalated',
      heads.map((userId) => ({ userId })),
      e.payload,
    );
  });
}
