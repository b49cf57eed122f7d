import fc from 'fast-check';

// fast-check arbitraries for request bodies, driven by a route's own JSON schema: values of the
// right shape (so some requests get past validation into the commands), mixed at every field with
// junk (wrong types, huge and hostile strings, NUL bytes, lone surrogates, deep nesting), and raw
// bodies that are not what the content type says.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
};

/** Real values (ids of existing rows, severity keys…) a field of this name may take, if any. */
export type FieldValues = (field: string) => string[] | undefined;

export type BodyOptions = {
  fieldValues: FieldValues;
  /** Fields always sent with this value: URLs the server calls while answering must stay on loopback. */
  pinned?: Record<string, unknown>;
};

/** Strings that have broken parsers, databases and templates before. */
export const HOSTILE = [
  '',
  ' ',
  '0',
  'null',
  '__proto__',
  'constructor',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\u202eevil',
  '😀'.repeat(3),
  '%00',
  '../../etc/passwd',
  "'; drop table users; --",
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the log4j lookup, as an attacker sends it
  '${jndi:ldap://x}',
  '0000-00-00',
  '2026-02-30T25:61:61Z',
  '+275760-09-13T00:00:00.000Z',
  '9999-12-31T23:59:59Z',
  'Europe/Atlantis',
];

/** One character repeated up to far past any sensible field length (the body limit is 1 MB). */
const hugeString = fc
  .tuple(fc.constantFrom('x', 'é', '😀', '\u0000', '\ud800'), fc.integer({ min: 1_000, max: 150_000 }))
  .map(([c, n]) => c.repeat(n));

const nested = fc.integer({ min: 20, max: 400 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

const prototypeKeys = fc.dictionary(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'x'),
  fc.jsonValue({ maxDepth: 1 }),
);

/** A value of any type that is probably wrong for the field it lands in. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0, 1e308, 2 ** 53, [], {}) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: prototypeKeys },
);

const isoTime = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/**
 * Bodies for a route with this (zod-generated) JSON schema: shaped like the schema (so requests get
 * past validation into the commands), or such a body with one field replaced by junk or one unknown
 * field added, or one with junk in any field at any depth.
 */
export function bodyFromSchema(root: JsonSchema, options: BodyOptions): fc.Arbitrary<unknown> {
  const valid = shapedBodies(root, options, 0);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 3, arbitrary: fc.tuple(valid, fc.nat(), junk).map(mutateOneField) },
    { weight: 1, arbitrary: shapedBodies(root, options, 1 / 6) },
  );
}

/** Replaces one field of an object with `value`, or adds a field no schema has. */
function mutateOneField([body, n, value]: [unknown, number, unknown]): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return value;
  const keys = Object.keys(body);
  const key = keys[n % (keys.length + 1)] ?? `unexpected${n % 3}`;
  return { ...body, [key]: value };
}

/** Values shaped by the schema; each field is junk instead with probability `junkRate`. */
function shapedBodies(
  root: JsonSchema,
  { fieldValues, pinned = {} }: BodyOptions,
  junkRate: number,
): fc.Arbitrary<unknown> {
  const resolve = (schema: JsonSchema): JsonSchema =>
    schema.$ref?.startsWith('#/$defs/') ? (root.$defs?.[schema.$ref.slice(8)] ?? {}) : schema;

  const field = (schema: JsonSchema, name: string, depth: number): fc.Arbitrary<unknown> => {
    const good = shaped(resolve(schema), name, depth);
    if (junkRate === 0 || depth > 3) return good;
    return fc.oneof({ weight: Math.round(1 / junkRate) - 1, arbitrary: good }, { weight: 1, arbitrary: junk });
  };

  const shaped = (schema: JsonSchema, name: string, depth: number): fc.Arbitrary<unknown> => {
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    const variants = schema.anyOf ?? schema.oneOf;
    if (variants?.length) return fc.oneof(...variants.map((v) => field(v, name, depth + 1)));
    if (schema.allOf?.length) return shaped(resolve(schema.allOf[0]!), name, depth);
    if (Array.isArray(schema.type))
      return fc.oneof(...schema.type.map((type) => shaped({ ...schema, type }, name, depth)));
    switch (schema.type) {
      case 'string':
        return stringFor(schema, name, fieldValues);
      case 'integer':
        return fc.integer({
          min: Math.max(schema.minimum ?? -10, -(2 ** 31)),
          max: Math.min(schema.maximum ?? 1000, 2 ** 31),
        });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        const minLength = schema.minItems ?? 0;
        const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, 3));
        return fc.array(field(schema.items ?? {}, name, depth + 1), { minLength, maxLength });
      }
      case 'object': {
        const properties = Object.entries(schema.properties ?? {});
        if (!properties.length)
          return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
        return fc.record(
          Object.fromEntries(
            properties.map(([key, s]) => [key, key in pinned ? fc.constant(pinned[key]) : field(s, key, depth + 1)]),
          ),
          {
            requiredKeys: properties
              .map(([key]) => key)
              .filter((key) => key in pinned || schema.required?.includes(key)),
          },
        );
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  };

  return shaped(resolve(root), '', 0);
}

/** URLs that stay on this machine: a fuzzer must not make the server call random hosts. */
const localUrl = fc
  .tuple(fc.constantFrom('http://127.0.0.1:9', 'http://localhost:9', 'https://[::1]:9'), fc.webPath())
  .map(([origin, path]) => origin + path);

function stringFor(schema: JsonSchema, name: string, fieldValues: FieldValues): fc.Arbitrary<string> {
  const real = fieldValues(name);
  const plain = (() => {
    if (schema.format === 'date-time') return isoTime;
    if (schema.format === 'date') return isoTime.map((t) => t.slice(0, 10));
    if (schema.format === 'uri' || schema.format === 'url' || /url$/i.test(name)) return localUrl;
    if (/time ?zone/i.test(name)) return fc.constantFrom('UTC', 'Europe/Berlin', 'America/St_Johns', 'Asia/Kathmandu');
    if (schema.pattern) {
      try {
        return fc.stringMatching(new RegExp(schema.pattern));
      } catch {
        // A pattern JavaScript cannot compile: by format, or plain strings.
      }
    }
    if (schema.format === 'email') return fc.emailAddress();
    const minLength = schema.minLength ?? 0;
    return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
  })();
  return real?.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: plain })
    : plain;
}

export type RawBody = { payload: string | Buffer; contentType: string | undefined };

/** Bodies that are not what their content type claims, or are not valid at all. */
export function rawBody(fieldNames: string[]): fc.Arbitrary<RawBody> {
  const json = (payload: string | Buffer): RawBody => ({ payload, contentType: 'application/json' });
  const name = fieldNames.length ? fc.constantFrom(...fieldNames) : fc.constant('x');
  return fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((bytes) => json(Buffer.from(bytes))),
    fc
      .jsonValue()
      .map((v) => JSON.stringify(v))
      .chain((text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => json(text.slice(0, cut)))),
    fc
      .tuple(
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom(
          'text/plain',
          'application/xml',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'application/octet-stream',
          'application/json; charset=utf-16',
          'application/jsonx',
          undefined,
        ),
      )
      .map(([value, contentType]) => ({ payload: JSON.stringify(value) ?? '', contentType })),
    fc
      .tuple(name, fc.integer({ min: 1_000, max: 100_000 }))
      .map(([key, depth]) => json(`{${JSON.stringify(key)}:${'['.repeat(depth)}${']'.repeat(depth)}}`)),
    fc.constantFrom(
      json(''),
      json('   '),
      json('\ufeff{}'),
      json('{"a":1,"a":"again"}'),
      json('{"x":1e999999}'),
      json('{"__proto__":{"admin":true}}'),
      json(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])),
      json('x'.repeat(1_100_000)),
    ),
    fc.tuple(name, fc.string({ unit: 'binary', maxLength: 30 })).map(([key, value]) => ({
      payload: new URLSearchParams({ [key]: value }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    })),
  );
}
