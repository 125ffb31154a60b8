import ExcelJS from 'exceljs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Fastify from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  type Column,
  contentDisposition,
  csvCell,
  lineString,
  point,
  polygon,
  sendExport,
  toCsv,
  toGeoJson,
  toGpx,
  toPdfTable,
  toXlsx,
} from './index.js';

type Row = { name: string; n: number | null; at: Date | null };
const columns: Column<Row>[] = [
  { header: 'Όνομα', value: (r) => r.name },
  { header: 'Πλήθος', value: (r) => r.n },
  { header: 'Ώρα', value: (r) => r.at },
];
const rows: Row[] = [
  { name: 'Πλατεία Ηρώων', n: 3, at: new Date('2027-07-01T21:15:00Z') },
  { name: '=HYPERLINK("http://evil")', n: null, at: null },
  { name: 'γραμμή 1\nγραμμή 2, με κόμμα; και "εισαγωγικά"', n: -2, at: null },
];

describe('CSV', () => {
  it('starts with a BOM, ends lines with CRLF, quotes what needs quoting', () => {
    const csv = toCsv(rows, columns);
    expect(csv.startsWith('\uFEFFΌνομα,Πλήθος,Ώρα\r\n')).toBe(true);
    expect(csv).toContain('Πλατεία Ηρώων,3,2027-07-01T21:15:00.000Z\r\n');
    expect(csv).toContain('"γραμμή 1\nγραμμή 2, με κόμμα; και ""εισαγωγικά"""');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('neutralises text that a spreadsheet would run as a formula, but not numbers', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(toCsv(rows, columns)).toContain(`"'=HYPERLINK(""http://evil"")",,`);
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell('-2', { neutralise: false })).toBe('-2');
    expect(csvCell('plain')).toBe('plain');
  });

  it('takes ; as the separator and can leave out the BOM', () => {
    const csv = toCsv(rows.slice(0, 1), columns, { separator: ';', bom: false });
    expect(csv).toBe('Όνομα;Πλήθος;Ώρα\r\nΠλατεία Ηρώων;3;2027-07-01T21:15:00.000Z\r\n');
  });
});

describe('XLSX', () => {
  it('writes sheets with a bold frozen heading, numbers, Athens-clock dates and formula text as text', async () => {
    const buf = await toXlsx([
      { name: 'Αιτήματα/2027', rows, columns },
      { name: 'Σύνοψη', pairs: [['Σύνολο', 3]] },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Αιτήματα 2027', 'Σύνοψη']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Όνομα', 'Πλήθος', 'Ώρα']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('B2').value).toBe(3);
    expect((ws.getCell('C2').value as Date).toISOString()).toBe('2027-07-02T00:15:00.000Z');
    expect(ws.getCell('A3').value).toBe('=HYPERLINK("http://evil")');
    expect(ws.getCell('A3').formula).toBeUndefined();
    expect(wb.worksheets[1]!.getCell('B1').value).toBe(3);
  });
});

describe('PDF table', () => {
  it('lays out many rows over numbered pages with the Greek font embedded', async () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ name: `Αίτημα αριθμός ${i + 1} για την οδό Αθηνάς`, n: i, at: null }));
    const bytes = await toPdfTable({ title: 'Αναφορά αιτημάτων', subtitle: 'Ιανουάριος 2027', rows: many, columns, lang: 'el' });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(doc.getTitle()).toBe('Αναφορά αιτημάτων');
    const [w, h] = [doc.getPage(0).getWidth(), doc.getPage(0).getHeight()];
    expect(h).toBeGreaterThan(w); // 3 columns: portrait
    const plain = await doc.save({ useObjectStreams: false });
    expect(Buffer.from(plain).toString('latin1')).toMatch(/\/BaseFont \/DejaVuSans-\d+/);
  });

  it('turns wide tables to landscape and says so when there are no rows', async () => {
    const wide: Column<Row>[] = Array.from({ length: 8 }, (_, i) => ({ header: `Στήλη ${i}`, value: (r: Row) => r.name }));
    const doc = await PDFDocument.load(await toPdfTable({ title: 'Empty', rows: [], columns: wide, lang: 'en' }));
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getWidth()).toBeGreaterThan(doc.getPage(0).getHeight());
  });
});

describe('GeoJSON', () => {
  it('writes [lon, lat], closes rings and refuses coordinates out of range', () => {
    const fc = toGeoJson([
      { id: 'a', geometry: point(38.0171234567, 23.7351), properties: { name: 'Δημαρχείο' } },
      {
        geometry: lineString([
          { lat: 38, lon: 23.7 },
          { lat: 38.1, lon: 23.8 },
        ]),
        properties: {},
      },
      {
        geometry: polygon([
          { lat: 38, lon: 23.7 },
          { lat: 38.1, lon: 23.7 },
          { lat: 38.1, lon: 23.8 },
        ]),
        properties: {},
      },
      { geometry: null, properties: { unplaced: true } },
    ]);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features[0]).toEqual({
      type: 'Feature',
      id: 'a',
      geometry: { type: 'Point', coordinates: [23.7351, 38.0171235] },
      properties: { name: 'Δημαρχείο' },
    });
    const ring = (fc.features[2]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    expect(ring).toHaveLength(4);
    expect(ring[3]).toEqual(ring[0]);
    expect(() => toGeoJson([{ geometry: point(91, 0), properties: {} }])).toThrow(/latitude/);
    // GeoJSON order is taken as well
    expect(point([23.7, 38])).toEqual(point(38, 23.7));
    expect(
      lineString([
        [23.7, 38],
        [23.8, 38.1],
      ]),
    ).toEqual(
      lineString([
        { lat: 38, lon: 23.7 },
        { lat: 38.1, lon: 23.8 },
      ]),
    );
    expect(() =>
      toGeoJson([
        {
          geometry: polygon([
            { lat: 1, lon: 1 },
            { lat: 2, lon: 2 },
          ]),
          properties: {},
        },
      ]),
    ).toThrow(/three/);
  });
});

describe('GPX', () => {
  it('is well-formed GPX 1.1 with tracks, segments, times and escaped Greek names', () => {
    const gpx = toGpx(
      [
        {
          name: 'Απορριμματοφόρο <ΚΗΗ-1234> & συνεργείο',
          segments: [
            [
              { lat: 38.01, lon: 23.73, time: new Date('2027-01-10T06:00:00Z'), ele: 120 },
              { lat: 38.02, lon: 23.74, time: new Date('2027-01-10T06:01:00Z') },
            ],
            [{ lat: 38.03, lon: 23.75 }],
          ],
        },
      ],
      { name: 'Διαδρομές', time: new Date('2027-01-10T12:00:00Z'), waypoints: [{ lat: 38, lon: 23.7, name: 'Αμαξοστάσιο' }] },
    );
    expect(XMLValidator.validate(gpx)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (n) => ['trk', 'trkseg', 'trkpt', 'wpt'].includes(n),
    }).parse(gpx);
    expect(doc.gpx['@version']).toBe('1.1');
    expect(doc.gpx['@xmlns']).toBe('http://www.topografix.com/GPX/1/1');
    expect(doc.gpx.metadata.name).toBe('Διαδρομές');
    const trk = doc.gpx.trk[0];
    expect(trk.name).toBe('Απορριμματοφόρο <ΚΗΗ-1234> & συνεργείο');
    expect(trk.trkseg).toHaveLength(2);
    expect(trk.trkseg[0].trkpt[0]).toMatchObject({ '@lat': '38.01', '@lon': '23.73', ele: 120, time: '2027-01-10T06:00:00.000Z' });
    // GPX 1.1 fixes the order of a point's children: ele before time
    expect(gpx).toMatch(/<trkpt lat="38.01" lon="23.73"><ele>120<\/ele><time>/);
    expect(doc.gpx.wpt[0]).toMatchObject({ '@lat': '38', '@lon': '23.7', name: 'Αμαξοστάσιο' });
    expect(() => toGpx([{ segments: [[{ lat: 0, lon: 181 }]] }])).toThrow(/longitude/);
  });
});

describe('sending a file', () => {
  it('gives an ASCII name and an RFC 5987 UTF-8 name for Greek file names', () => {
    expect(contentDisposition('report-2027.csv')).toBe('attachment; filename="report-2027.csv"');
    const h = contentDisposition('Αναφορά Ιανουαρίου 2027.pdf', 'inline');
    expect(h).toBe(`inline; filename="Anafora Ianouariou 2027.pdf"; filename*=UTF-8''${encodeURIComponent('Αναφορά Ιανουαρίου 2027.pdf')}`);
    expect(contentDisposition('../../etc/"passwd"\r\n.csv')).toBe('attachment; filename=".._.._etc__passwd___.csv"');
  });

  it('sends each kind from a route with its content type and disposition', async () => {
    const app = Fastify();
    app.get('/csv', (_req, reply) => sendExport(reply, { kind: 'csv', fileName: 'Σχολεία.csv', body: toCsv(rows, columns) }));
    app.get('/pdf', async (_req, reply) =>
      sendExport(reply, {
        kind: 'pdf',
        fileName: 'a.pdf',
        disposition: 'inline',
        body: await toPdfTable({ title: 'T', rows, columns, lang: 'el' }),
      }),
    );
    app.get('/geo', (_req, reply) => sendExport(reply, { kind: 'geojson', fileName: 'a.geojson', body: toGeoJson([]) }));
    const csv = await app.inject('/csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="Scholeia.csv"; filename*=UTF-8''${encodeURIComponent('Σχολεία.csv')}`,
    );
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const pdf = await app.inject('/pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const geo = await app.inject('/geo');
    expect(geo.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    expect(geo.json()).toEqual({ type: 'FeatureCollection', features: [] });
    await app.close();
  });
});
