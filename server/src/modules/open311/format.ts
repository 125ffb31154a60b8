import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyReply } from 'fastify';

/**
 * Open311 GeoReport v2 bodies in both formats. JSON is the "Spark convention" mapping of the XML:
 * a list is a top-level array; in XML it is a root element holding one element per item.
 * Values are strings, numbers, booleans, null (an empty element in XML), nested objects or arrays
 * (an array in XML is a wrapper element repeating `itemName`).
 */
export type TFormat = 'json' | 'xml';
export type TValue = string | number | boolean | null | TObject | TList;
export type TObject = { [key: string]: TValue | undefined };
export type TList = { list: true; item: string; items: TValue[] };

export const list = (item: string, items: TValue[]): TList => ({ list: true, item, items });

const isList = (v: unknown): v is TList => typeof v === 'object' && v !== null && (v as TList).list === true;

const builder = new XMLBuilder({ ignoreAttributes: false, format: false, suppressEmptyNode: false, processEntities: true });

function toXmlTree(v: TValue): unknown {
  if (v === null) return '';
  if (isList(v)) return { [v.item]: v.items.map(toXmlTree) };
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toXmlTree(x);
    return out;
  }
  return String(v);
}

function toJsonTree(v: TValue): unknown {
  if (isList(v)) return v.items.map(toJsonTree);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toJsonTree(x);
    return out;
  }
  return v;
}

/** The XML document for a root element (a list or an object), with the UTF-8 declaration the spec asks for. */
export function toXml(root: string, body: TValue): string {
  const tree = { [root]: toXmlTree(body) };
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(tree)}`;
}

export function send(reply: FastifyReply, format: TFormat, status: number, root: string, body: TValue) {
  reply.status(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(toJsonTree(body)));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, body));
}

/** One or more Open311 errors: `[{code, description}]` / `<errors><error>…`. */
export type TOpen311Error = { code: number; description: string };

export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly errors: TOpen311Error[],
  ) {
    super(errors.map((e) => e.description).join('; '));
  }
}

export const open311Error = (status: 400 | 403 | 404, description: string, code: number = status) =>
  new Open311Error(status, [{ code, description }]);

export function sendErrors(reply: FastifyReply, format: TFormat, err: Open311Error) {
  return send(
    reply,
    format,
    err.status,
    'errors',
    list(
      'error',
      err.errors.map((e) => ({ code: e.code, description: e.description })),
    ),
  );
}

/** Splits `requests.json` / `033.xml` into its name and format; an unknown suffix is null. */
export function splitFormat(file: string): { name: string; format: TFormat } | null {
  const m = file.match(/^(.*)\.(json|xml)$/i);
  if (!m?.[1]) return null;
  return { name: m[1], format: (m[2] as string).toLowerCase() as TFormat };
}
