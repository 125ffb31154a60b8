import { randomUUID } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import { and, eq, inArray, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../db/database.js';
import { rows } from '../db/database.js';
import type { EventName, EventPayload, TypedEvent } from './catalogue.js';
import { cronSchedules, jobs, outboxEvents } from './jobs.schema.js';

export type Job = {
  id: string;
  queue: string;
  tenantId: string | null;
  payload: Record<string, unknown>;
  /** This run's number, from 1. */
  attempts: number;
  maxAttempts: number;
};
export type JobHandler = (job: Job) => Promise<void>;
export type DomainEvent = { id: string; tenantId: string; type: string; payload: Record<string, unknown>; createdAt: Date };
export type EventHandler = (event: DomainEvent) => Promise<void>;

export type QueueOptions = { maxAttempts?: number; backoffMs?: number };
export type SubscribeOptions<T extends EventName> = QueueOptions & {
  /**
   * Decides at dispatch, from the payload alone, whether this handler cares about the event: an
   * event makes a job only for the handlers that want it. Must be pure (no database, no clock) and
   * generous: when in doubt answer true and let the handler look closer.
   */
  when?: (payload: EventPayload<T>) => boolean;
};

export type EnqueueInput = {
  queue: string;
  payload?: Record<string, unknown>;
  tenantId?: string | null;
  runAt?: Date;
  /**
   * Jobs with the same key are enqueued once while the row is kept (done jobs are deleted
   * after 7 days): makes retries of callers safe. The existing job's id is returned.
   */
  dedupeKey?: string;
  maxAttempts?: number;
};

export type JobsOptions = {
  /** How long a sleeping worker waits before looking for due jobs again. */
  pollMs?: number;
  /** How long a claimed job stays locked; a running worker extends it, so only a dead worker's jobs expire. */
  lockMs?: number;
  /** Time zone cron expressions are read in. */
  cronTz?: string;
};

/**
 * Adds many jobs, a statement per thousand, each deduplicated by its key like `Jobs.enqueue`, in the
 * caller's transaction. For code that has a transaction but no `Jobs` (another module's verb).
 */
export async function enqueueJobs(tx: DbOrTx, inputs: EnqueueInput[]) {
  for (let i = 0; i < inputs.length; i += 1000) {
    await tx
      .insert(jobs)
      .values(
        inputs.slice(i, i + 1000).map((input) => ({
          queue: input.queue,
          payload: input.payload ?? {},
          tenantId: input.tenantId ?? null,
          runAt: input.runAt ?? new Date(),
          dedupeKey: input.dedupeKey,
          maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        })),
      )
      .onConflictDoNothing({ target: jobs.dedupeKey });
  }
}

/**
 * Adds one job per row of `rows`, a query selecting `payload` (jsonb) and `dedupe_key` (text): a
 * fan-out to thousands of recipients in one statement, inside the caller's transaction.
 */
export async function enqueueJobsFrom(
  tx: DbOrTx,
  job: { queue: string; tenantId: string | null; maxAttempts?: number; runAt?: Date },
  rows: SQL,
) {
  await tx.execute(sql`
    insert into jobs (queue, tenant_id, payload, dedupe_key, max_attempts, run_at)
    select ${job.queue}, ${job.tenantId}::uuid, r.payload, r.dedupe_key, ${job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS}::int, ${(job.runAt ?? new Date()).toISOString()}::timestamptz
    from (${rows}) r
    on conflict (dedupe_key) do nothing`);
}

/** Cancels a job that has not started yet, by its dedupe key. */
export async function cancelJob(tx: DbOrTx, dedupeKey: string) {
  await tx
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: new Date() })
    .where(and(eq(jobs.dedupeKey, dedupeKey), eq(jobs.status, 'queued')));
}

/** What became of one job of a batch (see `claimBatch` / `settleBatch`). */
export type BatchOutcome =
  | { kind: 'done' }
  | { kind: 'dead'; error: string }
  | { kind: 'later'; at: Date }
  | { kind: 'retry'; error: string };

/** Throw this from a handler when retrying cannot help (bad payload, row gone): the job goes straight to dead. */
export class PermanentJobError extends Error {}

const EVENT_QUEUE_PREFIX = 'event:';
const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_EVENT_MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 60 * 60_000;

/** Exponential backoff with ±20 % jitter, so failing jobs of many tenants don't retry in lockstep. */
export function backoffDelay(attempt: number, baseMs: number, random = Math.random) {
  return Math.round(Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS) * (0.8 + random() * 0.4));
}

/**
 * The durable job queue, the outbox dispatcher and cron, all in the database.
 *
 * Workers claim jobs with `FOR UPDATE SKIP LOCKED`, so any number of processes can work
 * the same tables. A claim locks the job for `lockMs` and the worker keeps extending the
 * lock while the handler runs; a job whose worker died is taken again when its lock
 * expires. Failed jobs are retried with exponential backoff and, after `maxAttempts`, left
 * as `dead` (the dead-letter list) for an administrator to retry or cancel.
 * Handlers must be idempotent: a job can run again after a crash mid-way.
 */
export class Jobs {
  private handlers = new Map<string, { fn: JobHandler; opts: QueueOptions }>();
  private subscribers = new Map<string, { queue: string; when?: (payload: never) => boolean }[]>();
  private active = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  readonly workerId = `${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private db: Db,
    private log: FastifyBaseLogger,
    private opts: JobsOptions = {},
  ) {}

  private get lockMs() {
    return this.opts.lockMs ?? 60_000;
  }

  register(queue: string, fn: JobHandler, opts: QueueOptions = {}) {
    if (this.handlers.has(queue)) throw new Error(`Job queue ${queue} registered twice`);
    this.handlers.set(queue, { fn, opts });
  }

  /**
   * Subscribes a named handler to a domain event of the catalogue (`catalogue.ts`); each (event,
   * handler) pair the handler wants (`when`) becomes one job.
   */
  on<T extends EventName>(type: T, handlerName: string, fn: (event: TypedEvent<T>) => Promise<void>, opts: SubscribeOptions<T> = {}) {
    const { when, ...queueOpts } = opts;
    const queue = `${EVENT_QUEUE_PREFIX}${handlerName}`;
    this.register(
      queue,
      async (job) => {
        const e = job.payload as unknown as { id: string; type: string; payload: Record<string, unknown>; createdAt: string };
        await fn({
          id: e.id,
          tenantId: job.tenantId as string,
          type: e.type as T,
          payload: e.payload as EventPayload<T>,
          createdAt: new Date(e.createdAt),
        });
      },
      { maxAttempts: DEFAULT_EVENT_MAX_ATTEMPTS, ...queueOpts },
    );
    this.subscribers.set(type, [...(this.subscribers.get(type) ?? []), { queue, when: when as ((payload: never) => boolean) | undefined }]);
  }

  /** Adds a job; pass the transaction of the change that needs it, so both commit or neither. */
  async enqueue(tx: DbOrTx, input: EnqueueInput): Promise<string> {
    const [row] = await tx
      .insert(jobs)
      .values({
        queue: input.queue,
        payload: input.payload ?? {},
        tenantId: input.tenantId ?? null,
        runAt: input.runAt ?? new Date(),
        dedupeKey: input.dedupeKey,
        maxAttempts: input.maxAttempts ?? this.handlers.get(input.queue)?.opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      })
      .onConflictDoNothing({ target: jobs.dedupeKey })
      .returning({ id: jobs.id });
    this.nudge();
    if (row) return row.id;
    const [existing] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(eq(jobs.dedupeKey, input.dedupeKey as string));
    if (!existing) throw new Error(`Job with dedupe key ${input.dedupeKey} vanished`);
    return existing.id;
  }

  /** Adds many jobs at once (see `enqueueJobs`), waking this process's worker. */
  async enqueueMany(tx: DbOrTx, inputs: EnqueueInput[]) {
    await enqueueJobs(
      tx,
      inputs.map((i) => ({ ...i, maxAttempts: i.maxAttempts ?? this.handlers.get(i.queue)?.opts.maxAttempts })),
    );
    if (inputs.length) this.nudge();
  }

  /**
   * For a handler that works its queue in batches: claims up to `n` more due jobs of `queue` beside
   * the one it was given (lost claims first), locked for `lockSeconds`. Record what became of each
   * with `settleBatch`.
   */
  async claimBatch(queue: string, n: number, lockSeconds: number): Promise<Job[]> {
    if (n <= 0) return [];
    // Lost claims (lock expired) first, then the oldest due: each subquery walks its own index.
    const res = await this.db.execute(sql`
      with lost as (
        select id from jobs
        where status = 'running' and locked_until < now() and attempts < max_attempts and queue = ${queue}
        order by run_at limit ${n} for update skip locked),
      due as (
        select id from jobs
        where status = 'queued' and run_at <= now() and queue = ${queue}
        order by run_at limit ${n} for update skip locked)
      update jobs set status = 'running', attempts = attempts + 1,
        locked_until = now() + make_interval(secs => ${lockSeconds}), locked_by = ${`${this.workerId}:batch`}
      where id in (select id from (select id from lost union all select id from due) claimable limit ${n})
      returning id, queue, tenant_id, payload, attempts, max_attempts`);
    return rows<{
      id: string;
      queue: string;
      tenant_id: string | null;
      payload: Record<string, unknown>;
      attempts: number;
      max_attempts: number;
    }>(res).map((r) => ({
      id: r.id,
      queue: r.queue,
      tenantId: r.tenant_id,
      payload: r.payload,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
    }));
  }

  /**
   * Records the outcome of each job of a batch. The handler's own job may be among them: for 'done'
   * the platform finishes it as usual; for the others this moves it out of 'running', so the
   * platform's own 'done' (which requires 'running') changes nothing.
   */
  async settleBatch(claimed: Pick<Job, 'id' | 'attempts' | 'maxAttempts'>[], outcomes: Map<string, BatchOutcome>, backoffMs = 2000) {
    const done: string[] = [];
    const dead: { id: string; error: string }[] = [];
    const requeue: { id: string; at: Date; error: string | null }[] = [];
    for (const c of claimed) {
      const o = outcomes.get(c.id) ?? { kind: 'retry', error: 'no outcome' };
      if (o.kind === 'done') done.push(c.id);
      else if (o.kind === 'dead') dead.push({ id: c.id, error: o.error });
      else if (o.kind === 'later') requeue.push({ id: c.id, at: o.at, error: null });
      else if (c.attempts >= c.maxAttempts) dead.push({ id: c.id, error: o.error });
      else requeue.push({ id: c.id, at: new Date(Date.now() + backoffDelay(c.attempts, backoffMs)), error: o.error });
    }
    if (done.length) {
      await this.db.execute(sql`update jobs set status = 'done', finished_at = now(), locked_until = null, last_error = null
        where id in (${sql.join(
          done.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) and status = 'running'`);
    }
    for (const d of dead) {
      await this.db.execute(
        sql`update jobs set status = 'dead', finished_at = now(), locked_until = null, last_error = ${d.error.slice(0, 2000)} where id = ${d.id}`,
      );
    }
    for (const q of requeue) {
      await this.db.execute(sql`update jobs set status = 'queued', run_at = ${q.at.toISOString()}::timestamptz, locked_until = null, locked_by = null,
        finished_at = null, last_error = ${q.error} where id = ${q.id}`);
    }
  }

  /** Writes a domain event to the outbox; pass the transaction of the change that caused it. */
  async emit<T extends EventName>(tx: DbOrTx, tenantId: string, type: T, payload: EventPayload<T>) {
    await tx.insert(outboxEvents).values({ tenantId, type, payload: payload as Record<string, unknown> });
    this.nudge();
  }

  /**
   * Creates or updates a recurring job. Every process may call this at start; the row is
   * shared, and whichever worker finds it due fires it once. Changing the expression
   * reschedules the next run.
   */
  async schedule(name: string, cron: string, queue: string, payload: Record<string, unknown> = {}) {
    const next = this.nextRun(cron, new Date());
    await this.db
      .insert(cronSchedules)
      .values({ name, cron, queue, payload, nextRunAt: next })
      .onConflictDoUpdate({
        target: cronSchedules.name,
        set: {
          queue,
          payload,
          nextRunAt: sql`case when ${cronSchedules.cron} = excluded.cron then ${cronSchedules.nextRunAt} else excluded.next_run_at end`,
          cron,
        },
      });
  }

  /** Works jobs in the background, at most `concurrency` at a time, until `stop()`. */
  start(concurrency = 1) {
    if (this.loop) return;
    this.stopping = false;
    this.loop = (async () => {
      while (!this.stopping) {
        try {
          await this.housekeeping();
          while (!this.stopping && this.active.size < concurrency) {
            const job = await this.claim();
            if (!job) break;
            const p = this.execute(job).finally(() => this.active.delete(p));
            this.active.add(p);
          }
        } catch (err) {
          this.log.error({ err }, 'job loop error');
        }
        if (this.stopping) break;
        // Full: wait for a slot. Otherwise nothing was due (or the database failed): sleep.
        if (this.active.size >= concurrency) await Promise.race(this.active);
        else await this.sleep();
      }
    })();
  }

  /** Stops taking jobs and waits for the running ones to finish. */
  async stop() {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    while (this.active.size) await Promise.allSettled([...this.active]);
  }

  /** Runs everything that is due now, then returns how many jobs ran. For tests and one-shot workers. */
  async drain(maxJobs = 10_000) {
    for (let i = 0; i < maxJobs; i++) {
      await this.housekeeping();
      const job = await this.claim();
      if (!job) return i;
      await this.execute(job);
    }
    return maxJobs;
  }

  /** Deletes finished jobs and dispatched events that nobody needs any more. Returns what it deleted. */
  async cleanup(opts: { jobsOlderThanDays?: number; eventsOlderThanDays?: number } = {}) {
    const jobsBefore = new Date(Date.now() - (opts.jobsOlderThanDays ?? 7) * 86_400_000);
    const eventsBefore = new Date(Date.now() - (opts.eventsOlderThanDays ?? 30) * 86_400_000);
    const deletedJobs = await this.db
      .delete(jobs)
      .where(and(inArray(jobs.status, ['done', 'cancelled']), lt(jobs.finishedAt, jobsBefore)))
      .returning({ id: jobs.id });
    const deletedEvents = await this.db
      .delete(outboxEvents)
      .where(lt(outboxEvents.dispatchedAt, eventsBefore))
      .returning({ id: outboxEvents.id });
    return { jobs: deletedJobs.length, events: deletedEvents.length };
  }

  private nudge() {
    // Wake a sleeping worker of this process soon; the caller's transaction may commit a moment later.
    const wake = this.wake;
    if (wake) setTimeout(wake, 20).unref();
  }

  private sleep() {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, this.opts.pollMs ?? 500);
    }).finally(() => {
      this.wake = undefined;
      if (this.timer) clearTimeout(this.timer);
    });
  }

  private nextRun(cron: string, from: Date) {
    return CronExpressionParser.parse(cron, { currentDate: from, tz: this.opts.cronTz ?? 'Europe/Athens' })
      .next()
      .toDate();
  }

  private async housekeeping() {
    await this.dispatchEvents();
    await this.fireCron();
    await this.buryLost();
  }

  private async claim(): Promise<Job | null> {
    const queues = [...this.handlers.keys()];
    if (!queues.length) return null;
    // A running job whose lock expired belongs to a worker that died: take it again first,
    // unless it has used up its attempts (then buryLost marks it dead); else the oldest due one.
    // Two subqueries, not one with OR: each can walk its own index (jobs_status, jobs_ready),
    // where an OR over both forces a scan and sort of the whole table (100 ms at 100,000 jobs).
    const inQueues = sql.join(
      queues.map((q) => sql`${q}`),
      sql`, `,
    );
    const res = await this.db.execute(sql`
      update jobs set status = 'running', attempts = attempts + 1,
        locked_until = now() + make_interval(secs => ${this.lockMs / 1000}), locked_by = ${this.workerId}
      where id = coalesce(
        (select id from jobs
          where status = 'running' and locked_until < now() and attempts < max_attempts and queue in (${inQueues})
          order by run_at limit 1 for update skip locked),
        (select id from jobs
          where status = 'queued' and run_at <= now() and queue in (${inQueues})
          order by run_at limit 1 for update skip locked))
      returning id, queue, tenant_id, payload, attempts, max_attempts`);
    const row = rows<{
      id: string;
      queue: string;
      tenant_id: string | null;
      payload: Record<string, unknown>;
      attempts: number;
      max_attempts: number;
    }>(res)[0];
    if (!row) return null;
    return {
      id: row.id,
      queue: row.queue,
      tenantId: row.tenant_id,
      payload: row.payload,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
    };
  }

  /** Jobs whose worker died on their last attempt: a job that crashes its worker must not be retried forever. */
  private async buryLost() {
    await this.db.execute(sql`
      update jobs set status = 'dead', finished_at = now(), locked_until = null,
        last_error = 'The worker stopped while running the job (lock expired) on its last attempt'
      where status = 'running' and locked_until < now() and attempts >= max_attempts`);
  }

  /** Runs one claimed job and records the outcome. Never throws: a database error here is logged and the lock expires. */
  private async execute(job: Job) {
    const handler = this.handlers.get(job.queue);
    // Only the claim that is still ours may record an outcome: if our lock expired and
    // another worker took the job, its result wins.
    const ours = sql`id = ${job.id} and locked_by = ${this.workerId} and attempts = ${job.attempts} and status = 'running'`;
    const heartbeat = setInterval(
      () => {
        this.db
          .execute(sql`update jobs set locked_until = now() + make_interval(secs => ${this.lockMs / 1000}) where ${ours}`)
          .catch((err) => this.log.warn({ err, jobId: job.id }, 'could not extend job lock'));
      },
      Math.max(50, Math.floor(this.lockMs / 3)),
    );
    try {
      try {
        if (!handler) throw new PermanentJobError(`No handler for queue ${job.queue}`);
        await handler.fn(job);
      } finally {
        clearInterval(heartbeat);
      }
      await this.db.execute(
        sql`update jobs set status = 'done', finished_at = now(), locked_until = null, last_error = null where ${ours}`,
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const dead = err instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      const delay = backoffDelay(job.attempts, handler?.opts.backoffMs ?? 1000);
      this.log.warn({ jobId: job.id, queue: job.queue, attempts: job.attempts, dead, err: message }, 'job failed');
      try {
        const outcome = dead
          ? sql`status = 'dead', finished_at = now()`
          : sql`status = 'queued', run_at = now() + make_interval(secs => ${delay / 1000}), finished_at = null`;
        await this.db.execute(sql`update jobs set ${outcome}, locked_until = null, last_error = ${message.slice(0, 2000)} where ${ours}`);
      } catch (dbErr) {
        this.log.error({ err: dbErr, jobId: job.id }, 'could not record job failure');
      }
    }
  }

  private async dispatchEvents() {
    await this.db.transaction(async (tx) => {
      const pending = await tx
        .select()
        .from(outboxEvents)
        .where(isNull(outboxEvents.dispatchedAt))
        .orderBy(outboxEvents.createdAt)
        .limit(200)
        .for('update', { skipLocked: true });
      if (!pending.length) return;
      const values = pending.flatMap((e) =>
        (this.subscribers.get(e.type) ?? [])
          .flatMap(({ queue, when }) => (!when || this.wants(when, e.payload) ? [queue] : []))
          .map((queue) => ({
            queue,
            tenantId: e.tenantId,
            payload: { id: e.id, type: e.type, payload: e.payload, createdAt: e.createdAt.toISOString() },
            // One job per (event, subscriber), however often dispatch runs.
            dedupeKey: `${e.id}:${queue}`,
            maxAttempts: this.handlers.get(queue)?.opts.maxAttempts ?? DEFAULT_EVENT_MAX_ATTEMPTS,
          })),
      );
      if (values.length) await tx.insert(jobs).values(values).onConflictDoNothing({ target: jobs.dedupeKey });
      await tx
        .update(outboxEvents)
        .set({ dispatchedAt: new Date() })
        .where(
          inArray(
            outboxEvents.id,
            pending.map((p) => p.id),
          ),
        );
    });
  }

  /** A subscriber's `when` that throws is treated as "wants it": the handler decides then. */
  private wants(when: (payload: never) => boolean, payload: Record<string, unknown>) {
    try {
      return when(payload as never);
    } catch (err) {
      this.log.warn({ err }, 'event filter failed; dispatching anyway');
      return true;
    }
  }

  private async fireCron() {
    await this.db.transaction(async (tx) => {
      const due = await tx.select().from(cronSchedules).where(lte(cronSchedules.nextRunAt, sql`now()`)).for('update', { skipLocked: true });
      for (const c of due) {
        await tx
          .insert(jobs)
          .values({
            queue: c.queue,
            payload: c.payload,
            dedupeKey: `cron:${c.name}:${c.nextRunAt.toISOString()}`,
            maxAttempts: this.handlers.get(c.queue)?.opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          })
          .onConflictDoNothing({ target: jobs.dedupeKey });
        // From now, not from the missed time: a server that was down fires a schedule once, not once per missed slot.
        await tx
          .update(cronSchedules)
          .set({ nextRunAt: this.nextRun(c.cron, new Date()), lastRunAt: new Date() })
          .where(eq(cronSchedules.name, c.name));
      }
    });
  }
}
