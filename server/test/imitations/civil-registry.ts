import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CivilRegistryImitationOptions, createCivilRegistryImitation } from '../../src/modules/eservices/civil-registry-imitation.js';

/**
 * The Μητρώο Πολιτών person service (through the ΚΕΔ) imitated on 127.0.0.1: a real HTTP server
 * that checks the request format the adapter must send (HTTP Basic with the body's special
 * credentials, the API key header, JSON in and out, a complete `auditRecord`, a 9-digit ΑΦΜ) and
 * answers from fixtures. `state.down` makes it answer 503; `state.requests` records what it saw.
 */
export async function startCivilRegistryImitation(opts: Partial<CivilRegistryImitationOptions> = {}) {
  const o = { username: 'dimos-test', password: 'test-secret', apiKey: 'test-api-key', ...opts };
  const imitation = createCivilRegistryImitation(o);
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
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    state: imitation.state,
    url,
    env: {
      CIVIL_REGISTRY_URL: url,
      CIVIL_REGISTRY_USERNAME: o.username,
      CIVIL_REGISTRY_PASSWORD: o.password,
      CIVIL_REGISTRY_API_KEY: o.apiKey,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
