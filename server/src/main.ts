#!/usr/bin/env node
import { parts, seedDemoAll, setupParts } from './api.js';
import { ConfigError, isDev, loadConfig } from './platform/config/config.js';
import { openDatabase } from './platform/db/database.js';
import { buildApp } from './platform/http/app.js';
import { createPlatform } from './platform/platform.js';
import { tenantCount } from './platform/seed/demo.js';

/** The CLI: serve (API + web app, jobs in-process by default) | worker | migrate | seed | openapi. */
async function main(command = 'serve') {
  if (command === 'openapi') {
    const cfg = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' });
    const platform = await createPlatform(cfg, await openDatabase({}));
    const app = await buildApp(platform, parts, { logger: false });
    await app.ready();
    process.stdout.write(`${JSON.stringify(app.swagger(), null, 2)}\n`);
    await app.close();
    await platform.database.close();
    return;
  }

  const cfg = loadConfig();
  const platform = await createPlatform(cfg);
  const { log } = platform;

  if (command === 'migrate') {
    await platform.database.migrate();
    log.info('migrations applied');
    await platform.database.close();
    return;
  }
  if (command === 'seed') {
    await platform.database.migrate();
    const demo = await seedDemoAll(platform, { printPasswords: isDev(cfg) });
    for (const line of demo.lines) log.info(line);
    await platform.database.close();
    return;
  }
  if (command !== 'serve' && command !== 'worker')
    throw new Error(`Unknown command ${command}: use serve, worker, migrate, seed or openapi`);

  if (command === 'serve') {
    await platform.database.migrate();
    const shouldSeed = cfg.SEED_DEMO ?? (isDev(cfg) && (await tenantCount(platform.db)) === 0);
    if (shouldSeed) {
      const demo = await seedDemoAll(platform, { printPasswords: isDev(cfg) });
      for (const line of demo.lines) log.info(line);
    }
  } else if (!(await platform.database.migrationsApplied())) {
    throw new Error('Database migrations are not applied: run `npm run db:migrate` first');
  }

  await setupParts(platform);
  const runJobs = command === 'worker' || cfg.JOBS_IN_PROCESS;
  if (runJobs) platform.jobs.start(cfg.JOBS_CONCURRENCY);

  const app = command === 'serve' ? await buildApp(platform, parts) : undefined;
  if (app) {
    await app.listen({ host: cfg.HOST, port: cfg.PORT });
  } else {
    log.info({ worker: platform.jobs.workerId }, 'worker started');
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests and jobs');
    const force = setTimeout(() => {
      log.error('shutdown timed out');
      process.exit(1);
    }, cfg.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // Fastify closes the connections idle at this moment; a keep-alive connection whose request is
    // still running becomes idle only after its response, and would hold close() until its timeout.
    const reap = setInterval(() => app?.server.closeIdleConnections(), 100);
    reap.unref();
    try {
      // Both at once: the HTTP server stops accepting while the jobs in hand finish; in-flight
      // requests are answered (Fastify close waits for them). The database goes last.
      await Promise.all([platform.jobs.stop(), app?.close()]);
      await platform.database.close();
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main(process.argv[2]).catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
