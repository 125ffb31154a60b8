import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requestContext } from '../../platform/service-context.js';
import { runHub } from './live.js';
import { getProblem, listProblems, storeProblem, ZProblem, ZProblemBody, ZProblemSummary } from './problems.service.js';
import { ACTIVE, cancelRun, findRun, getRun, listRuns, startRun, ZRun, ZRunBody, ZRunSummary } from './runs.service.js';

const tags = ['vrp'];
const ZError = z.object({ code: z.string(), message: z.string(), fields: z.array(z.any()).optional() });
const ZId = z.object({ id: z.uuid() });

export async function vrpRoutes(app: App, platform: Platform) {
  const { db } = platform;
  const plan = { access: 'perm:vrp.plan' as const };

  app.get(
    '/api/vrp/problems',
    {
      config: plan,
      schema: { tags, summary: 'Stored routing problems', response: { 200: z.object({ items: z.array(ZProblemSummary) }) } },
    },
    async (req) => ({ items: await listProblems(db, requestContext(req)) }),
  );
  app.post(
    '/api/vrp/problems',
    {
      config: plan,
      // a problem with its own matrices is large: 1000 locations are two million numbers
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "Store a routing problem in @dimos/vrp's JSON format (vehicles, jobs, facilities, matrices; see packages/vrp/README.md). Refused over the municipality's size limits (settings.vrp.maxJobs, maxVehicles) and when the solver finds a bad field (named in `fields`).",
        body: ZProblemBody,
        response: { 201: ZProblem, 400: ZError },
      },
    },
    async (req, reply) => reply.code(201).send(await storeProblem(db, requestContext(req), req.body)),
  );
  app.get(
    '/api/vrp/problems/:id',
    { config: plan, schema: { tags, summary: 'A stored problem', params: ZId, response: { 200: ZProblem, 404: ZError } } },
    async (req) => getProblem(db, requestContext(req), req.params.id),
  );
  app.post(
    '/api/vrp/problems/:id/runs',
    {
      config: plan,
      schema: {
        tags,
        summary:
          'Solve a stored problem in a worker thread. `anytime: false` (default) stops when the search converges: the same problem, options and solver version (`inputsHash`) give the same plan. Refused over settings.vrp.maxTimeLimit (seconds) or when the municipality already has settings.vrp.maxConcurrentRuns runs queued or running (429).',
        params: ZId,
        body: ZRunBody,
        response: { 202: ZRunSummary, 400: ZError, 404: ZError, 429: ZError },
      },
    },
    async (req, reply) => reply.code(202).send(await startRun(platform, requestContext(req), req.params.id, req.body)),
  );
  app.get(
    '/api/vrp/runs',
    {
      config: plan,
      schema: {
        tags,
        summary: 'Solve runs, newest first (of one problem with ?problemId=)',
        querystring: z.object({ problemId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(ZRunSummary) }) },
      },
    },
    async (req) => ({ items: await listRuns(db, requestContext(req), req.query.problemId) }),
  );
  app.get(
    '/api/vrp/runs/:id',
    {
      config: plan,
      schema: {
        tags,
        summary: 'A run: status, best cost over time, the answer and the checker’s verdict',
        params: ZId,
        response: { 200: ZRun, 404: ZError },
      },
    },
    async (req) => getRun(db, requestContext(req), req.params.id),
  );
  app.post(
    '/api/vrp/runs/:id/cancel',
    {
      config: plan,
      schema: {
        tags,
        summary: 'Cancel a run: a queued one at once; a running one stops soon and keeps the best plan found so far',
        params: ZId,
        response: { 200: ZRunSummary, 404: ZError, 409: ZError },
      },
    },
    async (req) => cancelRun(platform, requestContext(req), req.params.id),
  );

  app.get(
    '/api/vrp/runs/:id/events',
    {
      config: plan,
      schema: {
        tags,
        summary:
          'Server-Sent Events of a run: `status` ({status}) when it changes, `progress` ({bestCost, elapsedMs}, id = its index: Last-Event-ID resumes) for every new best cost, then `end` ({status, cost, stoppedBy}) and the stream closes. It also ends after `ttl` seconds (default 600); EventSource reconnects.',
        params: ZId,
        querystring: z.object({ ttl: z.coerce.number().int().min(1).max(3600).optional() }),
        response: { 404: ZError },
      },
    },
    async (req, reply) => {
      const tenantId = req.tenant.id;
      const runId = req.params.id;
      const first = await findRun(db, tenantId, runId);
      if (!first) throw new AppError('vrp.run_not_found', 404);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n: connected\n\n');
      const lastId = Number(req.headers['last-event-id']);
      let sent = Number.isInteger(lastId) && lastId >= 0 ? lastId + 1 : 0;
      let status = '';
      let closed = false;
      let remove: () => void = () => {};
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      // bounded, like every stream here; under NODE_ENV=test short, so route-table walks see it end
      const ttlMs = (req.query.ttl ?? (platform.cfg.NODE_ENV === 'test' ? 2 : 600)) * 1000;
      const end = setTimeout(() => res.end(), ttlMs);
      const close = () => {
        closed = true;
        clearInterval(ping);
        clearTimeout(end);
        remove();
      };
      res.on('finish', close);
      req.raw.on('close', close);
      res.on('error', close);

      const write = (run: NonNullable<typeof first>) => {
        if (closed) return;
        if (run.status !== status) {
          status = run.status;
          res.write(`event: status\ndata: ${JSON.stringify({ status })}\n\n`);
        }
        for (; sent < run.progress.length; sent++) {
          const p = run.progress[sent]!;
          res.write(`id: ${sent}\nevent: progress\ndata: ${JSON.stringify({ bestCost: p.cost, elapsedMs: p.ms })}\n\n`);
        }
        if (!(ACTIVE as readonly string[]).includes(run.status)) {
          res.write(`event: end\ndata: ${JSON.stringify({ status: run.status, cost: run.cost, stoppedBy: run.stoppedBy })}\n\n`);
          res.end();
        }
      };
      // reads are serialised: a notification during a read asks for one more read after it
      let reading: Promise<void> | null = null;
      let again = false;
      const refresh = () => {
        if (reading) {
          again = true;
          return;
        }
        reading = (async () => {
          do {
            again = false;
            const run = await findRun(db, tenantId, runId);
            if (!run) {
              res.end();
              return;
            }
            write(run);
          } while (again && !closed);
        })()
          .catch((err) => {
            req.log.warn({ err }, 'vrp: live read failed');
            res.end();
          })
          .finally(() => {
            reading = null;
          });
      };
      remove = await runHub(platform).add(runId, refresh);
      if (closed) remove();
      // what happened before the listener was in place
      refresh();
    },
  );
}
