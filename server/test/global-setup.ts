import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { kind: 'postgres'; url: string; template: string } | { kind: 'pglite'; snapshot: string };
  }
}

/**
 * Migrates one database per test run, then every test file clones it: a PostgreSQL
 * `CREATE DATABASE … TEMPLATE`, or a PGlite data-directory snapshot.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `dimos_tmpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const tmplUrl = withDatabase(url, template);
    const db = await openDatabase({ url: tmplUrl, poolSize: 1 });
    await db.migrate();
    await db.close();
    project.provide('testDb', { kind: 'postgres', url, template });
    return async () => {
      const clones = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like '${template.replace('tmpl', 't')}%' or datname = '${template}'`,
      );
      for (const { datname } of clones.rows) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'dimos-test-'));
  const db = await openDatabase({});
  await db.migrate();
  const { PGlite } = await import('@electric-sql/pglite');
  void PGlite;
  const client = (db.db as unknown as { $client: import('@electric-sql/pglite').PGlite }).$client;
  const dump = await client.dumpDataDir('none');
  const snapshot = join(dir, 'snapshot.tar');
  writeFileSync(snapshot, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('testDb', { kind: 'pglite', snapshot });
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
