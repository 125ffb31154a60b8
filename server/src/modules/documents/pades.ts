import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer as SignpdfSigner, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';

/**
 * PAdES baseline B-B signatures (ETSI EN 319 142-1) built by hand on node-forge's ASN.1:
 * SubFilter ETSI.CAdES.detached, a CMS SignedData over the ByteRange bytes (SHA-256) with the
 * signed attributes content-type, message-digest and ESS signing-certificate-v2, and no
 * signing-time attribute (PAdES puts the claimed time in the signature dictionary's /M).
 * forge's own PKCS#7 signer cannot add signing-certificate-v2, hence the manual CMS.
 *
 * The private-key operation is a callback over the DER of the signed attributes, so a remote
 * signing service (CSC API `signatures/signHash`) can do it instead of a local key.
 */

const { asn1, pki } = forge;
const signpdf = new SignPdf();
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
};

const oid = (o: string) => asn1.create(U, T.OID, false, asn1.oidToDer(o).getBytes());
const seq = (v: forge.asn1.Asn1[]) => asn1.create(U, T.SEQUENCE, true, v);
const set = (v: forge.asn1.Asn1[]) => asn1.create(U, T.SET, true, v);
const octets = (bytes: Buffer) => asn1.create(U, T.OCTETSTRING, false, bytes.toString('binary'));
const int = (n: number) => asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const der = (node: forge.asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const fromDer = (bytes: Buffer) => asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

export function certificateDer(cert: forge.pki.Certificate): Buffer {
  return der(pki.certificateToAsn1(cert));
}

/** The key algorithm decides the CMS signature algorithm: RSA PKCS#1 v1.5 or ECDSA, both over SHA-256. */
function signatureAlgorithmOf(cert: forge.pki.Certificate) {
  return new X509Certificate(certificateDer(cert)).publicKey.asymmetricKeyType === 'ec' ? OID.ecdsaWithSha256 : OID.rsaEncryption;
}

export type TSignAttributes = (signedAttributesDer: Buffer) => Promise<Buffer>;

export type TCmsInput = {
  /** The signer's certificate first, then the rest of its chain. */
  chain: forge.pki.Certificate[];
  signAttributes: TSignAttributes;
};

/** A detached CAdES-B-B SignedData over `content`. */
export async function buildCades(content: Buffer, input: TCmsInput): Promise<Buffer> {
  const [cert] = input.chain;
  if (!cert) throw new Error('A signer certificate is required');
  const certDers = input.chain.map(certificateDer);
  // forge keeps the parsed TBSCertificate (original encoding) on the certificate object.
  const tbs =
    (cert as unknown as { tbsCertificate?: forge.asn1.Asn1 }).tbsCertificate ??
    ((pki.certificateToAsn1(cert).value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1);
  const fields = tbs.value as forge.asn1.Asn1[];
  // TBSCertificate starts with an optional [0] version; serial and issuer follow it.
  const off = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = fields[off] as forge.asn1.Asn1;
  const issuer = fields[off + 2] as forge.asn1.Asn1;

  const essCertIdV2 = seq([
    // hashAlgorithm omitted: SHA-256 is its DEFAULT.
    octets(sha256(certDers[0] as Buffer)),
    seq([seq([asn1.create(asn1.Class.CONTEXT_SPECIFIC, 4, true, [issuer])]), serial]),
  ]);
  const attrs = [
    seq([oid(OID.contentType), set([oid(OID.data)])]),
    seq([oid(OID.messageDigest), set([octets(sha256(content))])]),
    seq([oid(OID.signingCertificateV2), set([seq([seq([essCertIdV2])])])]),
  ]
    .map(der)
    // DER: the elements of a SET OF are sorted by their encodings; the signed bytes and the
    // embedded [0] must be the same, so sort once and use the order twice.
    .sort(Buffer.compare);
  const attrsNodes = attrs.map(fromDer);
  const signature = await input.signAttributes(der(set(attrsNodes)));

  const sigAlg = signatureAlgorithmOf(cert);
  const signerInfo = seq([
    int(1),
    seq([issuer, serial]),
    seq([oid(OID.sha256)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attrs.map(fromDer)),
    seq(sigAlg === OID.rsaEncryption ? [oid(sigAlg), asn1.create(U, T.NULL, false, '')] : [oid(sigAlg)]),
    octets(signature),
  ]);
  const signedData = seq([
    int(1),
    set([seq([oid(OID.sha256)])]),
    seq([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certDers.map(fromDer)),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

export type TSignatureInfo = {
  name: string;
  reason: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
};

/** Room for the CMS in /Contents (bytes; the hex string is twice as long): chains of a few qualified certificates fit. */
const SIGNATURE_LENGTH = 16384;

/**
 * Adds an invisible signature field with a ByteRange placeholder to the PDF, then fills
 * /Contents with the CAdES SignedData over every byte except /Contents' hex string itself.
 */
export async function signPades(pdfBytes: Uint8Array, info: TSignatureInfo, cms: TCmsInput): Promise<Buffer> {
  const pdfDoc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc,
    reason: info.reason,
    contactInfo: info.contactInfo,
    name: info.name,
    location: info.location,
    signingTime: info.signingTime,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: [0, 0, 0, 0],
    appName: 'Dimos',
  });
  // Object streams would hide the signature dictionary in a compressed stream, where the
  // ByteRange cannot be patched in place.
  const withPlaceholder = Buffer.from(await pdfDoc.save({ useObjectStreams: false }));
  class Adapter extends SignpdfSigner {
    override async sign(content: Buffer): Promise<Buffer> {
      return buildCades(content, cms);
    }
  }
  return signpdf.sign(withPlaceholder, new Adapter());
}

export type TSignatureCheck = {
  /** A signature dictionary with a ByteRange and /Contents was found. */
  present: boolean;
  /** ByteRange is [0, a, b, c] with b + c = file length and the gap exactly /Contents' hex string. */
  coversWholeFile: boolean;
  /** message-digest equals SHA-256 of the ByteRange bytes and the signature over the signed attributes verifies. */
  intact: boolean;
  subFilter: string | null;
  signerSubject: string | null;
  byteRange: number[] | null;
};

const NONE: TSignatureCheck = {
  present: false,
  coversWholeFile: false,
  intact: false,
  subFilter: null,
  signerSubject: null,
  byteRange: null,
};

/** Checks the last signature of a PDF the way a reader does, without trusting anything around it. */
export function checkPdfSignature(pdf: Buffer): TSignatureCheck {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('/ByteRange');
  if (at < 0) return NONE;
  const m = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 120));
  if (!m) return NONE;
  const br = m.slice(1, 5).map(Number) as [number, number, number, number];
  const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.#]+)/.exec(text.slice(Math.max(0, at - 400), at + 40000))?.[1] ?? null;
  const [s0, l0, s1, l1] = br;
  const gapOk = s0 === 0 && l0 > 0 && s1 > l0 && s1 + l1 === pdf.length && text[l0] === '<' && text[s1 - 1] === '>';
  const hex = gapOk ? text.slice(l0 + 1, s1 - 1) : '';
  const coversWholeFile = gapOk && /^[0-9a-fA-F]+$/.test(hex);
  const base = { ...NONE, present: true, coversWholeFile, subFilter, byteRange: br };
  if (!coversWholeFile) return base;
  try {
    const cmsDer = derElement(Buffer.from(hex, 'hex'));
    const signed = Buffer.concat([pdf.subarray(0, l0), pdf.subarray(s1, s1 + l1)]);
    return { ...base, ...verifyCades(cmsDer, signed) };
  } catch {
    return base;
  }
}

/**
 * The first DER element of a zero-padded /Contents. Its length comes from the DER header: a
 * signature may itself end in zero bytes, so trimming trailing zeros would cut it.
 */
export function derElement(bytes: Buffer): Buffer {
  const first = bytes[1] ?? 0;
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const n = first & 0x7f;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + (bytes[2 + i] ?? 0);
  return bytes.subarray(0, 2 + n + length);
}

/** Verifies a detached CMS SignedData (one signer, signed attributes) against the content it covers. */
export function verifyCades(cmsDer: Buffer, content: Buffer): { intact: boolean; signerSubject: string | null } {
  // The trailing zero padding of /Contents is gone, but DER length tells the true end anyway.
  const ci = fromDer(cmsDer);
  const civ = ci.value as forge.asn1.Asn1[];
  const typeNode = civ[0] as forge.asn1.Asn1;
  if (typeNode.type !== T.OID || asn1.derToOid(typeNode.value as string) !== OID.signedData) return { intact: false, signerSubject: null };
  const sd = ((civ[1] as forge.asn1.Asn1).value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1;
  const parts = sd.value as forge.asn1.Asn1[];
  const certsNode = parts.find((p) => p.tagClass === asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  const signerInfos = parts[parts.length - 1] as forge.asn1.Asn1;
  const si = (signerInfos.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1;
  const siv = si.value as forge.asn1.Asn1[];
  const sid = siv[1] as forge.asn1.Asn1;
  const signedAttrs = siv.find((p) => p.tagClass === asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  const signature = Buffer.from((siv[siv.length - 1] as forge.asn1.Asn1).value as string, 'binary');
  if (!certsNode || !signedAttrs) return { intact: false, signerSubject: null };

  // The signer is the certificate whose issuer and serial match the SignerInfo's sid.
  const sidDer = der(sid);
  const certNodes = certsNode.value as forge.asn1.Asn1[];
  const certNode = certNodes.find((c) => {
    const tbs = (c.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1;
    const f = tbs.value as forge.asn1.Asn1[];
    const off = f[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
    return der(seq([f[off + 2] as forge.asn1.Asn1, f[off] as forge.asn1.Asn1])).equals(sidDer);
  });
  if (!certNode) return { intact: false, signerSubject: null };
  const certDer = der(certNode);

  let digestOk = false;
  let certRefOk = false;
  for (const attr of signedAttrs.value as forge.asn1.Asn1[]) {
    const [typeNode, values] = attr.value as forge.asn1.Asn1[];
    const type = asn1.derToOid((typeNode as forge.asn1.Asn1).value as string);
    const first = ((values as forge.asn1.Asn1).value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1;
    if (type === OID.messageDigest) digestOk = Buffer.from(first.value as string, 'binary').equals(sha256(content));
    if (type === OID.signingCertificateV2) {
      // SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 { [hashAlgorithm], certHash, ... } }
      const certs = (first.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1;
      const id = ((certs.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1).value as forge.asn1.Asn1[];
      const hashNode = id.find((n) => n.type === T.OCTETSTRING);
      const algNode = id[0]?.type === T.SEQUENCE ? id[0] : undefined;
      const alg = algNode ? asn1.derToOid(((algNode.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1).value as string) : OID.sha256;
      certRefOk = alg === OID.sha256 && !!hashNode && Buffer.from(hashNode.value as string, 'binary').equals(sha256(certDer));
    }
  }
  // What was signed is the attributes' DER under the SET tag instead of the [0] IMPLICIT tag.
  const toVerify = der(set(signedAttrs.value as forge.asn1.Asn1[]));
  const sigOk = verifySignature('sha256', toVerify, new X509Certificate(certDer).publicKey, signature);
  return { intact: digestOk && certRefOk && sigOk, signerSubject: subjectOf(certNode) };
}

function subjectOf(certNode: forge.asn1.Asn1): string | null {
  try {
    const cert = pki.certificateFromAsn1(certNode);
    return cert.subject.attributes
      .map((a) => {
        let v = String(a.value);
        try {
          v = forge.util.decodeUtf8(v);
        } catch {
          // not UTF-8: a PrintableString or Latin-1 value, shown as is
        }
        return `${a.shortName ?? a.type}=${v}`;
      })
      .join(', ');
  } catch {
    return null;
  }
}
