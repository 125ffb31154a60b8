import type { FastifyReply } from 'fastify';

/**
 * Sends an export from a route: the content type of its kind, and a Content-Disposition whose
 * file name survives Greek letters (RFC 6266 / RFC 5987: an ASCII `filename=` for old clients
 * and a UTF-8 `filename*=`). Returns the reply, so a handler can `return sendExport(...)`.
 */

export type ExportKind = 'csv' | 'xlsx' | 'pdf' | 'geojson' | 'gpx' | 'ics' | 'json' | 'zip';

export const CONTENT_TYPES: Record<ExportKind, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  geojson: 'application/geo+json; charset=utf-8',
  gpx: 'application/gpx+xml; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  json: 'application/json; charset=utf-8',
  zip: 'application/zip',
};

const GREEK: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

/** An ASCII stand-in for a file name (Greek transliterated ELOT-like, accents dropped, others `_`). */
export function asciiFileName(name: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ου/g, 'ou')
    .replace(/Ου/g, 'Ou')
    .replace(/ΟΥ/g, 'OU')
    .replace(/[α-ωςΑ-Ω]/g, (c) => {
      const low = c.toLowerCase();
      const t = GREEK[low] ?? '_';
      return c === low ? t : t.charAt(0).toUpperCase() + t.slice(1);
    })
    .replace(/[^A-Za-z0-9._ -]/g, '_')
    .trim();
  return plain || 'download';
}

/** RFC 5987 `attr-char` encoding (encodeURIComponent leaves a few it must not). */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The Content-Disposition header value for a file name; path separators and quotes are removed. */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const name = fileName.replace(/[\\/"\r\n\u0000-\u001f]/g, '_').trim() || 'download';
  const ascii = asciiFileName(name);
  return ascii === name ? `${disposition}; filename="${name}"` : `${disposition}; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}

export function sendExport(
  reply: FastifyReply,
  file: { kind: ExportKind; fileName: string; body: string | Uint8Array | Buffer | object; disposition?: 'attachment' | 'inline' },
): FastifyReply {
  const body =
    typeof file.body === 'string' || Buffer.isBuffer(file.body)
      ? file.body
      : file.body instanceof Uint8Array
        ? Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength)
        : JSON.stringify(file.body);
  return reply
    .header('content-type', CONTENT_TYPES[file.kind])
    .header('content-disposition', contentDisposition(file.fileName, file.disposition))
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
