import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a municipality's protocol system (Πρωτόκολλο): POST JSON {subject, date, unit}
 * → {number, date}. It fails the first `failures` requests with 503 (or never answers, when
 * `hang` is set) and then numbers requests 1, 2, 3, ... as `ΠΡΩΤ-<n>`.
 */
export async function startProtocolImitation(opts: { failures?: number; hang?: boolean; token?: string } = {}) {
  let failuresLeft = opts.failures ?? 0;
  let next = 1;
  const received: { subject: string; date: string; unit: string | null; authorization?: string }[] = [];
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (c) => {
        s += c;
      });
      req.on('end', () => resolve(s));
    });
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) {
      res.writeHead(401).end();
      return;
    }
    if (failuresLeft > 0) {
      failuresLeft--;
      if (opts.hang) return; // the client's timeout has to save it
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"down"}');
      return;
    }
    const parsed = JSON.parse(body) as { subject: string; date: string; unit: string | null };
    received.push({ ...parsed, authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ number: `ΠΡΩΤ-${next++}`, date: parsed.date }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/protocol`,
    received,
    /** Makes the next n requests fail. */
    fail(n: number) {
      failuresLeft = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
