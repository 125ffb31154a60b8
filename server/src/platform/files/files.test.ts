import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeDevice, makeStaff, makeTenant, makeUser, sessionCookie } from '../../../test/factories.js';
import { startS3Imitation } from '../../../test/imitations/s3.js';
import { auditLog } from '../audit/audit.schema.js';
import { devices } from '../identity/identity.schema.js';
import { files } from './files.schema.js';
import { markFilePublic, openFile, registerFileAccess, storeUpload } from './index.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

type Part = { name: string; data: Buffer; type?: string };

/** A multipart/form-data body as a browser would send it. */
function form(parts: Part[]) {
  const boundary = `----dimos${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.name}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(parts: Part[], headers: Record<string, string> = {}, query = '') {
  const f = form(parts);
  return sut.app.inject({
    method: 'POST',
    url: `/api/files${query}`,
    payload: f.payload,
    headers: sut.headers({ 'content-type': f.contentType, 'accept-language': 'en', ...headers }),
  });
}

/** Uploads as a fresh anonymous device; returns the created file and that device's token. */
async function uploadAsNewDevice(part: Part) {
  const res = await upload([part]);
  expect(res.statusCode).toBe(201);
  return { file: res.json().files[0], token: String(res.headers['x-device-token']) };
}

const download = (id: string, headers: Record<string, string> = {}, suffix = '') =>
  sut.app.inject({ method: 'GET', url: `/api/files/${id}${suffix}`, headers: sut.headers(headers) });

const solidPng = (w: number, h: number, color = '#3366cc') =>
  sharp({ create: { width: w, height: h, channels: 3, background: color } })
    .png()
    .toBuffer();

/** A phone-like JPEG: 800×600 pixels stored sideways (orientation 6), with camera and GPS tags. */
const phoneJpeg = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: '#cc3333' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '21/1 44/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();

const minimalPdf = (body = '') =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${body} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );

/** A zip with stored (uncompressed) entries: enough for file-type to recognise an OOXML document. */
function storedZip(entries: Record<string, string>) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBuf = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const tenantFiles = (tenantId = sut.tenant.id) => sut.db.select().from(files).where(eq(files.tenantId, tenantId));
const blobDir = () => join(sut.platform.cfg.DATA_DIR, 'files');
function blobs(): string[] {
  try {
    return readdirSync(blobDir(), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

describe('uploading images', () => {
  it('re-encodes a phone photo upright, without EXIF or GPS, and makes a WebP thumbnail', async () => {
    const original = await phoneJpeg();
    const before = await sharp(original).metadata();
    expect(before.orientation).toBe(6);
    expect(exifReader(before.exif as Buffer).GPSInfo?.GPSLatitude).toEqual([38, 15, 0]);

    const { file, token } = await uploadAsNewDevice({ name: 'Λακκούβα στην οδό.jpeg', data: original, type: 'image/jpeg' });
    expect(file).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 600, height: 800, name: 'Λακκούβα στην οδό.jpg' });
    expect(file.thumbUrl).toBe(`/api/files/${file.id}/thumb`);

    const res = await download(file.id, { 'x-device-token': token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Λακκούβα στην οδό.jpg')}`);
    const stored = await sharp(res.rawPayload).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect([stored.width, stored.height]).toEqual([600, 800]);
    expect(res.rawPayload.includes(Buffer.from('PhoneMaker'))).toBe(false);

    const thumb = await download(file.id, { 'x-device-token': token }, '/thumb');
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const tm = await sharp(thumb.rawPayload).metadata();
    expect(tm.format).toBe('webp');
    expect(Math.max(tm.width ?? 0, tm.height ?? 0)).toBe(400);

    const [row] = await sut.db.select().from(files).where(eq(files.id, file.id));
    expect(row?.thumbSha256).toMatch(/^[a-f0-9]{64}$/);
    expect(row?.ownerDeviceId).toBeTruthy();
  });

  it('scales huge images down to 4096 px and keeps PNG as PNG', async () => {
    const { file } = await uploadAsNewDevice({ name: 'map.png', data: await solidPng(5000, 1000) });
    expect(file).toMatchObject({ mime: 'image/png', width: 4096, height: 819 });
  });

  it('keeps a GIF a GIF, and refuses HEIC that this build of sharp cannot decode', async () => {
    const gif = await sharp({ create: { width: 16, height: 16, channels: 4, background: '#ff0000' } })
      .gif()
      .toBuffer();
    const { file } = await uploadAsNewDevice({ name: 'anim.gif', data: gif });
    expect(file).toMatchObject({ mime: 'image/gif', width: 16, height: 16 });

    const heic = Buffer.alloc(4096);
    heic.writeUInt32BE(24, 0);
    heic.write('ftypheic\0\0\0\0mif1heic', 4, 'latin1');
    const res = await upload([{ name: 'IMG_0001.HEIC', data: heic }]);
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toContain('image/heic');
  });

  it('stores identical bytes once, with a row per upload', async () => {
    const png = await solidPng(50, 50, '#123456');
    const a = await uploadAsNewDevice({ name: 'a.png', data: png });
    const blobsAfterFirst = blobs().length;
    const b = await uploadAsNewDevice({ name: 'b.png', data: png });
    expect(a.file.id).not.toBe(b.file.id);
    const rows = await sut.db.select().from(files).where(eq(files.id, b.file.id));
    const [first] = await sut.db.select().from(files).where(eq(files.id, a.file.id));
    expect(rows[0]?.sha256).toBe(first?.sha256);
    expect(blobs().length).toBe(blobsAfterFirst);
    expect(blobs().filter((n) => n === first?.sha256)).toHaveLength(1);
  });

  it('takes several files in one request, and refuses more than 10', async () => {
    const png = await solidPng(20, 20);
    const ok = await upload([
      { name: 'one.png', data: png },
      { name: 'two.pdf', data: minimalPdf() },
    ]);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().files.map((f: { kind: string }) => f.kind)).toEqual(['image', 'document']);

    const before = (await tenantFiles()).length;
    const many = await upload(Array.from({ length: 11 }, (_, i) => ({ name: `p${i}.png`, data: png })));
    expect(many.statusCode).toBe(400);
    expect(many.json()).toMatchObject({ code: 'files.too_many', message: 'You can send at most 10 files at a time.' });
    expect((await tenantFiles()).length).toBe(before);
  });

  it('lets only staff upload public files', async () => {
    const png = await solidPng(10, 10);
    const citizen = await upload([{ name: 'x.png', data: png }], {}, '?visibility=public');
    expect(citizen.statusCode).toBe(403);
    const staff = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const res = await upload([{ name: 'x.png', data: png }], { cookie: await sessionCookie(sut.db, staff) }, '?visibility=public');
    expect(res.statusCode).toBe(201);
    expect(res.json().files[0].visibility).toBe('public');
    const trail = await sut.db.select().from(auditLog).where(eq(auditLog.entityId, res.json().files[0].id));
    expect(trail).toMatchObject([{ action: 'files.upload', actorUserId: staff.id }]);
  });

  it('refuses a request without a file, and a JSON body', async () => {
    const empty = await upload([]);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('files.required');
    const json = await sut.app.inject({ method: 'POST', url: '/api/files', payload: { a: 1 }, headers: sut.headers() });
    expect(json.statusCode).toBe(415);
  });
});

describe('refusing what is not what it claims to be', () => {
  const elf = () => {
    const b = Buffer.alloc(256);
    b.write('\x7fELF', 0, 'latin1');
    b[4] = 2;
    b[5] = 1;
    b[6] = 1;
    return b;
  };
  const pe = () => {
    const b = Buffer.alloc(512);
    b.write('MZ', 0, 'latin1');
    b.writeUInt32LE(128, 0x3c);
    b.write('PE\0\0', 128, 'latin1');
    return b;
  };

  it.each([
    ['an ELF executable named photo.jpg', 'photo.jpg', elf(), 'application/x-elf'],
    ['a Windows executable named invoice.pdf', 'invoice.pdf', pe(), 'application/x-msdownload'],
    ['a shell script named photo.jpg', 'photo.jpg', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'text/x-script'],
    [
      'an SVG with a script',
      'logo.svg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'),
      'image/svg+xml',
    ],
    ['an HTML page named notes.txt', 'notes.txt', Buffer.from('<!DOCTYPE html><html><script>x()</script></html>'), 'text/html'],
    ['random binary', 'data.bin', randomBytes(5000), 'application/octet-stream'],
    ['a plain zip', 'docs.zip', storedZip({ 'a.txt': 'hello' }), 'application/zip'],
  ])('refuses %s with 415 naming the detected type, storing nothing', async (_what, name, data, detected) => {
    const before = (await tenantFiles()).length;
    const res = await upload([{ name, data, type: 'image/jpeg' }]);
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('files.type_not_allowed');
    expect(res.json().message).toContain(detected);
    expect((await tenantFiles()).length).toBe(before);
  });

  it('refuses an image where only documents are asked for', async () => {
    const res = await upload([{ name: 'x.png', data: await solidPng(10, 10) }], {}, '?kinds=document');
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toContain('image/png');
  });

  it.each([
    ['an OpenAction with /JavaScript', minimalPdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>')],
    ['a name hidden with # escapes', minimalPdf('/OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>')],
    [
      'JavaScript inside a compressed object stream',
      Buffer.concat([
        Buffer.from('%PDF-1.5\n3 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n', 'latin1'),
        deflateSync(Buffer.from('<< /S /JavaScript /JS (app.launchURL("http://evil")) >>')),
        Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
      ]),
    ],
  ])('refuses a PDF with %s', async (_what, data) => {
    const res = await upload([{ name: 'form.pdf', data }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('files.unsafe_content');
  });

  it('accepts a plain PDF, UTF-8 text and a DOCX, named after what they are', async () => {
    const pdf = await upload([{ name: 'αίτηση', data: minimalPdf() }]);
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json().files[0]).toMatchObject({ kind: 'document', mime: 'application/pdf', name: 'αίτηση.pdf', thumbUrl: null });

    // page content that merely shows the text "/JavaScript" is not an action
    const content = Buffer.concat([
      minimalPdf(),
      Buffer.from('4 0 obj\n<< /Filter /FlateDecode >>\nstream\n', 'latin1'),
      deflateSync(Buffer.from('BT (/JavaScript) Tj ET')),
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]);
    expect((await upload([{ name: 'guide.pdf', data: content }])).statusCode).toBe(201);

    const txt = await upload([{ name: 'σημείωση.txt', data: Buffer.from('Καλημέρα, η λάμπα είναι σβηστή.\n') }]);
    expect(txt.json().files[0]).toMatchObject({ kind: 'document', mime: 'text/plain; charset=utf-8' });

    const docx = storedZip({
      '[Content_Types].xml':
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      'word/document.xml': '<w:document/>',
    });
    const doc = await upload([{ name: 'report.pdf', data: docx }]);
    expect(doc.statusCode).toBe(201);
    expect(doc.json().files[0]).toMatchObject({
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      name: 'report.docx',
    });
    const dl = await download(doc.json().files[0].id, { 'x-device-token': String(doc.headers['x-device-token']) });
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="report.docx"/);

    const wav = Buffer.alloc(44 + 800, 128);
    wav.write('RIFF', 0, 'latin1');
    wav.writeUInt32LE(36 + 800, 4);
    wav.write('WAVEfmt ', 8, 'latin1');
    wav.writeUInt32LE(16, 16);
    wav.writeUInt16LE(1, 20);
    wav.writeUInt16LE(1, 22);
    wav.writeUInt32LE(8000, 24);
    wav.writeUInt32LE(8000, 28);
    wav.writeUInt16LE(1, 32);
    wav.writeUInt16LE(8, 34);
    wav.write('data', 36, 'latin1');
    wav.writeUInt32LE(800, 40);
    const audio = await upload([{ name: 'μήνυμα.mp3', data: wav }]);
    expect(audio.json().files[0]).toMatchObject({ kind: 'audio', mime: 'audio/wav', name: 'μήνυμα.wav' });
  });
});

describe('size limits', () => {
  it('cuts an over-size image off at 15 MB with 413, storing nothing', async () => {
    const header = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    const big = Buffer.concat([header, Buffer.alloc(16 * 1024 * 1024, 1)]);
    const rowsBefore = (await tenantFiles()).length;
    const blobsBefore = blobs().length;
    const res = await upload([{ name: 'huge.jpg', data: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'http.payload_too_large', fields: [{ field: 'file', code: 'files.too_large' }] });
    expect(res.json().fields[0].message).toContain('15 MB');
    expect((await tenantFiles()).length).toBe(rowsBefore);
    expect(blobs().length).toBe(blobsBefore);
  });

  it('lets FILES_MAX_MB lower every limit', async () => {
    const platform = { ...sut.platform, cfg: { ...sut.platform.cfg, FILES_MAX_MB: 0.01 } };
    await expect(
      storeUpload(platform, {
        tenantId: sut.tenant.id,
        buffer: minimalPdf(`/Padding (${'x'.repeat(20_000)})`),
        filename: 'big.pdf',
        allowedKinds: ['document'],
        owner: {},
      }),
    ).rejects.toMatchObject({ code: 'http.payload_too_large', status: 413 });
  });
});

describe('who may download', () => {
  it('follows the access matrix for a private file', async () => {
    const png = await solidPng(30, 30, '#00aa00');
    const owner = await uploadAsNewDevice({ name: 'mine.png', data: png });
    const other = await makeDevice(sut.db, sut.tenant.id);
    const unit = null;
    const employee = await makeStaff(sut.db, sut.tenant.id, 'employee', unit);
    const council = await makeStaff(sut.db, sut.tenant.id, 'council', unit);
    const otherTenant = await makeTenant(sut.db);
    const otherAdmin = await makeStaff(sut.db, otherTenant.id, 'admin');

    const status = async (headers: Record<string, string>) => (await download(owner.file.id, headers)).statusCode;
    expect(await status({ 'x-device-token': owner.token })).toBe(200);
    expect(await status({ 'x-device-token': other.token })).toBe(404);
    expect(await status({})).toBe(404);
    expect(await status({ cookie: await sessionCookie(sut.db, employee) })).toBe(200);
    expect(await status({ cookie: await sessionCookie(sut.db, council) })).toBe(404);
    const foreign = await sut.app.inject({
      method: 'GET',
      url: `/api/files/${owner.file.id}`,
      headers: { 'x-tenant': otherTenant.slug, cookie: await sessionCookie(sut.db, otherAdmin) },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('files.not_found');
    expect((await download(owner.file.id, { 'x-device-token': other.token }, '/thumb')).statusCode).toBe(404);

    // made public (e.g. after moderation): anyone in the tenant, still nobody outside it
    expect(await markFilePublic(sut.db, sut.tenant.id, owner.file.id)).toBe(true);
    const pub = await download(owner.file.id);
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['cache-control']).toContain('public');
    const foreignPublic = await sut.app.inject({
      method: 'GET',
      url: `/api/files/${owner.file.id}`,
      headers: { 'x-tenant': otherTenant.slug },
    });
    expect(foreignPublic.statusCode).toBe(404);
  });

  it("lets a user read files from any of their devices and their session, and a device's earlier uploads once it signs in", async () => {
    const citizen = await makeUser(sut.db, sut.tenant.id, { kind: 'citizen' });
    const phone = await makeDevice(sut.db, sut.tenant.id, citizen.id);
    const tablet = await makeDevice(sut.db, sut.tenant.id, citizen.id);
    const res = await upload([{ name: 'p.png', data: await solidPng(12, 12) }], { 'x-device-token': phone.token });
    const id = res.json().files[0].id;
    expect((await download(id, { 'x-device-token': tablet.token })).statusCode).toBe(200);
    expect((await download(id, { cookie: await sessionCookie(sut.db, citizen) })).statusCode).toBe(200);

    // anonymous upload first, then the phone is linked to an account
    const anon = await uploadAsNewDevice({ name: 'q.png', data: await solidPng(13, 13) });
    const later = await makeUser(sut.db, sut.tenant.id, { kind: 'citizen' });
    const cookie = await sessionCookie(sut.db, later);
    expect((await download(anon.file.id, { cookie })).statusCode).toBe(404);
    const [row] = await sut.db.select().from(files).where(eq(files.id, anon.file.id));
    await sut.db
      .update(devices)
      .set({ userId: later.id })
      .where(eq(devices.id, row?.ownerDeviceId as string));
    expect((await download(anon.file.id, { cookie })).statusCode).toBe(200);
  });

  it('lets a module grant access through registerFileAccess', async () => {
    const { file } = await uploadAsNewDevice({ name: 'attached.png', data: await solidPng(14, 14) });
    const reader = await makeDevice(sut.db, sut.tenant.id);
    expect((await download(file.id, { 'x-device-token': reader.token })).statusCode).toBe(404);
    const grant = async (actor: { kind: string }, fileId: string) =>
      actor.kind === 'device' && 'deviceId' in actor && actor.deviceId === reader.id && fileId === file.id;
    registerFileAccess(grant, { name: 'test.attachments' });
    expect((await download(file.id, { 'x-device-token': reader.token })).statusCode).toBe(200);
  });

  it('lets modules open a file of their tenant only', async () => {
    const { file } = await uploadAsNewDevice({ name: 'svc.pdf', data: minimalPdf() });
    const opened = await openFile(sut.platform, sut.tenant.id, file.id);
    const chunks: Buffer[] = [];
    for await (const c of opened.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 8).toString()).toBe('%PDF-1.4');
    const elsewhere = await makeTenant(sut.db);
    await expect(openFile(sut.platform, elsewhere.id, file.id)).rejects.toMatchObject({ code: 'files.not_found', status: 404 });
  });

  it('documents the routes in OpenAPI under the files tag', async () => {
    const spec = (await sut.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.paths['/api/files'].post.tags).toEqual(['files']);
    expect(spec.paths['/api/files/{id}'].get).toBeDefined();
    expect(spec.paths['/api/files/{id}/thumb'].get).toBeDefined();
  });

  it('answers ETag revalidation with 304 and Range requests with 206', async () => {
    const { file, token } = await uploadAsNewDevice({ name: 'r.pdf', data: minimalPdf() });
    const full = await download(file.id, { 'x-device-token': token });
    const etag = String(full.headers.etag);
    expect(etag).toMatch(/^"[a-f0-9]{64}"$/);
    expect(full.headers['cache-control']).toBe('private, no-cache');
    expect(full.headers['content-length']).toBe(String(file.size));
    expect((await download(file.id, { 'x-device-token': token, 'if-none-match': etag })).statusCode).toBe(304);
    const part = await download(file.id, { 'x-device-token': token, range: 'bytes=0-7' });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('%PDF-1.4');
    expect(part.headers['content-range']).toBe(`bytes 0-7/${file.size}`);
    const bad = await download(file.id, { 'x-device-token': token, range: `bytes=${file.size + 10}-` });
    expect(bad.statusCode).toBe(416);
  });
});

describe('S3-compatible storage', () => {
  it('stores uploads in the bucket and serves them back when FILES_S3_* is set', async () => {
    const creds = { accessKey: 'AKIADIMOS', secretKey: 's3cr3t-for-tests', region: 'eu-central-1', bucket: 'uploads' };
    const s3 = await startS3Imitation(creds);
    const app = await createTestApp({
      FILES_S3_ENDPOINT: s3.endpoint,
      FILES_S3_REGION: creds.region,
      FILES_S3_BUCKET: creds.bucket,
      FILES_S3_ACCESS_KEY: creds.accessKey,
      FILES_S3_SECRET_KEY: creds.secretKey,
    });
    try {
      expect(app.platform.files.kind).toBe('s3');
      const f = form([{ name: 's3.png', data: await solidPng(40, 40, '#abcdef') }]);
      const res = await app.app.inject({
        method: 'POST',
        url: '/api/files',
        payload: f.payload,
        headers: app.headers({ 'content-type': f.contentType }),
      });
      expect(res.statusCode).toBe(201);
      const [row] = await app.db.select().from(files).where(eq(files.id, res.json().files[0].id));
      const sha = row?.sha256 as string;
      expect(s3.objects.get(`${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`)?.contentType).toBe('image/png');
      expect(s3.requests.some((r) => r.error === 'SignatureDoesNotMatch')).toBe(false);
      const dl = await app.app.inject({
        method: 'GET',
        url: `/api/files/${row?.id}`,
        headers: app.headers({ 'x-device-token': String(res.headers['x-device-token']) }),
      });
      expect(dl.statusCode).toBe(200);
      expect((await sharp(dl.rawPayload).metadata()).width).toBe(40);
    } finally {
      await app.close();
      await s3.close();
    }
  });
});
