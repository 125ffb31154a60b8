import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEParavoloImitation, type TEParavoloImitationOptions } from '../../src/modules/payments/e-paravolo-imitation.js';

/**
 * The e-Παράβολο SOAP service imitated on 127.0.0.1: a real HTTP server that checks the request
 * format (SOAPAction, WS-Security UsernameToken, auditRecord, input records) and answers from
 * fixtures; a malformed request gets a SOAP Fault. `state.down` makes it answer 503.
 */
export async function startEParavoloImitation(opts: TEParavoloImitationOptions) {
  const imitation = createEParavoloImitation(opts);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const out = await imitation.handle({
        method: req.method ?? 'GET',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(out.status, out.headers).end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/esb/eparavoloService`;
  return {
    url,
    state: imitation.state,
    paravola: imitation.paravola,
    env: { E_PARAVOLO_URL: url, E_PARAVOLO_USERNAME: opts.username, E_PARAVOLO_PASSWORD: opts.password, E_PARAVOLO_TIMEOUT_MS: '2000' },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
