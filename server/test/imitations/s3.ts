import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small imitation of the S3 REST API for tests: PutObject, GetObject (with Range) and
 * HeadObject on path-style URLs (/<bucket>/<key>), for one bucket, in memory.
 * Like S3 it refuses any request whose AWS Signature V4 does not verify against the
 * configured access key, secret and region, and checks x-amz-content-sha256 against the body.
 */
export type TS3Imitation = {
  endpoint: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Every request seen, with the S3 error code it was refused with, if any. */
  requests: { method: string; path: string; error?: string }[];
  close(): Promise<void>;
};

const sha256hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(rawQuery: string) {
  if (!rawQuery) return '';
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [k = '', v = ''] = pair.split('=');
      return [rfc3986(decodeURIComponent(k)), rfc3986(decodeURIComponent(v))] as const;
    })
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

type Creds = { accessKey: string; secretKey: string; region: string };

/** Returns the S3 error code to refuse with, or null when the signature verifies. */
function verifySigV4(req: IncomingMessage, body: Buffer, creds: Creds): null | { status: number; code: string } {
  const auth = req.headers.authorization;
  const m = auth?.match(
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/,
  );
  if (!m) return { status: 403, code: 'AccessDenied' };
  const [, accessKey, date, region, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string];
  if (accessKey !== creds.accessKey) return { status: 403, code: 'InvalidAccessKeyId' };
  if (region !== creds.region) return { status: 400, code: 'AuthorizationHeaderMalformed' };
  const payloadHash = req.headers['x-amz-content-sha256'];
  if (typeof payloadHash !== 'string') return { status: 400, code: 'MissingSecurityHeader' };
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256hex(body)) return { status: 400, code: 'XAmzContentSHA256Mismatch' };
  const amzDate = req.headers['x-amz-date'];
  if (typeof amzDate !== 'string' || !amzDate.startsWith(date)) return { status: 403, code: 'AccessDenied' };
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-content-sha256')) return { status: 403, code: 'AccessDenied' };

  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?');
  const headers = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonical = [req.method, rawPath, canonicalQuery(rawQuery), headers, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretKey}`, date), region), 's3'), 'aws4_request');
  const expected = createHmac('sha256', key).update(toSign).digest('hex');
  return expected === signature ? null : { status: 403, code: 'SignatureDoesNotMatch' };
}

function xmlError(res: ServerResponse, status: number, code: string, method?: string) {
  res.statusCode = status;
  if (method === 'HEAD') return res.end();
  res.setHeader('content-type', 'application/xml');
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
}

export async function startS3Imitation(opts: Creds & { bucket: string }): Promise<TS3Imitation> {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: TS3Imitation['requests'] = [];

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const entry: TS3Imitation['requests'][number] = { method: req.method ?? '', path };
    requests.push(entry);
    const refuse = (status: number, code: string) => {
      entry.error = code;
      xmlError(res, status, code, req.method);
    };

    const denied = verifySigV4(req, body, opts);
    if (denied) return refuse(denied.status, denied.code);
    const [, bucket, ...keyParts] = path.split('/');
    const key = keyParts.join('/');
    if (bucket !== opts.bucket) return refuse(404, 'NoSuchBucket');
    if (!key) return refuse(400, 'InvalidRequest');

    if (req.method === 'PUT') {
      const checksum = req.headers['x-amz-checksum-sha256'];
      if (typeof checksum === 'string' && checksum !== createHash('sha256').update(body).digest('base64')) {
        return refuse(400, 'BadDigest');
      }
      objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream') });
      res.setHeader('etag', `"${createHash('md5').update(body).digest('hex')}"`);
      return res.end();
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const obj = objects.get(key);
      if (!obj) return refuse(404, 'NoSuchKey');
      res.setHeader('content-type', obj.contentType);
      res.setHeader('etag', `"${createHash('md5').update(obj.body).digest('hex')}"`);
      res.setHeader('accept-ranges', 'bytes');
      let bytes = obj.body;
      const range = req.headers.range?.match(/^bytes=(\d+)-(\d+)$/);
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(Number(range[2]), obj.body.length - 1);
        bytes = obj.body.subarray(start, end + 1);
        res.statusCode = 206;
        res.setHeader('content-range', `bytes ${start}-${end}/${obj.body.length}`);
      }
      res.setHeader('content-length', bytes.length);
      return res.end(req.method === 'HEAD' ? undefined : bytes);
    }
    return refuse(405, 'MethodNotAllowed');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
