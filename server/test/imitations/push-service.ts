import { createDecipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';
import { startImitation } from './sms-common.js';

/** A tiny push service on loopback: keeps each encrypted request so the test can decrypt it as the browser would. */
export type PushRequest = { path: string; headers: Record<string, string | string[] | undefined>; body: Buffer };

export async function startPushService() {
  const received: PushRequest[] = [];
  const state = { gone: new Set<string>() };
  const srv = await startImitation((req, _body, res, raw) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (state.gone.has(path)) return void res.writeHead(410).end();
    const auth = String(req.headers.authorization ?? '');
    if (
      req.method !== 'POST' ||
      !/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/.test(auth) ||
      req.headers['content-encoding'] !== 'aes128gcm' ||
      !req.headers.ttl
    ) {
      return void res.writeHead(400).end('bad push request');
    }
    received.push({ path, headers: req.headers, body: raw });
    res.writeHead(201, { location: `${path}/m/${received.length}` }).end();
  });
  return { ...srv, received, state };
}

/** A browser-side subscription: P-256 key pair and auth secret, made with node:crypto. */
export function makeBrowserKeys() {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, p256dh: publicKey.toString('base64url'), auth: auth.toString('base64url'), authBuf: auth, publicKey };
}

const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer, len: number) => {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([info, Buffer.from([1])]))
    .digest()
    .subarray(0, len);
};

/** Decrypts an aes128gcm Web Push body (RFC 8188 + RFC 8291) with the browser's keys. */
export function decryptPush(body: Buffer, keys: ReturnType<typeof makeBrowserKeys>) {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] as number;
  const serverPub = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const shared = keys.ecdh.computeSecret(serverPub);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.publicKey, serverPub]);
  const ikm = hkdf(keys.authBuf, shared, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  if (ciphertext.length > rs) throw new Error('multi-record bodies not expected');
  const d = createDecipheriv('aes-128-gcm', cek, nonce);
  d.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const plain = Buffer.concat([d.update(ciphertext.subarray(0, ciphertext.length - 16)), d.final()]);
  // Strip the padding delimiter (0x02 for the last record) and any zero padding after it.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  return plain.subarray(0, end).toString('utf8');
}
