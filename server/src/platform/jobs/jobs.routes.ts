import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { Tx } from '../db/database.js';
import type { ApiPart as Part } from '../http/app.js';
import { AppError } from '../http/errors.js';
import { sweepRateLimits } from '../http/rate-limit.store.js';
import { registerMessages } from '../i18n/i18n.js';
import { jobs } from './jobs.schema.js';

registerMessages({
  'jobs.not_found': { el: 'Η εργασία δεν βρέθηκε.', en: 'Job not found.' },
  'jobs.not_retryable': {
    el: 'Μόνο εργασίες που απέτυχαν οριστικά μπορούν να ξαναδοκιμαστούν.',
    en: 'Only jobs that have failed for good can be retried.',
  },
  'jobs.not_cancellable': {
    el: 'Μόνο εργασίες σε αναμονή ή αποτυχημένες μπορούν να ακυρωθούν.',
    en: 'Only queued or failed jobs can be cancelled.',
  },
});

/** The daily clean-up: finished jobs are kept a week (for dedupe and inspection), dispatched events a month. */
export const CLEANUP_QUEUE = 'jobs.cleanup';
export const CLEANUP_CRON = '17 3 * * *';

export const ZJobStatusFilter = z.enum(['queued', 'running', 'dead']);
export const ZJobView = z.object({
  id: z.uuid(),
  queue: z.string(),
  status: z.enum(['queued', 'running', 'done', 'dead', 'cancelled']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TJobView = z.infer<typeof ZJobView>;
const ZJobParams = z.object({ id: z.uuid() });

// Payloads are not shown: they may carry one-time codes or addresses a handler needs to send.
const columns = {
  id: jobs.id,
  queue: jobs.queue,
  status: jobs.status,
  attempts: jobs.attempts,
  maxAttempts: jobs.maxAttempts,
  runAt: jobs.runAt,
  lastError: jobs.lastError,
  createdAt: jobs.createdAt,
  finishedAt: jobs.finishedAt,
};
type JobRow = { [K in keyof typeof columns]: (typeof jobs.$inferSelect)[K] };

const view = (j: JobRow): TJobView => ({
  ...j,
  runAt: j.runAt.toISOString(),
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
});

/** The dead-letter list and its administration: an administrator sees the tenant's jobs, retries or cancels them. */
export const jobsApi: Part = {
  name: 'jobs',
  async setup(platform) {
    platform.jobs.register(CLEANUP_QUEUE, async () => {
      const deleted = await platform.jobs.cleanup();
      await sweepRateLimits(platform.db);
      platform.log.info({ deleted }, 'jobs clean-up');
    });
    await platform.jobs.schedule('jobs.cleanup', CLEANUP_CRON, CLEANUP_QUEUE);
  },
  plugin: async (app, { platform }) => {
    const { db } = platform;

    app.get(
      '/api/jobs',
      {
        config: { access: 'perm:jobs.manage' },
        schema: {
          tags: ['jobs'],
          summary: "The municipality's background jobs by status (dead = the dead-letter list), newest first",
          querystring: z.object({
            status: ZJobStatusFilter.default('dead'),
            queue: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.object({ items: z.array(ZJobView) }) },
        },
      },
      async (req) => {
        const { status, queue, limit } = req.query;
        const items = await db
          .select(columns)
          .from(jobs)
          .where(and(eq(jobs.tenantId, req.tenant.id), eq(jobs.status, status), queue ? eq(jobs.queue, queue) : undefined))
          .orderBy(desc(jobs.createdAt))
          .limit(limit);
        return { items: items.map(view) };
      },
    );

    app.post(
      '/api/jobs/:id/retry',
      {
        config: { access: 'perm:jobs.manage' },
        schema: {
          tags: ['jobs'],
          summary: 'Puts a dead job back in the queue with fresh attempts',
          params: ZJobParams,
          response: { 200: ZJobView },
        },
      },
      async (req) =>
        db.transaction(async (tx) => {
          const [row] = await tx
            .update(jobs)
            .set({ status: 'queued', attempts: 0, runAt: new Date(), finishedAt: null, lockedUntil: null, lockedBy: null })
            .where(and(eq(jobs.id, req.params.id), eq(jobs.tenantId, req.tenant.id), eq(jobs.status, 'dead')))
            .returning(columns);
          if (!row) throw await missingOr(tx, req.params.id, req.tenant.id, 'jobs.not_retryable');
          await audit(tx, req, { action: 'jobs.retry', entity: 'job', entityId: row.id, data: { queue: row.queue } });
          return view(row);
        }),
    );

    app.delete(
      '/api/jobs/:id',
      {
        config: { access: 'perm:jobs.manage' },
        schema: {
          tags: ['jobs'],
          summary: 'Cancels a queued or dead job',
          params: ZJobParams,
          response: { 200: ZJobView },
        },
      },
      async (req) =>
        db.transaction(async (tx) => {
          const [row] = await tx
            .update(jobs)
            .set({ status: 'cancelled', finishedAt: new Date(), lockedUntil: null })
            .where(and(eq(jobs.id, req.params.id), eq(jobs.tenantId, req.tenant.id), inArray(jobs.status, ['queued', 'dead'])))
            .returning(columns);
          if (!row) throw await missingOr(tx, req.params.id, req.tenant.id, 'jobs.not_cancellable');
          await audit(tx, req, { action: 'jobs.cancel', entity: 'job', entityId: row.id, data: { queue: row.queue } });
          return view(row);
        }),
    );

    /** 404 when the tenant has no such job, 409 when it exists in a state the action doesn't apply to. */
    async function missingOr(tx: Tx, id: string, tenantId: string, code: string) {
      const [found] = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.id, id), eq(jobs.tenantId, tenantId)));
      return found ? new AppError(code, 409) : new AppError('jobs.not_found', 404);
    }
  },
};
