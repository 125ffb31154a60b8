import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.js';
import { telemetryRefusals } from './telemetry.schema.js';
import type { RefusalReason } from './types.js';

/**
 * Counts refused input in memory and adds it to `telemetry_refusals` once a second: a flood of bad
 * messages costs one upsert per (device, reason) a second, never a write per message.
 */
export class RefusalCounter {
  private pending = new Map<string, { tenantId: string; deviceId: string | null; reason: RefusalReason; n: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private db: Db,
    private log: FastifyBaseLogger,
    private intervalMs = 1000,
  ) {}

  count(tenantId: string, deviceId: string | null, reason: RefusalReason) {
    const key = `${tenantId}|${deviceId}|${reason}`;
    const cur = this.pending.get(key);
    if (cur) cur.n++;
    else this.pending.set(key, { tenantId, deviceId, reason, n: 1 });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.intervalMs);
    this.timer.unref?.();
  }

  private writing: Promise<void> = Promise.resolve();

  /** Writes what was counted; resolves after every earlier write too (a reader then sees them all). */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write() {
    if (!this.pending.size) return;
    const list = [...this.pending.values()];
    this.pending.clear();
    try {
      await this.db
        .insert(telemetryRefusals)
        .values(list.map((r) => ({ tenantId: r.tenantId, deviceId: r.deviceId, reason: r.reason, count: r.n })))
        .onConflictDoUpdate({
          target: [telemetryRefusals.tenantId, telemetryRefusals.deviceId, telemetryRefusals.reason],
          set: { count: sql`${telemetryRefusals.count} + excluded.count`, lastAt: sql`now()` },
        });
    } catch (err) {
      this.log.warn({ err }, 'telemetry: could not record refusals');
    }
  }

  async close() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
