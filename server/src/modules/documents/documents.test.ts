import { createHash, createPrivateKey, sign as cryptoSign } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeDevice, makeStaff, makeStaffSession, makeUnit, makeUser, sessionCookie } from '../../../test/factories.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { rows } from '../../platform/db/database.js';
import { createCaseType, ensureDefaultWorkflows } from '../cases/index.js';
import { normalizeCode } from './codes.js';
import { generateTestP12 } from './credentials.service.js';
import { onCaseTransitioned, templateDataOf } from './index.js';
import { issueDocument, type TIssuedDocument } from './issue.service.js';
import { checkPdfSignature, derElement, signPades } from './pades.js';
import { documents, signingCredentials } from './schema.js';
import { wrapP12 } from './signer.js';

let sut: TestApp;
let citizen: Awaited<ReturnType<typeof makeUser>>;
let doc: TIssuedDocument;
let pdf: Buffer;

async function download(fileId: string, headers: Record<string, string>) {
  return sut.app.inject({ method: 'GET', url: `/api/files/${fileId}`, headers: sut.headers(headers) });
}

beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['cases', 'notify', 'documents'] });
  citizen = await makeUser(sut.db, sut.tenant.id, { kind: 'citizen', givenName: 'Μαρία', familyName: 'Παπαδοπούλου' });
  doc = await issueDocument(sut.platform, undefined, {
    tenantId: sut.tenant.id,
    templateKey: 'residence',
    protocolNumber: '1234/2026',
    recipient: { userId: citizen.id },
    data: {
      fullName: 'Μαρία Παπαδοπούλου',
      fatherName: 'Γεωργίου',
      afm: '123456789',
      address: 'Ερμού 12, Αθήνα',
      since: '2015',
      purpose: 'Κάθε νόμιμη χρήση',
    },
    lang: 'el',
    signer: { kind: 'tenant' },
  });
  const res = await download(doc.fileId, { cookie: await sessionCookie(sut.db, citizen) });
  expect(res.statusCode).toBe(200);
  pdf = res.rawPayload;
}, 120_000);

afterAll(async () => {
  await sut?.close();
});

function flip(bytes: Buffer, at: number) {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
}

describe('issued PDF and its PAdES signature', () => {
  it('is stored with the sha256 of the signed bytes and a typable code', () => {
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(doc.sha256);
    expect(doc.codeFormatted).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{2}$/);
    expect(normalizeCode(doc.codeFormatted.toLowerCase().replace(/-/g, ' '))).toBe(doc.code);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('has a ByteRange covering the whole file except exactly the /Contents hex string', () => {
    const check = checkPdfSignature(pdf);
    const [s0, a, b, c] = check.byteRange as number[];
    expect(s0).toBe(0);
    expect((b as number) + (c as number)).toBe(pdf.length);
    expect(String.fromCharCode(pdf[a as number] as number)).toBe('<');
    expect(String.fromCharCode(pdf[(b as number) - 1] as number)).toBe('>');
    expect(pdf.subarray((a as number) + 1, (b as number) - 1).toString('latin1')).toMatch(/^[0-9a-f]+$/i);
    // The /Contents key sits right before the excluded gap.
    expect(pdf.subarray((a as number) - 12, a as number).toString('latin1')).toContain('/Contents');
    expect(check.subFilter).toBe('ETSI.CAdES.detached');
    expect(check.coversWholeFile).toBe(true);
    expect(check.intact).toBe(true);
    expect(check.signerSubject).toContain('(δοκιμαστικό)');
  });

  it('embeds a CMS with SHA-256 and the signing-certificate-v2 attribute, verifiable independently', () => {
    const [, a, b] = checkPdfSignature(pdf).byteRange as number[];
    const hex = pdf.subarray((a as number) + 1, (b as number) - 1).toString('latin1');
    const cms = forge.asn1.fromDer(forge.util.createBuffer(derElement(Buffer.from(hex, 'hex')).toString('binary')));
    const derHex = forge.util.bytesToHex(forge.asn1.toDer(cms).getBytes());
    expect(derHex).toContain(forge.util.bytesToHex(forge.asn1.oidToDer('1.2.840.113549.1.9.16.2.47').getBytes()));
    expect(derHex).toContain(forge.util.bytesToHex(forge.asn1.oidToDer('2.16.840.1.101.3.4.2.1').getBytes()));
    // No CMS signing-time: PAdES puts the time in /M.
    expect(derHex).not.toContain(forge.util.bytesToHex(forge.asn1.oidToDer('1.2.840.113549.1.9.5').getBytes()));
    expect(pdf.toString('latin1')).toMatch(/\/M \(D:\d{14}/);
  });

  it('breaks when any byte outside /Contents changes: header, middle, end', () => {
    const [, a, b] = checkPdfSignature(pdf).byteRange as number[];
    const positions = [1, 7, Math.floor((a as number) / 2), (a as number) - 1, (b as number) + 1, pdf.length - 10, pdf.length - 1];
    for (const at of positions) {
      const check = checkPdfSignature(flip(pdf, at));
      expect(check.intact, `byte ${at}`).toBe(false);
    }
    // /Contents is outside the ByteRange by design, but changing the CMS's signature value breaks it too.
    const cmsHex = pdf.subarray((a as number) + 1, (b as number) - 1).toString('latin1');
    const cmsHexEnd = derElement(Buffer.from(cmsHex, 'hex')).length * 2;
    expect(checkPdfSignature(flip(pdf, (a as number) + cmsHexEnd - 20)).intact).toBe(false);
  });

  it('stays intact when the signature value itself ends in zero bytes, like the padding after it', async () => {
    const { key, chain } = generateTestP12('Μηδενικά (δοκιμαστικό)', 'Δήμος');
    const keyObject = createPrivateKey(forge.pki.privateKeyToPem(key));
    const blank = await PDFDocument.create();
    blank.addPage();
    const bytes = await blank.save();
    // RSA PKCS#1 v1.5 is deterministic: vary the reason until the signature's last byte is 0x00 (1 in 256).
    for (let attempt = 0; attempt < 3000; attempt++) {
      let last = -1;
      const signed = await signPades(
        bytes,
        { name: 'Δοκιμή', reason: `Δοκιμή ${attempt}`, location: 'Αθήνα', contactInfo: '', signingTime: new Date(0) },
        {
          chain,
          signAttributes: async (attrs) => {
            const signature = cryptoSign('sha256', attrs, keyObject);
            last = signature[signature.length - 1] as number;
            return signature;
          },
        },
      );
      if (last !== 0) continue;
      expect(checkPdfSignature(signed).intact).toBe(true);
      return;
    }
    throw new Error('no signature ending in 0x00 within 3000 attempts');
  }, 60_000);

  it('embeds the Greek font and shows the Greek text as glyphs', () => {
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/FontFile2/);
    expect(text).toMatch(/DejaVuSans/);
    // pdf-lib writes a ToUnicode CMap per font; the Greek words must map to their glyphs.
    const cmaps = [...text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)]
      .map((m) => Buffer.from(m[1] as string, 'latin1'))
      .map((raw) => {
        try {
          return inflateSync(raw).toString('latin1');
        } catch {
          return raw.toString('latin1');
        }
      })
      .filter((s) => s.includes('beginbfchar') || s.includes('beginbfrange'))
      .join('\n');
    const codepoints = (word: string) => [...word].map((ch) => (ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0'));
    for (const cp of codepoints('ΒεβαίωσηΚατοικία')) expect(cmaps.toUpperCase()).toContain(`<${cp}>`);
  });
});

describe('verification routes', () => {
  it('shows issuer, title, protocol number, signer by code (any spelling)', async () => {
    const res = await sut.app.inject({
      method: 'GET',
      url: `/api/documents/verify/${doc.codeFormatted.toLowerCase()}`,
      headers: sut.headers(),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ protocolNumber: '1234/2026', title: { el: 'Βεβαίωση μόνιμης κατοικίας' }, revoked: null });
    expect(body.issuer.el).toBe(sut.tenant.nameEl);
    expect(body.signerName).toContain('(δοκιμαστικό)');
    const missing = await sut.app.inject({ method: 'GET', url: '/api/documents/verify/AAAA-AAAA-AA', headers: sut.headers() });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('document.not_found');
  });

  it('says the issued file matches and its signature is intact (raw PDF body)', async () => {
    const res = await sut.app.inject({
      method: 'POST',
      url: `/api/documents/verify/${doc.codeFormatted}/file`,
      headers: sut.headers({ 'content-type': 'application/pdf' }),
      payload: pdf,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ matches: true, valid: true, signature: { present: true, coversWholeFile: true, intact: true } });
  });

  it('says a changed file does not match and its signature is broken (multipart)', async () => {
    const changed = flip(pdf, Math.floor(pdf.length / 3));
    const boundary = '----dimosdoc';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="doc.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      changed,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await sut.app.inject({
      method: 'POST',
      url: `/api/documents/verify/${doc.codeFormatted}/file`,
      headers: sut.headers({ 'content-type': `multipart/form-data; boundary=${boundary}` }),
      payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ matches: false, valid: false, signature: { intact: false } });
  });

  it('asks for the file when none is sent', async () => {
    const res = await sut.app.inject({
      method: 'POST',
      url: `/api/documents/verify/${doc.codeFormatted}/file`,
      headers: sut.headers({ 'content-type': 'application/pdf' }),
      payload: Buffer.alloc(0),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'file', code: 'document.file_required' });
  });

  it('revokes with a reason (head of unit, audited); the verification page shows it', async () => {
    const other = await issueDocument(sut.platform, undefined, {
      tenantId: sut.tenant.id,
      templateKey: 'generic',
      protocolNumber: '77/2026',
      recipient: { userId: citizen.id },
      data: { text: 'Βεβαιώνεται ότι η αίτηση παραλήφθηκε.' },
      signer: { kind: 'tenant' },
    });
    const employee = await makeStaffSession(sut.db, sut.tenant.id, 'employee');
    const denied = await sut.app.inject({
      method: 'POST',
      url: `/api/documents/${other.id}/revoke`,
      headers: sut.headers({ cookie: employee.cookie }),
      payload: { reason: 'Λάθος στοιχεία' },
    });
    expect(denied.statusCode).toBe(403);
    const head = await makeStaffSession(sut.db, sut.tenant.id, 'head');
    const bad = await sut.app.inject({
      method: 'POST',
      url: `/api/documents/${other.id}/revoke`,
      headers: sut.headers({ cookie: head.cookie }),
      payload: {},
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('reason');
    const ok = await sut.app.inject({
      method: 'POST',
      url: `/api/documents/${other.id}/revoke`,
      headers: sut.headers({ cookie: head.cookie }),
      payload: { reason: 'Λάθος στοιχεία' },
    });
    expect(ok.statusCode).toBe(200);
    const again = await sut.app.inject({
      method: 'POST',
      url: `/api/documents/${other.id}/revoke`,
      headers: sut.headers({ cookie: head.cookie }),
      payload: { reason: 'Λάθος στοιχεία' },
    });
    expect(again.statusCode).toBe(409);
    const shown = await sut.app.inject({ method: 'GET', url: `/api/documents/verify/${other.codeFormatted}`, headers: sut.headers() });
    expect(shown.json().revoked).toMatchObject({ reason: 'Λάθος στοιχεία' });
    const file = await download(other.fileId, { cookie: await sessionCookie(sut.db, citizen) });
    const checked = await sut.app.inject({
      method: 'POST',
      url: `/api/documents/verify/${other.codeFormatted}/file`,
      headers: sut.headers({ 'content-type': 'application/pdf' }),
      payload: file.rawPayload,
    });
    expect(checked.json()).toMatchObject({ matches: true, valid: false, signature: { intact: true } });
    const audits = await sut.db.select().from(auditLog).where(eq(auditLog.entityId, other.id));
    expect(audits.map((a) => a.action)).toContain('documents.revoke');
  });
});

describe('delivery and access', () => {
  it('lets the recipient download and list it, and nobody else', async () => {
    const mine = await sut.app.inject({
      method: 'GET',
      url: '/api/my/documents',
      headers: sut.headers({ cookie: await sessionCookie(sut.db, citizen) }),
    });
    expect(mine.json().map((d: { id: string }) => d.id)).toContain(doc.id);
    const stranger = await makeDevice(sut.db, sut.tenant.id);
    const res = await download(doc.fileId, { 'x-device-token': stranger.token });
    expect(res.statusCode).toBe(404);
    const otherCitizen = await makeUser(sut.db, sut.tenant.id, { kind: 'citizen' });
    expect((await download(doc.fileId, { cookie: await sessionCookie(sut.db, otherCitizen) })).statusCode).toBe(404);
  });

  it('a document issued to an anonymous device is readable from that device only', async () => {
    const device = await makeDevice(sut.db, sut.tenant.id);
    const issued = await issueDocument(sut.platform, undefined, {
      tenantId: sut.tenant.id,
      templateKey: 'birth',
      protocolNumber: '88/2026',
      recipient: { deviceId: device.id },
      data: { fullName: 'Νίκος Αντωνίου', fatherName: 'Αντώνιος', motherName: 'Ελένη', birthDate: '1/2/1990', birthPlace: 'Πάτρα' },
      signer: { kind: 'tenant' },
    });
    expect((await download(issued.fileId, { 'x-device-token': device.token })).statusCode).toBe(200);
    const other = await makeDevice(sut.db, sut.tenant.id);
    expect((await download(issued.fileId, { 'x-device-token': other.token })).statusCode).toBe(404);
  });

  it('emits document.issued and puts a message in the in-app inbox', async () => {
    const events = rows<{ payload: { code: string; fileId: string } }>(
      await sut.db.execute(sql`select payload from outbox_events where type = 'document.issued' and payload->>'documentId' = ${doc.id}`),
    );
    expect(events[0]?.payload).toMatchObject({ code: doc.codeFormatted, fileId: doc.fileId });
    const msgs = rows(await sut.db.execute(sql`select id from notify_messages where dedupe_key = ${`document.issued:${doc.id}`}`));
    expect(msgs.length).toBe(1);
  });

  it("issues what the case type promises when staff approve, filled from the form, into the citizen's documents", async () => {
    await ensureDefaultWorkflows(sut.db, sut.tenant.id);
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const type = await createCaseType(sut.db, sut.tenant.id, {
      key: 'residence-approval',
      group: 'certificates',
      icon: null,
      active: true,
      snapshot: {
        nameEl: 'Βεβαίωση μόνιμης κατοικίας',
        nameEn: 'Certificate of permanent residence',
        form: {
          fields: [
            { id: 'applicant', kind: 'person', label: { el: 'Αιτών', en: 'Applicant' }, required: true, requireAfm: true },
            { id: 'purpose', kind: 'text', label: { el: 'Σκοπός', en: 'Purpose' }, required: true, maxLength: 200 },
          ],
        },
        requiredDocuments: [],
        defaultUnitId: unit.id,
        routing: [],
        workflowKey: 'applications',
        slaDays: 5,
        fee: null,
        issuedDocument: { templateKey: 'residence' },
        public: true,
        anonymousAllowed: false,
        locationRequired: false,
      },
    });
    const applicant = await makeUser(sut.db, sut.tenant.id, { kind: 'citizen', emailVerifiedAt: new Date() });
    const cookie = await sessionCookie(sut.db, applicant);
    const filed = await sut.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: sut.headers({ cookie }),
      payload: {
        caseType: type.key,
        data: {
          applicant: { surname: 'Νικολάου', name: 'Ελένη', fatherName: 'Πέτρου', motherName: 'Άννας', afm: '090000045' },
          purpose: 'Εγγραφή σε σχολείο',
        },
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const caseId = filed.json().id as string;
    const staffCookie = await sessionCookie(sut.db, await makeStaff(sut.db, sut.tenant.id, 'admin', null));
    for (const transition of ['start_review', 'approve']) {
      const r = await sut.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/transition`,
        headers: sut.headers({ cookie: staffCookie }),
        payload: { transition },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    await sut.platform.jobs.drain();
    const [issued] = await sut.db.select().from(documents).where(eq(documents.caseId, caseId));
    expect(issued).toBeDefined();
    const mine = await sut.app.inject({ method: 'GET', url: '/api/my/documents', headers: sut.headers({ cookie }) });
    expect(mine.json().map((d: { id: string }) => d.id)).toContain(issued?.id);
    const file = await download(issued?.fileId as string, { cookie });
    expect(checkPdfSignature(file.rawPayload).intact).toBe(true);
    expect(issued).toMatchObject({ templateKey: 'residence', protocolNumber: filed.json().protocolNumber, recipientUserId: applicant.id });
    const verified = await sut.app.inject({ method: 'GET', url: `/api/documents/verify/${issued?.code}`, headers: sut.headers() });
    expect(verified.statusCode).toBe(200);
  });

  it('fills the template from the form: person parts at the top level with a full name, plain fields by id', () => {
    expect(
      templateDataOf({
        applicant: { surname: 'Νικολάου', name: 'Ελένη', fatherName: 'Πέτρου', afm: '090000045' },
        purpose: 'Εγγραφή σε σχολείο',
        copies: 2,
        agree: true,
        place: { lat: 38, lon: 23 },
      }),
    ).toEqual({
      surname: 'Νικολάου',
      name: 'Ελένη',
      fatherName: 'Πέτρου',
      afm: '090000045',
      fullName: 'Ελένη Νικολάου',
      purpose: 'Εγγραφή σε σχολείο',
      copies: 2,
    });
  });

  it('fills it for the person concerned when someone applied on their behalf, whatever the field order', () => {
    const answers = {
      applicant: { surname: 'Νικολάου', name: 'Ελένη' },
      onBehalf: true,
      subject: { surname: 'Νικολάου', name: 'Πέτρος', fatherName: 'Γεώργιος' },
    };
    expect(templateDataOf(answers)).toMatchObject({ name: 'Πέτρος', fullName: 'Πέτρος Νικολάου', fatherName: 'Γεώργιος' });
    expect(templateDataOf({ applicant: answers.applicant, other: { surname: 'Άλλος', name: 'Κάποιος' } }).fullName).toBe('Ελένη Νικολάου');
  });

  it('issues the document of a resolved case from case.transitioned, once', async () => {
    const event = {
      id: '00000000-0000-4000-8000-0000000000e1',
      tenantId: sut.tenant.id,
      type: 'case.transitioned',
      createdAt: new Date(),
      payload: {
        caseId: '00000000-0000-4000-8000-0000000000c1',
        category: 'resolved',
        protocolNumber: '321/2026',
        citizenUserId: citizen.id,
        deviceId: null,
        issuedDocument: { templateKey: 'birth', data: { fullName: 'Μαρία Παπαδοπούλου' } },
      },
    };
    const first = await onCaseTransitioned(sut.platform, event);
    const again = await onCaseTransitioned(sut.platform, event);
    expect(first?.protocolNumber).toBe('321/2026');
    expect(again?.id).toBe(first?.id);
    expect(await onCaseTransitioned(sut.platform, { ...event, payload: { ...event.payload, category: 'in_progress' } })).toBeNull();
    expect(await onCaseTransitioned(sut.platform, { ...event, payload: { ...event.payload, issuedDocument: undefined } })).toBeNull();
  });

  it('issuing twice for the same case gives back the first document', async () => {
    const input = {
      tenantId: sut.tenant.id,
      templateKey: 'generic',
      caseId: '00000000-0000-4000-8000-000000000001',
      protocolNumber: '90/2026',
      recipient: { userId: citizen.id },
      data: { text: 'Κείμενο' },
      signer: { kind: 'tenant' as const },
    };
    const first = await issueDocument(sut.platform, undefined, input);
    const second = await issueDocument(sut.platform, undefined, input);
    expect(second.id).toBe(first.id);
  });

  it('refuses an unknown template naming the field, and writes nothing', async () => {
    const before = (await sut.db.select().from(documents)).length;
    await expect(
      issueDocument(sut.platform, undefined, {
        tenantId: sut.tenant.id,
        templateKey: 'nope',
        protocolNumber: '1/2026',
        recipient: { userId: citizen.id },
        data: {},
        signer: { kind: 'tenant' },
      }),
    ).rejects.toMatchObject({ code: 'validation.failed' });
    expect((await sut.db.select().from(documents)).length).toBe(before);
  });
});

describe('signing credentials', () => {
  it('an employee signs with their own uploaded PKCS#12; the key is never returned', async () => {
    const admin = await makeStaffSession(sut.db, sut.tenant.id, 'admin');
    const employee = await makeStaffSession(sut.db, sut.tenant.id, 'employee');
    const p12 = wrapP12(generateTestP12('Γιώργος Υπάλληλος', 'Δήμος Δοκιμής'), 'μυστικό');
    const wrong = await sut.app.inject({
      method: 'POST',
      url: '/api/admin/signing-credentials',
      headers: sut.headers({ cookie: admin.cookie }),
      payload: { p12Base64: p12.toString('base64'), passphrase: 'λάθος', label: 'Υπογραφή υπαλλήλου', ownerUserId: employee.user.id },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields[0]).toMatchObject({ field: 'p12Base64', code: 'document.p12_unreadable' });
    const forbidden = await sut.app.inject({
      method: 'POST',
      url: '/api/admin/signing-credentials',
      headers: sut.headers({ cookie: employee.cookie }),
      payload: { p12Base64: p12.toString('base64'), passphrase: 'μυστικό', label: 'x', ownerUserId: employee.user.id },
    });
    expect(forbidden.statusCode).toBe(403);
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/admin/signing-credentials',
      headers: sut.headers({ cookie: admin.cookie }),
      payload: { p12Base64: p12.toString('base64'), passphrase: 'μυστικό', label: 'Υπογραφή υπαλλήλου', ownerUserId: employee.user.id },
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain(p12.toString('base64').slice(0, 40));
    expect(res.json().subject).toContain('Γιώργος Υπάλληλος');
    const [stored] = await sut.db.select().from(signingCredentials).where(eq(signingCredentials.id, res.json().id));
    expect(stored?.p12).not.toBe(p12.toString('base64'));
    const list = await sut.app.inject({
      method: 'GET',
      url: '/api/admin/signing-credentials',
      headers: sut.headers({ cookie: admin.cookie }),
    });
    expect(list.body).not.toContain('"p12');

    const issued = await issueDocument(sut.platform, undefined, {
      tenantId: sut.tenant.id,
      templateKey: 'generic',
      protocolNumber: '99/2026',
      recipient: { userId: citizen.id },
      data: { text: 'Υπογεγραμμένο από υπάλληλο.' },
      signer: { kind: 'user', userId: employee.user.id },
    });
    const file = await download(issued.fileId, { cookie: await sessionCookie(sut.db, citizen) });
    const check = checkPdfSignature(file.rawPayload);
    expect(check.intact).toBe(true);
    expect(check.signerSubject).toContain('Γιώργος Υπάλληλος');
  });
});
