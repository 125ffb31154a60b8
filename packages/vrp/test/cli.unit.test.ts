import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' });

describe('cli', () => {
  it('prints CVRPLIB .sol: Route #k lines with customers 1..n, then the integer cost', () => {
    const out = run('solve', fixture('P-n16-k8.vrp'), '--seed', '1');
    const lines = out.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('Cost 450');
    const routes = lines.slice(0, -1);
    for (const [i, l] of routes.entries()) expect(l).toMatch(new RegExp(`^Route #${i + 1}: \\d+( \\d+)*$`));
    const ids = routes.flatMap((l) => l.split(': ')[1]!.split(' ').map(Number)).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('prints Solomon costs with 2 decimals and --json with routes, arrivals, loads and costs', () => {
    const out = run('solve', fixture('C101-12.txt'), '--seed', '1', '--threads', '2');
    expect(out.trimEnd().split('\n').pop()).toMatch(/^Cost \d+\.\d{2}$/);
    const json = JSON.parse(run('solve', fixture('C101-12.txt'), '--seed', '1', '--json')) as {
      routes: { steps: { type: string; arrival: number; load: number[] }[] }[];
      unassigned: unknown[];
      summary: { cost: number; distance: number };
    };
    expect(json.routes.length).toBeGreaterThan(0);
    expect(json.routes[0]!.steps[0]!.type).toBe('start');
    expect(json.routes[0]!.steps[1]).toMatchObject({ type: 'job' });
    expect(typeof json.routes[0]!.steps[1]!.arrival).toBe('number');
    expect(json.unassigned).toEqual([]);
    expect(json.summary.cost).toBeCloseTo(json.summary.distance, 6);
  });

  it('rejects a bad command line with the usage on stderr and exit code 2', () => {
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', cli, 'solve'], { stdio: 'pipe' })).toThrow(/usage/);
  });
});
