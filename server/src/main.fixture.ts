/**
 * Test-only preload for `main.ts` child processes (`node --import tsx --import ./src/main.fixture.ts src/main.ts ...`).
 * It adds one API part to the server's parts list before main runs, so tests can hold an
 * HTTP request and a job in flight while they send SIGTERM. Never loaded in production.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { parts } from './api.js';

const dir = process.env.FIXTURE_DIR;
if (!dir) throw new Error('FIXTURE_DIR is required by main.fixture.ts');
const mark = (name: string) => writeFileSync(join(dir, name), String(Date.now()));

parts.push({
  name: 'fixture',
  async setup(platform) {
    platform.jobs.register('fixture.sleep', async (job) => {
      mark(`job-${job.payload.name}-started`);
      await sleep(Number(job.payload.ms));
      mark(`job-${job.payload.name}-done`);
    });
    if (process.env.FIXTURE_ENQUEUE) {
      await platform.jobs.enqueue(platform.db, {
        queue: 'fixture.sleep',
        payload: { name: process.env.FIXTURE_ENQUEUE, ms: 300 },
        dedupeKey: `fixture:${process.env.FIXTURE_ENQUEUE}`,
      });
    }
  },
  plugin: async (app, { platform }) => {
    app.get(
      '/api/fixture/slow',
      { config: { access: 'public', tenant: false }, schema: { querystring: z.object({ ms: z.coerce.number().int() }) } },
      async (req) => {
        mark('request-started');
        await sleep(req.query.ms);
        return { slept: req.query.ms };
      },
    );
    app.post(
      '/api/fixture/job',
      {
        config: { access: 'public', tenant: false },
        schema: { body: z.object({ name: z.string(), ms: z.number().int() }) },
      },
      async (req) => ({ id: await platform.jobs.enqueue(platform.db, { queue: 'fixture.sleep', payload: req.body }) }),
    );
  },
});
