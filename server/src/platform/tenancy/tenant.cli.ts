#!/usr/bin/env node
/**
 * Adds a municipality to a multi-municipality install (there is deliberately no HTTP route
 * for it: creating tenants is an operator's job, not an administrator's).
 *
 *   npx tsx src/platform/tenancy/tenant.cli.ts --slug athens --name-el "Δήμος Αθηναίων" \
 *     --name-en "City of Athens" [--host athens.example.gr ...] [--boundary boundary.geojson]
 *
 * Uses DATABASE_URL / DATA_DIR like the server and applies pending migrations first.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { createTenant } from './tenant.service.js';

async function main() {
  const { values } = parseArgs({
    options: {
      slug: { type: 'string' },
      'name-el': { type: 'string' },
      'name-en': { type: 'string' },
      host: { type: 'string', multiple: true },
      boundary: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
    },
  });
  if (!values.slug || !values['name-el'] || !values['name-en']) {
    throw new Error(
      'Usage: tenant.cli.ts --slug <slug> --name-el <Greek name> --name-en <English name> [--host <host>]... [--boundary <file>]',
    );
  }
  const cfg = loadConfig();
  const database = await openDatabase(cfg.DATABASE_URL ? { url: cfg.DATABASE_URL } : { dataDir: cfg.DATA_DIR });
  try {
    await database.migrate();
    let boundary: unknown = null;
    if (values.boundary) {
      const geo = JSON.parse(readFileSync(values.boundary, 'utf8')) as {
        type?: string;
        geometry?: unknown;
        features?: { geometry?: unknown }[];
      };
      // accept a bare geometry, a Feature or a one-feature FeatureCollection
      boundary = geo.type === 'Feature' ? geo.geometry : geo.type === 'FeatureCollection' ? geo.features?.[0]?.geometry : geo;
    }
    const tenant = await createTenant(database.db, {
      slug: values.slug,
      nameEl: values['name-el'],
      nameEn: values['name-en'],
      hosts: values.host ?? [],
      boundary: boundary as never,
      contacts: { email: values.email, phone: values.phone },
    });
    process.stdout.write(`Created municipality ${tenant.slug} (${tenant.id}).\n`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof AppError) {
    const fields = err.fields?.map((f) => `${f.field}: ${f.code}`).join(', ');
    process.stderr.write(`${err.code}${fields ? ` (${fields})` : ''}\n`);
  } else {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
