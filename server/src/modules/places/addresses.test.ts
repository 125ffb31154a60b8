import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaffSession, makeTenant } from '../../../test/factories.js';
import { normaliseAddress, parseAddressQuery } from './addresses.js';
import { addresses } from './schema.js';
import { seedAddressesDemo } from './seed.js';

let sut: TestApp;
let head: Record<string, string>;

beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['places', 'reports'] });
  head = sut.headers({ cookie: (await makeStaffSession(sut.db, sut.tenant.id, 'head')).cookie });
}, 60_000);
afterAll(() => sut.close());

const search = async (q: string, headers = sut.headers()) => {
  const r = await sut.app.inject({ method: 'GET', url: `/api/addresses/search?q=${encodeURIComponent(q)}`, headers });
  expect(r.statusCode).toBe(200);
  return (r.json() as { items: { street: string; number: string | null; lat: number; lon: number }[] }).items;
};
const upload = (format: 'osm' | 'csv', body: string, query = '', headers = head, lang = 'el') =>
  sut.app.inject({
    method: 'POST',
    url: `/api/staff/addresses/import?format=${format}${query}`,
    headers: { ...headers, 'content-type': format === 'osm' ? 'application/xml' : 'text/csv', 'accept-language': lang },
    payload: body,
  });

const OSM = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="38.0100" lon="23.7300"/>
  <node id="2" lat="38.0110" lon="23.7300"/>
  <node id="3" lat="38.0120" lon="23.7300"/>
  <node id="10" lat="38.0105" lon="23.7302">
    <tag k="addr:street" v="Οδυσσέως"/><tag k="addr:housenumber" v="7"/><tag k="addr:postcode" v="11111"/>
  </node>
  <node id="11" lat="38.0115" lon="23.7302"><tag k="addr:housenumber" v="9"/></node>
  <node id="20" lat="38.0200" lon="23.7400"/>
  <node id="21" lat="38.0200" lon="23.7402"/>
  <node id="22" lat="38.0202" lon="23.7402"/>
  <way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/><tag k="name" v="Οδυσσέως"/></way>
  <way id="101"><nd ref="20"/><nd ref="21"/><nd ref="22"/><nd ref="20"/><tag k="building" v="yes"/><tag k="addr:street" v="Οδυσσέως"/><tag k="addr:housenumber" v="12Α"/></way>
  <way id="102"><nd ref="20"/><nd ref="999"/><tag k="highway" v="footway"/><tag k="name" v="Μονοπάτι Νυμφών"/></way>
</osm>`;

describe('the normaliser', () => {
  it('drops accents and case, writes final sigma as σ and splits off the house number', () => {
    expect(normaliseAddress('ΟΔΥΣΣΕΩΣ')).toBe('οδυσσεωσ');
    expect(normaliseAddress('Οδυσσέως')).toBe('οδυσσεωσ');
    expect(normaliseAddress('  Ελευθερίου   Βενιζέλου,12 ')).toBe('ελευθεριου βενιζελου 12');
    expect(normaliseAddress('Ταΰγέτου')).toBe('ταυγετου');
    expect(parseAddressQuery('ερμου 22α')).toEqual({ words: ['ερμου'], number: '22α' });
    expect(parseAddressQuery('22 Ερμού')).toEqual({ words: ['ερμου'], number: '22' });
    expect(parseAddressQuery('28ης Οκτωβρίου')).toEqual({ words: ['28ησ', 'οκτωβριου'], number: null });
  });
});

describe('import from OpenStreetMap', () => {
  it('refuses an extract with bad elements, naming each element, and imports nothing', async () => {
    const r = await upload('osm', OSM);
    expect(r.statusCode).toBe(400);
    const body = r.json() as { code: string; message: string; fields: { field: string; code: string; message: string }[] };
    expect(body.code).toBe('addresses.import_invalid');
    expect(body.fields.map((f) => f.field).sort()).toEqual(['elements.node/11', 'elements.way/102']);
    expect(body.fields.find((f) => f.field === 'elements.node/11')?.message).toBe(
      'node/11: έχει αριθμό (addr:housenumber) χωρίς οδό (addr:street).',
    );
    expect(await sut.db.select().from(addresses).where(eq(addresses.tenantId, sut.tenant.id))).toHaveLength(0);
  });

  it('imports the good elements when asked to skip the bad ones: addresses, buildings at their centre, streets at their middle', async () => {
    const r = await upload('osm', OSM, '&skipInvalid=true', head, 'en');
    expect(r.statusCode).toBe(200);
    const body = r.json() as { imported: number; streets: number; skipped: { field: string; message: string }[] };
    expect(body).toMatchObject({ imported: 3, streets: 1 });
    expect(body.skipped.map((s) => s.message)).toContain('way/102: some of its nodes are not in the extract.');
    const rows = await sut.db.select().from(addresses).where(eq(addresses.tenantId, sut.tenant.id));
    const building = rows.find((a) => a.number === '12α');
    expect(building?.lat).toBeCloseTo((38.02 + 38.02 + 38.0202) / 3, 6);
    expect(building?.sourceRef).toBe('way/101');
    expect(rows.find((a) => a.number === '')?.lat).toBeCloseTo(38.011, 6);
    // a second import of the same extract moves nothing and adds nothing
    expect((await upload('osm', OSM, '&skipInvalid=true')).statusCode).toBe(200);
    expect(await sut.db.select().from(addresses).where(eq(addresses.tenantId, sut.tenant.id))).toHaveLength(3);
  });

  it('says on which line an unreadable file breaks', async () => {
    const r = await upload('osm', '<osm>\n<node id="1" lat="1" lon="2">\n</osm>');
    expect(r.statusCode).toBe(400);
    expect((r.json() as { message: string }).message).toMatch(/γραμμή|line 3/i);
  });
});

describe('import from CSV', () => {
  it('names the lines with errors, and imports a clean file', async () => {
    const bad = 'street,number,lat,lon\nΕρμού,22,38.0139,23.7374\n,5,38.01,23.73\nΕρμού,24,north,23.7374\n';
    const r = await upload('csv', bad, '', head, 'en');
    expect(r.statusCode).toBe(400);
    const fields = (r.json() as { fields: { field: string; message: string }[] }).fields;
    expect(fields.map((f) => [f.field, f.message])).toEqual([
      ['lines.3.street', 'Line 3: the street is missing.'],
      ['lines.4.lat', 'Line 4: the coordinates (lat, lon) are not valid.'],
    ]);
    const unknown = await upload('csv', 'street,no,lat,lon\nΕρμού,1,38,23\n');
    expect((unknown.json() as { fields: { message: string }[] }).fields[0]?.message).toBe('Άγνωστη στήλη «no».');

    const good =
      'street,number,lat,lon,postcode\nΕρμού,,38.0139,23.7374,\nΕρμού,22,38.0139,23.7374,11111\nΕρμού,24,38.0140,23.7376,11111\n';
    const ok = await upload('csv', good);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 3, streets: 1, skipped: [] });
  });

  it('is for the heads who keep the places, not for citizens or other staff', async () => {
    expect((await upload('csv', 'street,number,lat,lon\nΑ,1,38,23\n', '', sut.headers())).statusCode).toBe(401);
    const employee = sut.headers({ cookie: (await makeStaffSession(sut.db, sut.tenant.id, 'employee')).cookie });
    expect((await upload('csv', 'street,number,lat,lon\nΑ,1,38,23\n', '', employee)).statusCode).toBe(403);
  });
});

describe('search', () => {
  it('finds street and number whatever the accents, case and final sigma', async () => {
    for (const q of ['ΟΔΥΣΣΕΩΣ 7', 'οδυσσεως 7', 'Οδυσσέως 7', 'οδυσσεωσ 7', '7 οδυσ']) {
      const [first] = await search(q);
      expect(first, q).toMatchObject({ street: 'Οδυσσέως', number: '7', lat: 38.0105 });
    }
    expect((await search('ερμου 2')).map((a) => a.number)).toEqual(['22', '24']);
    // the street alone first, then its numbers
    expect((await search('ΕΡΜΟΥ')).map((a) => a.number)).toEqual([null, '22', '24']);
    expect(await search('ερμου 99')).toEqual([]);
    expect(await search('12')).toEqual([]); // a number is not an address
    expect(await search('% _')).toEqual([]);
  });

  it('finds by the beginning of any word of the street, in the demo register', async () => {
    const other = await makeTenant(sut.db);
    await seedAddressesDemo(sut.db, other.id);
    await seedAddressesDemo(sut.db, other.id);
    const headers = { 'x-tenant': other.slug };
    const [venizelou] = await search('ελευθ βενιζ 12', headers);
    expect(venizelou).toMatchObject({ street: 'Ελευθερίου Βενιζέλου', number: '12', lat: 38.0161, lon: 23.7332 });
    expect((await search('βενιζ 12', headers)).map((a) => a.street)).toEqual(['Βενιζέλου', 'Ελευθερίου Βενιζέλου']);
    const n = await sut.db
      .select()
      .from(addresses)
      .where(and(eq(addresses.tenantId, other.id), eq(addresses.source, 'demo')));
    expect(n.length).toBeGreaterThan(1000);
  });

  it('never shows one municipality the addresses of another', async () => {
    const other = await makeTenant(sut.db);
    expect(await search('Οδυσσέως 7', { 'x-tenant': other.slug })).toEqual([]);
    expect((await search('Οδυσσέως 7')).length).toBe(1);
  });
});

describe('boundary check for the pickers', () => {
  it('says whether a point is inside the municipality, and which neighbour holds it', async () => {
    const admin = sut.headers({ cookie: (await makeStaffSession(sut.db, sut.tenant.id, 'admin')).cookie });
    const square = (lon: number, lat: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + 0.1, lat],
          [lon + 0.1, lat + 0.1],
          [lon, lat + 0.1],
          [lon, lat],
        ],
      ],
    });
    for (const a of [
      { kind: 'boundary', key: 'town', nameEl: 'Δήμος', nameEn: 'Town', geometry: square(23.7, 38.0) },
      { kind: 'neighbour', key: 'east', nameEl: 'Δήμος Ανατολής', nameEn: 'East Town', geometry: square(23.8, 38.0) },
    ]) {
      const r = await sut.app.inject({ method: 'PUT', url: '/api/reports/areas', headers: admin, payload: a });
      expect(r.statusCode).toBe(200);
    }
    const check = async (lat: number, lon: number) =>
      (await sut.app.inject({ method: 'GET', url: `/api/reports/boundary-check?lat=${lat}&lon=${lon}`, headers: sut.headers() })).json();
    expect(await check(38.05, 23.75)).toEqual({ inside: true, neighbour: null });
    expect(await check(38.05, 23.85)).toEqual({ inside: false, neighbour: { el: 'Δήμος Ανατολής', en: 'East Town' } });
    expect(await check(39, 22)).toEqual({ inside: false, neighbour: null });
  });
});
