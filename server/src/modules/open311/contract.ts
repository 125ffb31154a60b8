import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * JSON Schemas of every GeoReport v2 response, written from the spec summary
 * (/work/shared/domain/open311.md and the open311/schema-validation field rules): ids and codes
 * are strings, status is open|closed, dates are W3C datetimes with a time zone, description ≤ 4000,
 * optional fields are a string or null. The XML answers are read back into the same shape and
 * checked against the same schemas. Used by the contract tests.
 */

const strOrNull = { anyOf: [{ type: 'string' }, { type: 'null' }] };
const dateOrNull = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] };

export const schemas = {
  errors: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'description'],
      additionalProperties: false,
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
    },
  },
  discovery: {
    type: 'object',
    required: ['changeset', 'contact', 'key_service', 'endpoints'],
    properties: {
      changeset: { type: 'string', format: 'date-time' },
      contact: { type: 'string', minLength: 1 },
      key_service: { type: 'string', minLength: 1 },
      endpoints: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['specification', 'url', 'changeset', 'type', 'formats'],
          properties: {
            specification: { type: 'string', format: 'uri' },
            url: { type: 'string', format: 'uri' },
            changeset: { type: 'string', format: 'date-time' },
            type: { enum: ['production', 'test'] },
            formats: {
              type: 'array',
              minItems: 2,
              items: { type: 'string' },
              allOf: [{ contains: { const: 'text/xml' } }, { contains: { const: 'application/json' } }],
            },
          },
        },
      },
    },
  },
  services: {
    type: 'array',
    items: {
      type: 'object',
      required: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
      properties: {
        service_code: { type: 'string', minLength: 1 },
        service_name: { type: 'string', minLength: 1 },
        description: { type: 'string' },
        metadata: { type: 'boolean' },
        type: { enum: ['realtime', 'batch', 'blackbox'] },
        keywords: { type: 'string' },
        group: { type: 'string' },
      },
    },
  },
  service_definition: {
    type: 'object',
    required: ['service_code', 'attributes'],
    properties: {
      service_code: { type: 'string' },
      attributes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description'],
          properties: {
            variable: { type: 'boolean' },
            code: { type: 'string', minLength: 1 },
            datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
            required: { type: 'boolean' },
            datatype_description: strOrNull,
            order: { type: 'integer', minimum: 1 },
            description: { type: 'string' },
            values: {
              type: 'array',
              items: { type: 'object', required: ['key', 'name'], properties: { key: { type: 'string' }, name: { type: 'string' } } },
            },
          },
          // list types carry values; the others do not
          anyOf: [
            { properties: { datatype: { enum: ['singlevaluelist', 'multivaluelist'] }, values: { minItems: 1 } }, required: ['values'] },
            { properties: { datatype: { enum: ['string', 'number', 'datetime', 'text'] } }, not: { required: ['values'] } },
          ],
        },
      },
    },
  },
  post_response: {
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: {
      type: 'object',
      properties: { service_request_id: { type: 'string' }, token: { type: 'string' }, service_notice: strOrNull, account_id: strOrNull },
      oneOf: [
        { required: ['service_request_id'], not: { required: ['token'] } },
        { required: ['token'], not: { required: ['service_request_id'] } },
      ],
    },
  },
  tokens: {
    type: 'array',
    items: {
      type: 'object',
      required: ['token'],
      properties: { service_request_id: { type: 'string' }, token: { type: 'string' } },
    },
  },
  requests: {
    type: 'array',
    items: {
      type: 'object',
      required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
      properties: {
        service_request_id: { type: 'string', minLength: 1 },
        status: { enum: ['open', 'closed'] },
        status_notes: strOrNull,
        service_name: strOrNull,
        service_code: { type: 'string' },
        description: { anyOf: [{ type: 'string', maxLength: 4000 }, { type: 'null' }] },
        agency_responsible: strOrNull,
        service_notice: strOrNull,
        requested_datetime: { type: 'string', format: 'date-time' },
        updated_datetime: dateOrNull,
        expected_datetime: dateOrNull,
        address: strOrNull,
        address_id: strOrNull,
        zipcode: strOrNull,
        lat: { anyOf: [{ type: 'number', minimum: -90, maximum: 90 }, { type: 'null' }] },
        long: { anyOf: [{ type: 'number', minimum: -180, maximum: 180 }, { type: 'null' }] },
        media_url: { anyOf: [{ type: 'string', format: 'uri' }, { type: 'null' }] },
        media_urls: { type: 'array', items: { type: 'string', format: 'uri' } },
      },
    },
  },
} as const;

export type TSchemaName = keyof typeof schemas;

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validators = Object.fromEntries(Object.entries(schemas).map(([k, s]) => [k, ajv.compile(s)])) as Record<
  TSchemaName,
  ReturnType<typeof ajv.compile>
>;

/** The schema's complaints about a value (empty when it conforms). */
export function violations(name: TSchemaName, value: unknown): string[] {
  const v = validators[name];
  return v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** How each XML document maps back to the JSON shape: the root element, and which elements are lists of which items. */
const XML_SHAPES: Record<TSchemaName, { root: string; item?: string }> = {
  errors: { root: 'errors', item: 'error' },
  discovery: { root: 'discovery' },
  services: { root: 'services', item: 'service' },
  service_definition: { root: 'service_definition' },
  post_response: { root: 'service_requests', item: 'request' },
  tokens: { root: 'service_requests', item: 'request' },
  requests: { root: 'service_requests', item: 'request' },
};
/** Wrapper elements inside an item that hold a list: wrapper → item element. */
const NESTED_LISTS: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  media_urls: 'media_url',
};
const BOOLEAN = new Set(['metadata', 'variable', 'required']);
const NUMBER = new Set(['lat', 'long', 'order', 'code']);

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, ignoreDeclaration: false, trimValues: false });

function typed(key: string, v: unknown, inError: boolean): unknown {
  if (v === '' || v === undefined) return null;
  if (typeof v === 'string') {
    if (BOOLEAN.has(key)) return v === 'true' ? true : v === 'false' ? false : v;
    if (NUMBER.has(key) && (key !== 'code' || inError)) return Number.isNaN(Number(v)) ? v : Number(v);
    return v;
  }
  return v;
}

function normalize(node: unknown, inError: boolean): unknown {
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const item = NESTED_LISTS[k];
    if (item) {
      const inner = v === '' ? [] : (v as Record<string, unknown>)[item];
      const arr = inner === undefined ? [] : Array.isArray(inner) ? inner : [inner];
      out[k] = arr.map((x) => (typeof x === 'object' ? normalize(x, inError) : typed(item, x, inError)));
    } else if (typeof v === 'object' && v !== null) out[k] = normalize(v, inError);
    else out[k] = typed(k, v, inError);
  }
  return out;
}

/**
 * Reads an XML answer back into the JSON shape (lists as arrays, `true`/`false`, numbers, empty → null),
 * after checking it is well-formed and starts with the UTF-8 declaration. Throws when it is not.
 */
export function xmlAsJson(name: TSchemaName, xml: string): unknown {
  if (!/^<\?xml version="1\.0" encoding="UTF-8"\?>/.test(xml)) throw new Error('XML without the UTF-8 declaration');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed XML: ${JSON.stringify(valid)}`);
  const doc = parser.parse(xml) as Record<string, unknown>;
  const shape = XML_SHAPES[name];
  const keys = Object.keys(doc).filter((k) => k !== '?xml');
  if (keys.length !== 1 || keys[0] !== shape.root) throw new Error(`root element ${keys.join(',')} instead of ${shape.root}`);
  const root = doc[shape.root];
  const inError = name === 'errors';
  if (!shape.item) return normalize(root, inError);
  const items = root === '' ? [] : (root as Record<string, unknown>)[shape.item];
  const arr = items === undefined ? [] : Array.isArray(items) ? items : [items];
  return arr.map((x) => normalize(x, inError));
}
