/**
 * Notification broadcast benchmark (issue 5, item 9): a civil-protection broadcast to 100,000
 * subscribers (a third each on Web Push, SMS and e-mail) on a fresh PostgreSQL database, timed
 * from the fan-out until every delivery has been handed to its provider imitation (a loopback
 * push service, the Apifon imitation, a real SMTP server). Prints deliveries/s and the ratio to
 * bare Web Push payload encryption on one core (2,000 payloads with web-push's encrypt), measured
 * in the same run. Target: all 100,000 within 60 s.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { setupParts } from '../server/src/api.js';
import { fanOut } from '../server/src/modules/notify/broadcast.service.js';
import { encryptPayload } from '../server/src/modules/notify/push.js';
import { loadConfig } from '../server/src/platform/config/config.js';
import { openDatabase, rows } from '../server/src/platform/db/database.js';
import { createPlatform } from '../server/src/platform/platform.js';
import { decryptPush, makeBrowserKeys, startPushService } from '../server/test/imitations/push-service.js';
import { startApifon } from '../server/test/imitations/sms-apifon.js';
import { startSmtpServer } from '../server/test/imitations/smtp.js';
import { createBenchDb } from './cases-lib.js';
import type { BenchResult } from './lib.js';

const N = Number(process.env.BENCH_NOTIFY_N ?? 100_000);
const TARGET_S = 60;

export default async function notifyBroadcast(): Promise<BenchResult> {
  const lines: string[] = [];
  const keys = makeBrowserKeys();
  // Baseline: bare aes128gcm encryption of a typical payload, one core.
  const payload = JSON.stringify({
    title: 'Πολιτική Προστασία',
    body: 'Κίνδυνος πυρκαγιάς: αποφύγετε τις μετακινήσεις.',
    category: 'civil_protection',
  });
  const t0 = performance.now();
  for (let i = 0; i < 2000; i++) encryptPayload({ endpoint: '', p256dh: keys.p256dh, auth: keys.auth }, payload);
  const encPerS = 2000 / ((performance.now() - t0) / 1000);

  const bdb = await createBenchDb('notify_bench');
  const push = await startPushService();
  const apifon = await startApifon({ token: 'tok', secret: 'sec' });
  const smtp = await startSmtpServer();
  const database = await openDatabase({ url: bdb.url, poolSize: 12 });
  let platform: Awaited<ReturnType<typeof createPlatform>> | undefined;
  try {
    await database.migrate();
    const cfg = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://bench.dimos.invalid',
      LOG_LEVEL: 'silent',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'notify-bench-')),
      DATABASE_URL: bdb.url,
      SMTP_URL: smtp.url,
    });
    platform = await createPlatform(cfg, database);
    await setupParts(platform);
    const db = platform.db;
    const settings = {
      notify: {
        sms: {
          primary: 'apifon',
          senderId: 'Dimos',
          providers: { apifon: { baseUrl: apifon.url, token: 'tok', secret: 'sec', ratePerSecond: 100_000, pricePerSegment: 0.03 } },
        },
        push: { ratePerSecond: 100_000 },
        email: { ratePerSecond: 100_000 },
      },
    };
    const [t] = rows<{ id: string }>(
      await db.execute(
        sql`insert into tenants (slug, name_el, name_en, settings) values ('bench', 'Δήμος Bench', 'Bench', ${JSON.stringify(settings)}::jsonb) returning id`,
      ),
    );
    const tenantId = (t as { id: string }).id;
    const s0 = performance.now();
    await db.execute(sql`insert into users (tenant_id, kind, email, phone, email_verified_at, phone_verified_at)
      select ${tenantId}, 'citizen', 'c' || i || '@bench.gr', '+3069' || lpad(i::text, 8, '0'), now(), now() from generate_series(1, ${N}) i`);
    await db.execute(sql`insert into notify_preferences (tenant_id, user_id, channels)
      select u.tenant_id, u.id, case (row_number() over (order by u.id)) % 3 when 0 then '{push}'::text[] when 1 then '{sms}'::text[] else '{email}'::text[] end
      from users u where u.tenant_id = ${tenantId}`);
    await db.execute(sql`insert into notify_push_subscriptions (tenant_id, user_id, endpoint, p256dh, auth)
      select p.tenant_id, p.user_id, ${push.url} || '/p/' || p.user_id, ${keys.p256dh}, ${keys.auth} from notify_preferences p
      where p.tenant_id = ${tenantId} and p.channels = '{push}'`);
    await db.execute(sql`analyze`);
    lines.push(`seeded ${N} subscribers in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
    const [b] = rows<{ id: string; created_by: string }>(
      await db.execute(sql`insert into notify_broadcasts (tenant_id, category, title_el, title_en, text_el, text_en, audience, channels, status, created_by)
        values (${tenantId}, 'civil_protection', 'Πολιτική Προστασία', 'Civil protection', 'Κίνδυνος πυρκαγιάς: αποφύγετε τις μετακινήσεις.', 'Fire danger: avoid travel.',
        '{"kind":"everyone"}'::jsonb, '{push,sms,email}', 'scheduled', gen_random_uuid()) returning id, created_by`),
    );
    const start = performance.now();
    await fanOut(platform, tenantId, (b as { id: string }).id);
    const fanMs = performance.now() - start;
    platform.jobs.start(4);
    let pending = N;
    const deadline = Date.now() + 600_000;
    while (pending > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      const [row] = rows<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from notify_deliveries where tenant_id = ${tenantId} and status in ('queued', 'sending')`,
        ),
      );
      pending = Number(row?.n ?? 0);
    }
    const totalS = (performance.now() - start) / 1000;
    const byStatus = rows<{ channel: string; status: string; n: number }>(
      await db.execute(
        sql`select channel, status, count(*)::int as n from notify_deliveries where tenant_id = ${tenantId} group by 1, 2 order by 1, 2`,
      ),
    );
    const total = byStatus.reduce((a, r) => a + Number(r.n), 0);
    const sent = byStatus.filter((r) => r.status === 'sent').reduce((a, r) => a + Number(r.n), 0);
    const perS = sent / totalS;
    // Spot-check one push payload end to end.
    const sample = push.received[0] ? JSON.parse(decryptPush(push.received[0].body, keys)) : null;
    lines.push(`deliveries: ${total} (${byStatus.map((r) => `${r.channel}/${r.status}=${r.n}`).join(', ')})`);
    lines.push(
      `handed to providers: push ${push.received.length}, sms ${apifon.received.length} (in ${apifon.requests.length} requests), e-mail ${smtp.received.reduce((a, m) => a + m.to.length, 0)} (in ${smtp.received.length} messages); push payload decrypts: ${sample?.title === 'Πολιτική Προστασία'}`,
    );
    lines.push(`fan-out (INSERT … SELECT): ${fanMs.toFixed(0)} ms; all handed over in ${totalS.toFixed(1)} s`);
    lines.push(
      `deliveries/s: ${perS.toFixed(0)}; bare Web Push encryption (1 core): ${encPerS.toFixed(0)}/s; ratio ${(perS / encPerS).toFixed(2)}`,
    );
    const pass = pending === 0 && sent === N && totalS <= TARGET_S;
    lines.push(`target ${N} within ${TARGET_S} s: ${pass ? 'met' : 'NOT met'}`);
    return { name: 'notify-broadcast', lines, pass };
  } finally {
    await platform?.jobs.stop();
    await database.close();
    await Promise.all([push.close(), apifon.close(), smtp.close()]);
    await bdb.drop();
  }
}
