/**
 * The baseline: a bare Fastify server with one route, run as its own process so it is
 * measured exactly like the real server. Every ratio the platform benchmark prints is against it.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.stdout.write('listening\n');
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
