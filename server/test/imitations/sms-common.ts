import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Shared plumbing of the SMS provider imitations: a loopback HTTP server that records what it accepted. */
export type ReceivedSms = {
  to: string;
  text: string;
  sender: string;
  ref?: string;
  callbackUrl?: string;
  id: string;
  body: Record<string, unknown>;
};

export async function startImitation(
  handle: (req: IncomingMessage, body: string, res: ServerResponse, raw: Buffer) => void | Promise<void>,
) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      Promise.resolve(handle(req, raw.toString('utf8'), res, raw)).catch((err) => {
        res.writeHead(500).end(String(err));
      });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
