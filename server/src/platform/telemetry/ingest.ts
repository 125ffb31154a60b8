import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Platform } from '../context.js';
import { type DbOrTx, rows } from '../db/database.js';
import { invalidate, onDeviceChanged } from './devices.js';
import { messageTime } from './formats.js';
import { messageSchema } from './message-types.js';
import type { positions } from './positions.table.js';
import { toPosition } from './queries.js';
import { RefusalCounter } from './refusals.js';
import { deviceMessages, telemetryDevices } from './telemetry.schema.js';
import type { DeviceMessage, IncomingPosition, LivePosition, Position } from './types.js';

/** Faster than this between two fixes of one device is a teleport: the later one is kept, untrusted. */
export const MAX_PLAUSIBLE_KMH = 300;
const MAX_BATCH = 2000;
const FLUSH_DELAY_MS = 3;
const MAX_LINGER_MS = 50;
export const LIVE_CHANNEL = 'telemetry_live';
const DEVICES_CHANNEL = 'telemetry_devices';

type Device = { tenantId: string; deviceId: string };
type Batch = { positions: Position[]; messages: DeviceMessage[] };
type Pending = {
  device: Device;
  positions: (typeof positions.$inferInsert)[];
  messages: (typeof deviceMessages.$inferInsert)[];
  resolve: (r: { stored: number; duplicates: number }) => void;
  reject: (err: unknown) => void;
};

const listeners = new Set<(batch: Batch) => void>();

/** In-process, after commit, best effort (low latency): durable consumers use `positionsAfter`. */
export function onIngested(listener: (batch: Batch) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const R = 6371;
  const dLat = ((b.lat - a.lat) * Math.PI) / 180;
  const dLon = ((b.lon - a.lon) * Math.PI) / 180;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos((a.lat * Math.PI) / 180) * Math.cos((b.lat * Math.PI) / 180) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(s));
}

/** Why a fix cannot be believed, compared with the device's nearest trusted fix; null when plausible. */
export function untrustedReason(
  p: { lat: number; lon: number; fixTime: Date },
  prev: { lat: number; lon: number; fixTime: Date } | undefined,
  now = new Date(),
): string | null {
  if (Math.abs(p.lat) < 1e-6 && Math.abs(p.lon) < 1e-6) return 'null_island';
  if (p.fixTime.getTime() > now.getTime() + 10 * 60_000) return 'future_time';
  if (prev) {
    const hours = Math.abs(p.fixTime.getTime() - prev.fixTime.getTime()) / 3_600_000;
    const km = haversineKm(prev, p);
    if (hours === 0 ? km > 0.5 : km / hours > MAX_PLAUSIBLE_KMH && km > 1) return 'teleport';
  }
  return null;
}

/**
 * The one validated write path of a process: callers hand in decoded fixes and messages and get a
 * promise resolved once they are committed (so MQTT QoS 1 is acknowledged only after the row exists).
 * Calls arriving within a few milliseconds share one transaction (one multi-row INSERT per table,
 * `ON CONFLICT DO NOTHING` on (device, fix time)); commits are serialised across processes by an
 * advisory lock, so `seq` order is commit order.
 */
export class IngestWriter {
  private queue: Pending[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private last = new Map<string, { lat: number; lon: number; fixTime: Date }>();
  private stopLive: (() => Promise<void>) | undefined;
  readonly refusals: RefusalCounter;
  /** Tells this writer's own notifications apart (several platforms may share one process in tests). */
  private readonly origin = randomUUID();

  constructor(private platform: Platform) {
    this.refusals = new RefusalCounter(platform.db, platform.log);
  }

  async ingest(device: Device, items: IncomingPosition[], messages: { type: string; time: Date; payload: unknown }[] = []) {
    const now = new Date();
    const rows: (typeof positions.$inferInsert)[] = [];
    const sorted = [...items].sort((a, b) => a.fixTime.getTime() - b.fixTime.getTime());
    for (const p of sorted) {
      const prev = await this.previous(device.deviceId, p.fixTime);
      const reason = untrustedReason(p, prev, now);
      if (!reason) this.remember(device.deviceId, p);
      rows.push({
        ...p,
        tenantId: device.tenantId,
        deviceId: device.deviceId,
        receivedAt: now,
        trusted: reason === null,
        untrustedReason: reason,
        attributes: p.attributes ?? {},
      });
    }
    const msgRows = messages.map((m) => ({
      tenantId: device.tenantId,
      deviceId: device.deviceId,
      type: m.type,
      time: m.time,
      receivedAt: now,
      payload: m.payload as object,
    }));
    if (rows.length === 0 && msgRows.length === 0) return { stored: 0, duplicates: 0 };
    return new Promise<{ stored: number; duplicates: number }>((resolve, reject) => {
      this.queue.push({ device, positions: rows, messages: msgRows, resolve, reject });
      this.queued += rows.length + msgRows.length;
      this.schedule();
    });
  }

  /** Validates declared messages; returns the ones to store, counting the others as refused. */
  checkMessages(device: Device, raw: { type: string; payload: unknown }[], receivedAt = new Date()) {
    const ok: { type: string; time: Date; payload: unknown }[] = [];
    for (const m of raw) {
      const schema = messageSchema(m.type);
      if (!schema) {
        this.refusals.count(device.tenantId, device.deviceId, 'unknown_type');
        continue;
      }
      const parsed = schema.safeParse(m.payload);
      const time = messageTime(m.payload, receivedAt);
      if (!parsed.success || !time) {
        this.refusals.count(device.tenantId, device.deviceId, 'invalid_payload');
        continue;
      }
      ok.push({ type: m.type, time, payload: parsed.data });
    }
    return ok;
  }

  /**
   * The device's latest trusted fix, from memory, else from the database. Look-ups arriving in the
   * same tick share one query (a thousand devices reconnecting after a restart cost one round trip).
   */
  private async previous(deviceId: string, _at: Date) {
    const cached = this.last.get(deviceId);
    if (cached) return cached;
    let pending = this.lookups.get(deviceId);
    if (!pending) {
      pending = new Promise((resolve, reject) => this.lookupQueue.push({ deviceId, resolve, reject }));
      this.lookups.set(deviceId, pending);
      if (this.lookupQueue.length === 1) setImmediate(() => void this.runLookups());
    }
    const row = await pending;
    if (row) this.remember(deviceId, row);
    return this.last.get(deviceId);
  }

  private lookups = new Map<string, Promise<{ lat: number; lon: number; fixTime: Date } | undefined>>();
  private lookupQueue: {
    deviceId: string;
    resolve: (r: { lat: number; lon: number; fixTime: Date } | undefined) => void;
    reject: (e: unknown) => void;
  }[] = [];

  private async runLookups() {
    const batch = this.lookupQueue.splice(0);
    try {
      const ids = batch.map((b) => b.deviceId);
      const found = rows<{ id: string; lat: number; lon: number; fix_time: string | Date }>(
        await this.platform.db.execute(sql`
          select d.id, p.lat, p.lon, p.fix_time from unnest(${sql.param(ids)}::uuid[]) as d(id)
          cross join lateral (
            select lat, lon, fix_time from positions where device_id = d.id and trusted order by fix_time desc limit 1
          ) p`),
      );
      const by = new Map(found.map((r) => [r.id, { lat: Number(r.lat), lon: Number(r.lon), fixTime: new Date(r.fix_time) }]));
      for (const b of batch) b.resolve(by.get(b.deviceId));
    } catch (err) {
      for (const b of batch) b.reject(err);
    } finally {
      for (const b of batch) this.lookups.delete(b.deviceId);
    }
  }

  private remember(deviceId: string, p: { lat: number; lon: number; fixTime: Date }) {
    const cur = this.last.get(deviceId);
    if (!cur || cur.fixTime.getTime() <= p.fixTime.getTime()) {
      if (this.last.size > 100_000) this.last.clear();
      this.last.set(deviceId, { lat: p.lat, lon: p.lon, fixTime: p.fixTime });
    }
  }

  /**
   * One write at a time; the next one waits a little for more input ("linger"), longer when commits
   * are slow: under load every commit then carries a full batch instead of alternating full and
   * nearly empty ones (a commit costs about the same whatever it carries).
   */
  private schedule() {
    if (this.running || this.timer) return;
    if (this.queued >= MAX_BATCH) {
      this.running = this.flush();
      return;
    }
    const linger = Math.min(MAX_LINGER_MS, Math.max(FLUSH_DELAY_MS, this.lastWriteMs / 4));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.flush();
    }, linger);
  }

  private lastWriteMs = 0;

  private async flush() {
    try {
      const take: Pending[] = [];
      let n = 0;
      while (this.queue.length && (n === 0 || n + this.size(this.queue[0] as Pending) <= MAX_BATCH)) {
        const p = this.queue.shift() as Pending;
        n += this.size(p);
        take.push(p);
      }
      this.queued -= n;
      const started = performance.now();
      if (take.length) await this.write(take);
      this.lastWriteMs = performance.now() - started;
    } finally {
      this.running = undefined;
      if (this.queue.length) this.schedule();
    }
  }

  private size(p: Pending) {
    return p.positions.length + p.messages.length;
  }

  private async write(take: Pending[]) {
    const allPos = take.flatMap((p) => p.positions);
    const allMsg = take.flatMap((p) => p.messages);
    let batch: Batch;
    try {
      batch = await this.platform.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(7316001)`);
        const ids = allPos.length ? await insertPositions(tx, allPos) : [];
        const storedMsgs = allMsg.length ? await tx.insert(deviceMessages).values(allMsg).onConflictDoNothing().returning() : [];
        // one notification per batch, sent by the commit itself (none if it rolls back): other
        // processes read the batch's rows by seq range only if one of their maps shows those tenants
        if (ids.length) await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${this.liveNotice(ids, allPos)})`);
        // the stored rows are the input rows plus their seq: no need to send them back over the wire
        const byKey = new Map<string, (typeof allPos)[number]>();
        for (const r of allPos) {
          const k = `${r.deviceId}|${(r.fixTime as Date).getTime()}`;
          if (!byKey.has(k)) byKey.set(k, r);
        }
        const stored: Position[] = [];
        for (const id of ids) {
          const r = byKey.get(`${id.deviceId}|${id.fixTime.getTime()}`);
          if (r) stored.push(toPosition({ ...(r as typeof positions.$inferSelect), seq: id.seq }));
        }
        return {
          positions: stored,
          messages: storedMsgs.map((m) => ({ ...m, seq: String(m.seq), payload: m.payload as unknown })),
        };
      });
    } catch (err) {
      for (const p of take) p.reject(err);
      return;
    }
    const keys = new Set(batch.positions.map((p) => `${p.deviceId}|${p.fixTime.getTime()}`));
    // jsonb does not keep key order: messages are matched by device, type and time (a count per key)
    const msgKeys = new Map<string, number>();
    for (const m of batch.messages) {
      const k = `${m.deviceId}|${m.type}|${m.time.getTime()}`;
      msgKeys.set(k, (msgKeys.get(k) ?? 0) + 1);
    }
    for (const p of take) {
      let stored = 0;
      for (const r of p.positions) {
        const k = `${r.deviceId}|${(r.fixTime as Date).getTime()}`;
        if (keys.delete(k)) stored++;
      }
      for (const m of p.messages) {
        const k = `${m.deviceId}|${m.type}|${(m.time as Date).getTime()}`;
        const left = msgKeys.get(k) ?? 0;
        if (left > 0) {
          msgKeys.set(k, left - 1);
          stored++;
        }
      }
      p.resolve({ stored, duplicates: p.positions.length + p.messages.length - stored });
    }
    for (const r of [...batch.positions, ...batch.messages]) {
      const cur = this.counts.get(r.deviceId);
      this.counts.set(r.deviceId, { n: (cur?.n ?? 0) + 1, t: r.receivedAt });
    }
    if (this.counts.size && !this.countsTimer) {
      this.countsTimer = setTimeout(() => void this.flushCounts(), 1000);
      this.countsTimer.unref?.();
    }
    if (batch.positions.length || batch.messages.length) this.publish(batch);
  }

  // Accepted counts and last-seen times: added up in memory, written once a second (outside the
  // ingest transaction, so the hot path does not update a registry row per device per batch).
  private counts = new Map<string, { n: number; t: Date }>();
  private countsTimer: NodeJS.Timeout | undefined;

  private countsWriting: Promise<void> = Promise.resolve();

  /** Writes the counters; resolves after every earlier write too (a reader then sees them all). */
  flushCounts(): Promise<void> {
    this.countsWriting = this.countsWriting.then(() => this.writeCounts());
    return this.countsWriting;
  }

  private async writeCounts() {
    if (this.countsTimer) clearTimeout(this.countsTimer);
    this.countsTimer = undefined;
    if (!this.counts.size) return;
    const list = [...this.counts];
    this.counts.clear();
    // three array parameters whatever the number of devices
    const ids = sql.param(list.map(([id]) => id));
    const ns = sql.param(list.map(([, v]) => v.n));
    const ts = sql.param(list.map(([, v]) => v.t.toISOString()));
    try {
      await this.platform.db.execute(
        sql`update ${telemetryDevices} d set accepted = d.accepted + v.n, last_seen_at = greatest(d.last_seen_at, v.t)
            from unnest(${ids}::uuid[], ${ns}::bigint[], ${ts}::timestamptz[]) as v(id, n, t) where d.id = v.id`,
      );
    } catch (err) {
      this.platform.log.warn({ error: (err as Error).message.slice(0, 200) }, 'telemetry: could not update device counters');
    }
  }

  private publish(batch: Batch) {
    for (const l of listeners) {
      try {
        l(batch);
      } catch (err) {
        this.platform.log.error({ err }, 'telemetry: onIngested listener failed');
      }
    }
    // this process's maps at once; other processes heard the batch's notice at commit
    this.deliverLocal(batch.positions);
  }

  /**
   * The batch's notice: `{o: origin, a: first seq, b: last seq, t: tenants}`. Commits are serialised,
   * so the range holds this batch's rows; with more tenants than fit in a notice, `t` is left out (any).
   */
  private liveNotice(ids: { seq: bigint }[], rows: { tenantId: string }[]) {
    let a = ids[0]?.seq ?? 0n;
    let b = a;
    for (const { seq } of ids) {
      if (seq < a) a = seq;
      if (seq > b) b = seq;
    }
    const tenants = [...new Set(rows.map((r) => r.tenantId))];
    return JSON.stringify({ o: this.origin, a: String(a), b: String(b), ...(tenants.length <= 150 ? { t: tenants } : {}) });
  }

  /** Another process's batch: read its rows for the tenants this process's maps show, in notice order. */
  private liveChain: Promise<void> = Promise.resolve();
  private onNotice(payload: string) {
    let msg: { o: string; a: string; b: string; t?: string[] };
    try {
      msg = JSON.parse(payload);
    } catch {
      return;
    }
    if (msg.o === this.origin || !/^\d+$/.test(msg.a) || !/^\d+$/.test(msg.b)) return;
    const tenants = [...this.subscribers.keys()].filter((t) => !msg.t || msg.t.includes(t));
    if (!tenants.length) return;
    this.liveChain = this.liveChain.then(async () => {
      try {
        const found = rows<{
          seq: string | number;
          tenant_id: string;
          device_id: string;
          fix_time: string | Date;
          lat: number;
          lon: number;
          speed_kmh: number | null;
          course: number | null;
          ignition: boolean | null;
          trusted: boolean;
        }>(
          await this.platform.db.execute(sql`
            select seq, tenant_id, device_id, fix_time, lat, lon, speed_kmh, course, ignition, trusted from positions
            where seq between ${msg.a}::bigint and ${msg.b}::bigint and tenant_id = any(${sql.param(tenants)}::uuid[])
            order by seq`),
        );
        const by = new Map<string, LivePosition[]>();
        for (const r of found) {
          const list = by.get(r.tenant_id) ?? [];
          list.push({
            seq: String(r.seq),
            deviceId: r.device_id,
            fixTime: new Date(r.fix_time).toISOString(),
            lat: Number(r.lat),
            lon: Number(r.lon),
            speedKmh: r.speed_kmh === null ? null : Number(r.speed_kmh),
            course: r.course === null ? null : Number(r.course),
            ignition: r.ignition,
            trusted: r.trusted,
          });
          by.set(r.tenant_id, list);
        }
        for (const [t, list] of by) this.fanOut(t, list);
      } catch (err) {
        this.platform.log.warn({ error: (err as Error).message.slice(0, 200) }, 'telemetry: could not read another process’s batch');
      }
    });
  }

  // ---- live subscribers of this process (SSE connections), fed locally and from other processes ----
  private subscribers = new Map<string, Set<(p: LivePosition[]) => void>>();

  subscribe(tenantId: string, fn: (p: LivePosition[]) => void) {
    const set = this.subscribers.get(tenantId) ?? new Set();
    this.subscribers.set(tenantId, set);
    set.add(fn);
    return () => {
      set.delete(fn);
      if (!set.size) this.subscribers.delete(tenantId);
    };
  }

  private deliverLocal(list: Position[]) {
    if (!this.subscribers.size) return;
    const by = new Map<string, LivePosition[]>();
    for (const p of list) {
      if (!this.subscribers.has(p.tenantId)) continue;
      const arr = by.get(p.tenantId) ?? [];
      arr.push(live(p));
      by.set(p.tenantId, arr);
    }
    for (const [t, arr] of by) this.fanOut(t, arr);
  }

  private fanOut(tenantId: string, list: LivePosition[]) {
    for (const fn of this.subscribers.get(tenantId) ?? []) fn(list);
  }

  async startLive() {
    if (this.stopLive) return;
    // a rotated or disabled device stops working in every process at once
    const stopDevices = await this.platform.database.listen(DEVICES_CHANNEL, (id) => invalidate(id));
    const offChanged = onDeviceChanged((id) => {
      this.platform.database.notify(DEVICES_CHANNEL, id).catch(() => {});
    });
    const stopPositions = await this.platform.database.listen(LIVE_CHANNEL, (payload) => this.onNotice(payload));
    this.stopLive = async () => {
      offChanged();
      await stopDevices();
      await stopPositions();
    };
  }

  /** Writes what is queued and stops. */
  async close() {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.running;
    while (this.queue.length) await this.flush();
    await this.flushCounts();
    await this.refusals.close();
    await this.stopLive?.();
    this.stopLive = undefined;
  }
}

function live(p: Position): LivePosition {
  return {
    seq: p.seq,
    deviceId: p.deviceId,
    fixTime: p.fixTime.toISOString(),
    lat: p.lat,
    lon: p.lon,
    speedKmh: p.speedKmh,
    course: p.course,
    ignition: p.ignition,
    trusted: p.trusted,
  };
}

type Row = typeof positions.$inferInsert;
const COLUMNS: [keyof Row, string, string][] = [
  ['tenantId', 'tenant_id', 'uuid'],
  ['deviceId', 'device_id', 'uuid'],
  ['fixTime', 'fix_time', 'timestamptz'],
  ['receivedAt', 'received_at', 'timestamptz'],
  ['lat', 'lat', 'float8'],
  ['lon', 'lon', 'float8'],
  ['speedKmh', 'speed_kmh', 'float8'],
  ['course', 'course', 'float8'],
  ['altitude', 'altitude', 'float8'],
  ['accuracy', 'accuracy', 'float8'],
  ['battery', 'battery', 'float8'],
  ['ignition', 'ignition', 'bool'],
  ['motion', 'motion', 'bool'],
  ['fuelLevel', 'fuel_level', 'float8'],
  ['odometerKm', 'odometer_km', 'float8'],
  ['engineHours', 'engine_hours', 'float8'],
  ['driverUniqueId', 'driver_unique_id', 'text'],
  ['trusted', 'trusted', 'bool'],
  ['untrustedReason', 'untrusted_reason', 'text'],
  ['attributes', 'attributes', 'jsonb'],
];

/**
 * One INSERT for the whole batch with one array parameter per column (`unnest`): 20 parameters
 * whatever the batch size, so neither the driver nor the planner pays per row.
 */
export async function insertPositions(db: DbOrTx, list: Row[]): Promise<{ seq: bigint; deviceId: string; fixTime: Date }[]> {
  const arrays = COLUMNS.map(([key, , type]) =>
    list.map((r) => {
      const v = r[key];
      if (v === undefined || v === null) return null;
      if (v instanceof Date) return v.toISOString();
      if (type === 'jsonb') return JSON.stringify(v);
      return v;
    }),
  );
  const cols = sql.raw(COLUMNS.map(([, c]) => c).join(', '));
  const unnest = sql.join(
    COLUMNS.map(([, , type], i) => sql`${sql.param(arrays[i])}::${sql.raw(type === 'jsonb' ? 'text' : type)}[]`),
    sql`, `,
  );
  const select = sql.raw(COLUMNS.map(([, c, type]) => (type === 'jsonb' ? `coalesce(${c}::jsonb, '{}'::jsonb)` : c)).join(', '));
  const result = await db.execute(
    sql`insert into positions (${cols}) select ${select} from unnest(${unnest}) as u(${cols}) on conflict do nothing returning seq, device_id, fix_time`,
  );
  return rows<{ seq: string | number; device_id: string; fix_time: string | Date }>(result).map((r) => ({
    seq: BigInt(r.seq),
    deviceId: r.device_id,
    fixTime: r.fix_time instanceof Date ? r.fix_time : new Date(r.fix_time),
  }));
}

const writers = new WeakMap<Platform, IngestWriter>();

/** The process's writer for this platform (one per platform: tests run several in one process). */
export function writerOf(platform: Platform): IngestWriter {
  let w = writers.get(platform);
  if (!w) {
    w = new IngestWriter(platform);
    writers.set(platform, w);
  }
  return w;
}

/** In-process callers (e.g. the fleet's driver phone view) push fixes through the same validated path. */
export async function ingestPositions(platform: Platform, device: Device, items: IncomingPosition[]) {
  return writerOf(platform).ingest(device, items);
}
