/**
 * `npm run simulate -- <name> [options]`: simulators for demos, tests and benchmarks, by name.
 * Each module adds its own entry here (e.g. `waste`, `ppe`).
 */
const simulators: Record<string, () => Promise<(argv: string[]) => Promise<void>>> = {
  fleet: async () => (await import('../server/src/platform/telemetry/simulator/cli.js')).simulateFleet,
};

const [name, ...argv] = process.argv.slice(2);
const load = name ? simulators[name] : undefined;
if (!load) {
  process.stderr.write(`usage: npm run simulate -- <${Object.keys(simulators).join('|')}> [options]\n`);
  process.exit(2);
}
try {
  await (await load())(argv);
  process.exit(0);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
