import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTaxisnetImitation, type ImitationOptions } from '../../src/platform/identity/taxisnet-imitation.js';

/**
 * The GSIS (TaxisNet) OAuth 2.0 endpoints imitated on 127.0.0.1: a real HTTP server that
 * checks the request format of the real service (client credentials, redirect URI, form
 * body, Bearer token, format=xml) and answers userinfo as XML.
 */
export async function startTaxisnetImitation(opts: Omit<ImitationOptions, 'autoApprove'>) {
  const imitation = createTaxisnetImitation({ ...opts, autoApprove: true });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const out = await imitation.handle({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(out.status, out.headers).end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2server`;
  return {
    state: imitation.state,
    env: {
      TAXISNET_AUTHORIZE_URL: `${base}/oauth/authorize`,
      TAXISNET_TOKEN_URL: `${base}/oauth/token`,
      TAXISNET_USERINFO_URL: `${base}/userinfo?format=xml`,
      TAXISNET_CLIENT_ID: opts.clientId,
      TAXISNET_CLIENT_SECRET: opts.clientSecret,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A provider that accepts connections and never answers: for the timeout path. */
export async function startSilentServer() {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer(() => {
    /* never answers */
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
