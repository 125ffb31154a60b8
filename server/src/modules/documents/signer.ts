import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import forge from 'node-forge';
import { signPades, type TSignatureInfo } from './pades.js';

/**
 * The signing port: whatever turns an unsigned PDF into a PAdES-signed one. `LocalP12Signer`
 * signs with a PKCS#12 held by the server; a remote qualified-signature service (QSCD behind a
 * CSC API) implements the same interface by calling `signPades` with a `signAttributes` callback
 * that sends the SHA-256 of the signed attributes to the service (see README.md).
 */
export interface Signer {
  sign(pdfBytes: Uint8Array, info: Omit<TSignatureInfo, 'name'>): Promise<Buffer>;
  describe(): { kind: string; name: string; subject: string; issuer: string; serial: string; notAfter: Date };
}

export type TP12Contents = { key: forge.pki.rsa.PrivateKey; chain: forge.pki.Certificate[] };

/** Opens a PKCS#12: the private key and its certificate first, then the rest of the chain. */
export function openP12(der: Buffer, passphrase: string): TP12Contents {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary'))), false, passphrase);
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keyBags = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag as string), ...bags(forge.pki.oids.keyBag as string)];
  const key = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  const certs = bags(forge.pki.oids.certBag as string)
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  if (!key) throw new Error('no private key in the PKCS#12');
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.compareTo(key.n) === 0 && pub.e?.compareTo(key.e) === 0;
  });
  if (!own) throw new Error('no certificate matches the private key');
  return { key, chain: [own, ...certs.filter((c) => c !== own)] };
}

export function wrapP12(contents: TP12Contents, passphrase: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(contents.key, contents.chain, passphrase, { algorithm: 'aes256' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** A readable one-line form of a certificate name, CN first. */
export function nameOf(attrs: forge.pki.CertificateField[]): string {
  // forge gives UTF8String values already decoded; older values may still be UTF-8 bytes.
  const cn = attrs.find((a) => a.shortName === 'CN');
  const rest = attrs.filter((a) => a !== cn);
  const text = (a: forge.pki.CertificateField) => forge.util.decodeUtf8(String(a.value));
  return [cn, ...rest]
    .filter((a): a is forge.pki.CertificateField => !!a)
    .map((a) => `${a.shortName ?? a.name ?? a.type}=${safeText(text, a)}`)
    .join(', ');
}

function safeText(text: (a: forge.pki.CertificateField) => string, a: forge.pki.CertificateField) {
  try {
    return text(a);
  } catch {
    return String(a.value);
  }
}

export function commonName(cert: forge.pki.Certificate): string {
  const cn = cert.subject.getField('CN');
  if (!cn) return nameOf(cert.subject.attributes);
  try {
    return forge.util.decodeUtf8(String(cn.value));
  } catch {
    return String(cn.value);
  }
}

export class LocalP12Signer implements Signer {
  private readonly keyPem: string;

  constructor(
    private readonly contents: TP12Contents,
    private readonly location: string,
  ) {
    this.keyPem = forge.pki.privateKeyToPem(contents.key);
  }

  describe() {
    const cert = this.contents.chain[0] as forge.pki.Certificate;
    return {
      kind: 'local-p12',
      name: commonName(cert),
      subject: nameOf(cert.subject.attributes),
      issuer: nameOf(cert.issuer.attributes),
      serial: cert.serialNumber,
      notAfter: cert.validity.notAfter,
    };
  }

  async sign(pdfBytes: Uint8Array, info: Omit<TSignatureInfo, 'name'>): Promise<Buffer> {
    const key = createPrivateKey(this.keyPem);
    return signPades(
      pdfBytes,
      { ...info, name: this.describe().name, location: info.location || this.location },
      { chain: this.contents.chain, signAttributes: async (attrs) => cryptoSign('sha256', attrs, key) },
    );
  }
}
