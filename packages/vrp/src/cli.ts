#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Format, parseFile } from './parsers.js';
import type { Solution } from './solution.js';
import { solve } from './solve.js';

const USAGE = 'usage: vrp solve FILE [--time-limit SECONDS] [--seed N] [--threads N] [--json]';

export interface CliArgs {
  file: string;
  timeLimit?: number;
  seed: number;
  threads: number;
  json: boolean;
}

export function parseArgs(argv: string[]): CliArgs {
  const [cmd, ...rest] = argv;
  if (cmd !== 'solve') throw new Error(USAGE);
  let file: string | undefined;
  const out: CliArgs = { file: '', seed: 1, threads: 1, json: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const num = (name: string) => {
      const v = Number(rest[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${name} needs a non-negative number\n${USAGE}`);
      return v;
    };
    if (a === '--time-limit') out.timeLimit = num(a);
    else if (a === '--seed') out.seed = Math.floor(num(a));
    else if (a === '--threads') out.threads = Math.max(1, Math.floor(num(a)));
    else if (a === '--json') out.json = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else if (!file) file = a;
    else throw new Error(USAGE);
  }
  if (!file) throw new Error(USAGE);
  out.file = file;
  return out;
}

/** CVRPLIB `.sol` text: `Route #k: ids` lines, then `Cost c` (integer for CVRPLIB, 2 decimals otherwise). */
export function formatSol(format: Format, s: Solution): string {
  const lines: string[] = [];
  s.routes.forEach((r, i) => {
    const ids = r.steps.filter((st) => st.type === 'job').map((st) => String(st.id));
    lines.push(`Route #${i + 1}: ${ids.join(' ')}`);
  });
  const cost = format === 'cvrplib' ? String(Math.round(s.cost)) : Number.isInteger(s.cost) ? String(s.cost) : s.cost.toFixed(2);
  lines.push(`Cost ${cost}`);
  return `${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), args.file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    process.stderr.write(`cannot read ${args.file}\n`);
    return 2;
  }
  const parsed = parseFile(path, text);
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  const result = await solve(parsed.problem, {
    seed: args.seed,
    threads: args.threads,
    timeLimit: args.timeLimit,
    signal: ac.signal,
  });
  process.off('SIGINT', stop);
  if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(formatSol(parsed.format, result));
  return 0;
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href;
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
