import type { Problem } from './problem.js';

export type Format = 'cvrplib' | 'solomon' | 'json';

/** A parsed file: the problem plus how to number and round its answer in CVRPLIB's `.sol` form. */
export interface Parsed {
  format: Format;
  problem: Problem;
}

/**
 * CVRPLIB (TSPLIB-style) `.vrp` with EDGE_WEIGHT_TYPE EUC_2D: node 1 (or DEPOT_SECTION's node) is
 * the depot; the other nodes become jobs numbered 1..n in file order; distances are rounded to the
 * nearest integer. The fleet is unlimited in practice (enough vehicles for 1.3× the total demand + 3).
 */
export function parseCvrplib(text: string): Problem {
  const lines = text.split(/\r?\n/);
  const header: Record<string, string> = {};
  const coords = new Map<number, [number, number]>();
  const demands = new Map<number, number>();
  let section = '';
  let depot = 1;
  const depots: number[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const hm = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (hm && !/^\d/.test(line)) {
      header[hm[1]!] = hm[2]!.trim();
      section = '';
      continue;
    }
    if (/^[A-Z_]+$/.test(line)) {
      section = line;
      if (line === 'EOF') break;
      continue;
    }
    const parts = line.split(/\s+/).map(Number);
    if (section === 'NODE_COORD_SECTION') coords.set(parts[0]!, [parts[1]!, parts[2]!]);
    else if (section === 'DEMAND_SECTION') demands.set(parts[0]!, parts[1]!);
    else if (section === 'DEPOT_SECTION' && parts[0]! > 0) depots.push(parts[0]!);
  }
  if (depots.length) depot = depots[0]!;
  const type = header.EDGE_WEIGHT_TYPE ?? 'EUC_2D';
  if (type !== 'EUC_2D') throw new Error(`EDGE_WEIGHT_TYPE ${type} is not supported (EUC_2D only)`);
  const capacity = Number(header.CAPACITY);
  if (!(capacity > 0)) throw new Error('CAPACITY missing');
  const dimension = Number(header.DIMENSION ?? coords.size);
  const jobs: Problem['jobs'] = [];
  let total = 0;
  let id = 0;
  for (let node = 1; node <= dimension; node++) {
    if (node === depot) continue;
    id++;
    const c = coords.get(node);
    if (!c) throw new Error(`node ${node} has no coordinates`);
    const d = demands.get(node) ?? 0;
    total += d;
    jobs.push({ id, location: c, delivery: [d] });
  }
  const count = Math.ceil((1.3 * total) / capacity) + 3;
  return {
    name: header.NAME,
    vehicles: [{ id: 'v', start: coords.get(depot)!, end: coords.get(depot)!, capacity: [capacity], count }],
    jobs,
    options: { metric: 'euclidean', round: true },
  };
}

/** Solomon / Homberger VRPTW `.txt`: customer 0 is the depot; the file's vehicle count is the limit. */
export function parseSolomon(text: string): Problem {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  let vehicles = 0;
  let capacity = 0;
  const rows: number[][] = [];
  let mode = '';
  for (const line of lines) {
    if (!line) continue;
    if (/^VEHICLE/i.test(line)) {
      mode = 'vehicle';
      continue;
    }
    if (/^CUSTOMER/i.test(line)) {
      mode = 'customer';
      continue;
    }
    if (!/^\d/.test(line)) continue;
    const nums = line.split(/\s+/).map(Number);
    if (mode === 'vehicle' && nums.length >= 2) {
      vehicles = nums[0]!;
      capacity = nums[1]!;
    } else if (mode === 'customer' && nums.length >= 7) rows.push(nums);
  }
  const depot = rows.find((r) => r[0] === 0);
  if (!depot || !vehicles || !capacity) throw new Error('not a Solomon file (VEHICLE and CUSTOMER sections with customer 0)');
  const name = lines.find((l) => l.length > 0);
  return {
    name,
    vehicles: [
      {
        id: 'v',
        start: [depot[1]!, depot[2]!],
        end: [depot[1]!, depot[2]!],
        capacity: [capacity],
        time_window: [depot[4]!, depot[5]!],
        count: vehicles,
      },
    ],
    jobs: rows
      .filter((r) => r[0] !== 0)
      .map((r) => ({
        id: r[0]!,
        location: [r[1]!, r[2]!] as [number, number],
        delivery: [r[3]!],
        time_windows: [[r[4]!, r[5]!]] as [number, number][],
        service: r[6]!,
      })),
    options: { metric: 'euclidean', round: false },
  };
}

/** Reads a file's text by its name/content: `.vrp` CVRPLIB, `.txt` Solomon, `.json` the package format. */
export function parseFile(name: string, text: string): Parsed {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json') || text.trimStart().startsWith('{')) return { format: 'json', problem: JSON.parse(text) as Problem };
  if (lower.endsWith('.vrp') || /NODE_COORD_SECTION/.test(text)) return { format: 'cvrplib', problem: parseCvrplib(text) };
  return { format: 'solomon', problem: parseSolomon(text) };
}
