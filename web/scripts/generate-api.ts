/**
 * Generates the typed API client's types from the server's OpenAPI spec.
 *
 *   npm run api:generate --workspace web   writes web/openapi.json and web/src/app/api/schema.d.ts
 *   npm run api:check --workspace web      regenerates into a temp dir; exits 1 if the committed files differ
 *
 * The spec comes from `npx tsx server/src/main.ts openapi` (OpenAPI 3.1 JSON on stdout).
 * `--from-file` skips the server and regenerates the types from the committed web/openapi.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(webDir, '..');
const specPath = join(webDir, 'openapi.json');
const schemaPath = join(webDir, 'src', 'app', 'api', 'schema.d.ts');

const args = new Set(process.argv.slice(2));
const check = args.has('--check');
const fromFile = args.has('--from-file');

function specFromServer(): string {
  const out = execFileSync('npx', ['tsx', 'server/src/main.ts', 'openapi'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Normalise so the committed file does not change with whitespace or key order of the printer.
  const json: unknown = JSON.parse(out);
  return `${JSON.stringify(json, null, 2)}\n`;
}

async function typesFor(spec: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(spec));
  return COMMENT_HEADER + astToString(ast);
}

const spec = fromFile ? await readFile(specPath, 'utf8') : specFromServer();
const types = await typesFor(spec);

if (!check) {
  await writeFile(specPath, spec);
  await writeFile(schemaPath, types);
  console.log(`wrote ${specPath}\nwrote ${schemaPath}`);
} else {
  const dir = await mkdtemp(join(tmpdir(), 'dimos-api-'));
  try {
    await writeFile(join(dir, 'openapi.json'), spec);
    await writeFile(join(dir, 'schema.d.ts'), types);
    const stale: string[] = [];
    if ((await readFile(specPath, 'utf8')) !== spec) stale.push('web/openapi.json');
    if ((await readFile(schemaPath, 'utf8').catch(() => '')) !== types) stale.push('web/src/app/api/schema.d.ts');
    if (stale.length > 0) {
      console.error(
        `API client is out of date with the server: ${stale.join(', ')} differ (fresh copies in ${dir}).\n` +
          'Run `npm run api:generate --workspace web` and commit the result.',
      );
      process.exit(1);
    }
    console.log('API client is up to date with the server spec.');
  } finally {
    if (!process.exitCode) await rm(dir, { recursive: true, force: true });
  }
}
