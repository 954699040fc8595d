import fc from 'fast-check';
import { resolve, type JsonSchema, type Operation, type Parameter } from './openapi-model';

/**
 * fast-check arbitraries derived from JSON schemas of the OpenAPI document: values that satisfy
 * a schema, and cases that break it in one known way.
 *
 * A case is `invalid` when the document says the request is wrong (the server must answer 4xx),
 * and `edge` when the document does not decide (the server may take it or refuse it, but never
 * with a 5xx, always in the contract's shape, and never half-applied).
 */
export type Kind = 'invalid' | 'edge';

export const BODY_LIMIT = 16 * 1024;

/** Characters a careful client may well send: emoji (with variation selectors and ZWJ), RTL, CJK. */
const UNICODE_SAFE = [
  'é',
  'ß',
  'Ω',
  '鍵',
  '日本語',
  'مرحبا',
  'שלום',
  '\u200F',
  '😀',
  '🔑',
  '❤️',
  '👩‍💻',
  '🇫🇷',
  'e\u0301',
  '\u00A0',
  '\u200B',
  "'",
  '"',
  '\\',
  '<script>',
  '%00',
  '${x}',
  '../',
];

/** Characters that are valid JSON but hard to store or display: NUL, lone surrogates, controls. */
const UNICODE_HOSTILE = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uDBFF\uDBFF',
  '\u0001',
  '\u001B[31m',
  '\u007F',
  '\u202E',
  '\uFEFF',
  '\uFFFF',
  '\uFE0F',
  '\u2028',
  '\r\n',
];

const codePoints = (s: string): number => [...s].length;

const truncate = (s: string, max: number): string => [...s].slice(0, max).join('');

const validUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE_SAFE) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);

/** A string of `min`..`max` code points (JSON Schema counts code points), sometimes exactly `max`. */
export function validString(min = 0, max = 64): fc.Arbitrary<string> {
  const typical = fc
    .array(validUnit, { minLength: min, maxLength: Math.max(min, Math.min(max, 24)) })
    .map((units) => truncate(units.join(''), max));
  const atMax = fc
    .array(validUnit, { minLength: 1, maxLength: 8 })
    .map((units) => {
      let s = units.join('');
      while (codePoints(s) < max) s += s;
      return truncate(s, max);
    })
    .filter((s) => codePoints(s) >= min);
  return max <= 24 ? typical : fc.oneof({ weight: 4, arbitrary: typical }, atMax);
}

/** A string longer than `max` code points; from the unicode pool, so some are multi-unit. */
function tooLong(max: number): fc.Arbitrary<string> {
  const unit = fc.oneof(validUnit, fc.constantFrom('❤️', '👩‍💻', 'e\u0301', '\uFE0F'));
  return fc
    .tuple(fc.array(unit, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 40 }))
    .map(([units, extra]) => {
      let s = units.join('');
      while (codePoints(s) <= max + extra) s += s;
      return truncate(s, max + extra);
    });
}

/** Strings from a few kB up to nearly the whole body limit. */
const huge: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', 'é', '😀', '❤️', ' ', 'x'), fc.integer({ min: 2_000, max: 15_000 }))
  .map(([c, n]) => truncate(c.repeat(n), Math.floor(n / c.length)));

const hostile: fc.Arbitrary<string> = fc
  .tuple(validString(0, 8), fc.constantFrom(...UNICODE_HOSTILE), validString(0, 8))
  .map(([a, h, b]) => a + h + b);

/** A date-time strictly in the future, written in one of the RFC 3339 spellings. */
export const futureDateTime: fc.Arbitrary<string> = fc
  .tuple(
    fc.date({
      min: new Date(Date.now() + 3_600_000),
      max: new Date('9999-12-30T00:00:00.000Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom('Z', 'Z-no-ms', 'offset'),
    fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15),
  )
  .map(([date, style, offset]) => {
    if (style === 'Z') return date.toISOString();
    if (style === 'Z-no-ms') return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    const hh = String(Math.floor(abs / 60)).padStart(2, '0');
    const mm = String(abs % 60).padStart(2, '0');
    return `${local}${sign}${hh}:${mm}`;
  });

const email: fc.Arbitrary<string> = fc.emailAddress();

/** An address or a network of either family (the allowlist's `ip-or-cidr` format). */
const ipOrCidr: fc.Arbitrary<string> = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([ip, bits]) => `${ip}/${bits}`),
);

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const jsonValue = fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' });

/** Values satisfying `schema` (request side). */
export function valid(schemaIn: JsonSchema): fc.Arbitrary<unknown> {
  const schema = resolve(schemaIn);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'email')
        return email.filter((e) => e.length <= (schema.maxLength ?? 254));
      // Request timestamps are expiry times, which the document requires in the future.
      if (schema.format === 'date-time') return futureDateTime;
      if (schema.format === 'ip-or-cidr') return ipOrCidr;
      if (schema.format === 'ip') return fc.oneof(fc.ipV4(), fc.ipV6());
      return validString(schema.minLength ?? 0, schema.maxLength ?? 64);
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? -1_000_000,
        max: schema.maximum ?? Number.MAX_SAFE_INTEGER,
      });
    case 'number':
      return fc.oneof(
        fc.integer({
          min: Math.ceil(schema.minimum ?? -1e6),
          max: Math.floor(schema.maximum ?? 1e9),
        }),
        fc.double({
          min: schema.minimum ?? -1e6,
          max: schema.maximum ?? 1e9,
          noNaN: true,
          noDefaultInfinity: true,
        }),
      );
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = resolve(schema.items ?? {});
      const min = schema.minItems ?? 0;
      if (items.enum && schema.uniqueItems) {
        return fc.uniqueArray(fc.constantFrom(...items.enum), {
          minLength: min,
          maxLength: Math.min(schema.maxItems ?? items.enum.length, items.enum.length),
        });
      }
      return fc.array(valid(items), { minLength: min, maxLength: schema.maxItems ?? 5 });
    }
    case 'object':
    default: {
      const properties = schema.properties ?? {};
      if (Object.keys(properties).length === 0) {
        return fc.dictionary(validString(1, 16), jsonValue, { maxKeys: 5 });
      }
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, prop] of Object.entries(properties)) {
        const resolved = resolve(prop);
        model[name] = resolved.nullable
          ? fc.oneof({ weight: 4, arbitrary: valid(resolved) }, fc.constant(null))
          : valid(resolved);
      }
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
  }
}

export interface ValueCase {
  label: string;
  kind: Kind;
  value: unknown;
}

const c = (label: string, kind: Kind, value: fc.Arbitrary<unknown>): fc.Arbitrary<ValueCase> =>
  value.map((v) => ({ label, kind, value: v }));

const anyJsonOtherThan = (type: string, nullable: boolean): fc.Arbitrary<unknown>[] =>
  (
    [
      type !== 'string' ? fc.oneof(fc.string(), fc.constantFrom('1', '100', 'true', '')) : null,
      type !== 'number' && type !== 'integer'
        ? fc.oneof(fc.integer(), fc.double({ noNaN: true }))
        : null,
      type !== 'boolean' ? fc.boolean() : null,
      type !== 'array' ? fc.array(fc.string(), { maxLength: 3 }) : null,
      type !== 'object' ? fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }) : null,
      nullable ? null : fc.constant(null),
    ] as (fc.Arbitrary<unknown> | null)[]
  ).filter((a): a is fc.Arbitrary<unknown> => a !== null);

/**
 * Values that break `schemaIn` (kind `invalid`) or stress it where the document is silent (kind
 * `edge`): wrong types, out-of-range numbers, over-long and hostile strings, bad formats.
 */
export function broken(schemaIn: JsonSchema): fc.Arbitrary<ValueCase> {
  const schema = resolve(schemaIn);
  const type = schema.type ?? (schema.enum ? 'string' : 'object');
  const cases: fc.Arbitrary<ValueCase>[] = [
    c('wrong type', 'invalid', fc.oneof(...anyJsonOtherThan(type, schema.nullable ?? false))),
  ];
  if (schema.enum) {
    cases.push(
      c(
        'not in enum',
        'invalid',
        fc
          .oneof(
            fc.string(),
            fc.constantFrom(...schema.enum.map(String)).map((e) => e.toUpperCase()),
            fc.constantFrom(...schema.enum.map(String)).map((e) => ` ${e}`),
            fc.constantFrom('superuser', 'root', 'read:everything', '*'),
          )
          .filter((v) => !schema.enum!.includes(v)),
      ),
    );
  } else if (type === 'string') {
    if (schema.maxLength !== undefined) {
      cases.push(
        c(`longer than maxLength ${schema.maxLength}`, 'invalid', tooLong(schema.maxLength)),
      );
      cases.push(c('huge', 'invalid', huge));
    } else {
      cases.push(c('huge (no maxLength documented)', 'edge', huge));
    }
    if ((schema.minLength ?? 0) > 0) {
      cases.push(
        c(
          `shorter than minLength ${schema.minLength}`,
          'invalid',
          validString(0, schema.minLength! - 1).map((s) => truncate(s, schema.minLength! - 1)),
        ),
      );
    }
    if (schema.format === 'uuid') cases.push(c('not a uuid', 'invalid', badUuid));
    if (schema.format === 'ip') {
      cases.push(
        c(
          'not an IP address',
          'invalid',
          fc.constantFrom('', 'localhost', '300.1.1.1', '10.0.0.0/8'),
        ),
      );
    }
    if (schema.format === 'ip-or-cidr') {
      cases.push(
        c(
          'not an IP or CIDR',
          'invalid',
          fc.constantFrom(
            '',
            'localhost',
            '300.1.1.1',
            '10.0.0.0/33',
            '2001:db8::/129',
            '10.0.0.1/',
            '010.0.0.1',
            'fe80::1%eth0',
          ),
        ),
      );
    }
    if (schema.format === 'email') {
      cases.push(
        c(
          'not an email',
          'invalid',
          fc.oneof(
            fc.constantFrom('a', 'a@', '@example.com', 'a b@example.com', 'a@@example.com', ''),
            fc.constantFrom(
              'a@example..com',
              'a@-example.com',
              '<a@example.com>',
              'a@example.com\n',
            ),
            fc.string().filter((s) => !s.includes('@')),
          ),
        ),
      );
    }
    if (schema.format === 'date-time') {
      cases.push(
        c(
          'not a date-time',
          'invalid',
          fc.constantFrom(
            '2030-13-01T00:00:00Z',
            '2030-02-30T00:00:00Z',
            '2030-01-01',
            '2030-01-01T00:00:00',
            '2030-01-01 00:00:00Z',
            'tomorrow',
            '1893456000',
            '+275760-09-13T00:00:00.000Z',
            '',
          ),
        ),
      );
      const mustBeFuture = /future/i.test(schema.description ?? '');
      cases.push(
        c(
          'in the past',
          mustBeFuture ? 'invalid' : 'edge',
          fc
            .date({
              min: new Date('1970-01-01'),
              max: new Date(Date.now() - 60_000),
              noInvalidDate: true,
            })
            .map((d) => d.toISOString()),
        ),
      );
    }
    cases.push(c('hostile unicode (NUL, lone surrogates, controls)', 'edge', hostile));
  } else if (type === 'integer' || type === 'number') {
    const min = schema.minimum;
    const max = schema.maximum;
    if (min !== undefined) {
      cases.push(
        c(
          `below minimum ${min}`,
          'invalid',
          fc.oneof(
            fc.integer({ min: -1_000_000, max: Math.ceil(min) - 1 }),
            fc
              .constantFrom(min - 1, -1, -0.5, -1e308, Number.MIN_SAFE_INTEGER)
              .filter((n) => n < min),
          ),
        ),
      );
    }
    if (max !== undefined) {
      cases.push(
        c(
          `above maximum ${max}`,
          'invalid',
          fc.oneof(
            fc.integer({ min: Math.floor(max) + 1, max: Math.floor(max) + 1_000_000 }),
            fc.constantFrom(max + 1, 2 ** 31, 2 ** 53, 1e308),
          ),
        ),
      );
    } else {
      cases.push(c('huge number', 'edge', fc.constantFrom(2 ** 31, 2 ** 53, 1e21, 1e308)));
    }
    if (type === 'integer') {
      cases.push(
        c(
          'not an integer',
          'invalid',
          fc
            .double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true, noDefaultInfinity: true })
            .filter((n) => !Number.isInteger(n)),
        ),
      );
    }
  } else if (type === 'array') {
    const items = resolve(schema.items ?? {});
    cases.push(
      c(
        'bad items',
        'invalid',
        fc
          .array(
            broken(items).filter((v) => v.kind === 'invalid'),
            { minLength: 1, maxLength: 3 },
          )
          .map((bad) => bad.map((b) => b.value)),
      ),
    );
    if ((schema.minItems ?? 0) > 0) cases.push(c('too few items', 'invalid', fc.constant([])));
    if (schema.uniqueItems) {
      cases.push(
        c(
          'duplicate items',
          'invalid',
          valid(schema)
            .filter((a) => Array.isArray(a) && a.length > 0)
            .map((a) => [...(a as unknown[]), (a as unknown[])[0]]),
        ),
      );
    }
    cases.push(
      c(
        'thousands of items',
        'invalid',
        fc
          .integer({ min: 1_000, max: 1_500 })
          .map((n) => Array.from({ length: n }, () => 'read:users')),
      ),
    );
  } else if (type === 'object' && Object.keys(schema.properties ?? {}).length === 0) {
    // A free-form object (metadata): only its JSON type is documented.
    cases.push(
      c(
        'deeply nested',
        'edge',
        fc.integer({ min: 50, max: 3_000 }).map((depth) => nest(depth)),
      ),
      c(
        'hostile unicode inside',
        'edge',
        fc.tuple(hostile, hostile).map(([k, v]) => ({ note: v, [k]: 'x' })),
      ),
      c(
        'huge inside',
        'edge',
        huge.map((s) => ({ blob: s })),
      ),
    );
  }
  return fc.oneof(...cases);
}

function nest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { n: value };
  return { deep: value };
}

/** Strings that are not UUIDs, for ids in paths and uuid-typed fields. */
export const badUuid: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      'not-a-uuid',
      "1' OR '1'='1",
      '0',
      '-1',
      '1.5',
      'null',
      'undefined',
      '\u0000',
      '..',
      '{id}',
      ' ',
      '%',
      'ffffffff-ffff-ffff-ffff-fffffffffffff',
      '00000000-0000-0000-0000-00000000000g',
      'kw_3xT9aQ2mLh5VwZ0bN8cR4dE7fG1hJ6kM9pQ2sT5uX8yA0bC3d4Ef5G',
    ),
    fc.uuid().map((u) => `${u}x`),
    fc.uuid().map((u) => u.slice(1)),
    fc.uuid().map((u) => `{${u}}`),
    fc.uuid().map((u) => u.replace(/-/g, '')),
    fc.uuid().map((u) => ` ${u}`),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    fc.integer({ min: 1_000, max: 6_000 }).map((n) => 'a'.repeat(n)),
  )
  .filter((s) => !UUID_RE.test(s) && s.length > 0);

export interface BodyCase {
  label: string;
  kind: Kind;
  /** The JSON value to send, when `raw` is not set. */
  json?: unknown;
  /** Bytes to send as they are. */
  raw?: Buffer | string;
  /** The Content-Type header; null sends none; undefined sends application/json. */
  contentType?: string | null;
}

const EXTRA_FIELDS = [
  'user_id',
  'key_hash',
  'revoked_at',
  'id',
  'password_hash',
  'created_at',
  'updated_at',
  'last_used_at',
  'key_prefix',
  'role',
  'is_admin',
  // Object.prototype's names: class-validator's whitelist once let them through.
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
];

const fieldName = fc.oneof(
  fc.constantFrom(...EXTRA_FIELDS),
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
);

/**
 * Whole-request-body cases for a body schema, each built on a valid body. An empty body is "no
 * body" to the server, so it is invalid only where the body is required.
 */
export function brokenBody(schemaIn: JsonSchema, bodyRequired = true): fc.Arbitrary<BodyCase> {
  const schema = resolve(schemaIn);
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const required = schema.required ?? [];
  const base = valid(schema).map((b) => b as Record<string, unknown>);
  const cases: fc.Arbitrary<BodyCase>[] = [];

  if (names.length > 0) {
    cases.push(
      fc.tuple(base, fc.constantFrom(...names)).chain(([body, name]) =>
        broken(properties[name]).map((bad) => ({
          label: `${name}: ${bad.label}`,
          kind: bad.kind,
          json: { ...body, [name]: bad.value },
        })),
      ),
    );
  }
  const notNullable = names.filter((n) => !resolve(properties[n]).nullable);
  if (notNullable.length > 0) {
    cases.push(
      fc.tuple(base, fc.constantFrom(...notNullable)).map(([body, name]) => ({
        label: `${name}: null`,
        // A required field cannot be null. An optional one the server reads as absent (a
        // leniency the document does not state, reported rather than decided here).
        kind: required.includes(name) ? 'invalid' : 'edge',
        json: { ...body, [name]: null },
      })),
    );
  }
  if (required.length > 0) {
    cases.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([body, name]) => {
        const copy = { ...body };
        delete copy[name];
        return { label: `missing required ${name}`, kind: 'invalid', json: copy };
      }),
    );
  }
  cases.push(
    fc
      .tuple(base, fieldName, jsonValue)
      .filter(([, name]) => !names.includes(name))
      .map(([body, name, value]) => ({
        label: `extra field ${JSON.stringify(name)}`,
        kind: 'invalid',
        json: { ...body, [name]: value },
      })),
    fc
      .tuple(base, fc.constantFrom(...EXTRA_FIELDS.filter((n) => !names.includes(n))))
      .map(([body, name]) => ({
        label: `extra field ${name} (raw JSON)`,
        kind: 'invalid',
        raw: JSON.stringify(body)
          .replace(/^\{/, `{${JSON.stringify(name)}:"0",`)
          .replace(/,\}$/, '}'),
      })),
    base.map((body) => ({
      label: 'extra field __proto__',
      kind: 'invalid',
      raw: JSON.stringify(body)
        .replace(/^\{/, '{"__proto__":{"role":"admin"},')
        .replace(/,\}$/, '}'),
    })),
    fc
      .constantFrom<unknown>([], [{}], 'body', 42, -1.5, true, false)
      .map((json) => ({ label: `body is ${JSON.stringify(json)}`, kind: 'invalid', json })),
    fc.constantFrom('null').map((raw) => ({ label: 'body is null', kind: 'invalid', raw })),
    fc
      .tuple(
        base,
        fc.constantFrom(
          (s: string) => s.slice(0, -1),
          (s: string) => s.replace(/\}$/, ',}'),
          (s: string) => s.replace(/"/g, "'"),
          (s: string) => `${s}${s}`,
          (s: string) => `/* c */${s}`,
          (s: string) => s.replace(/^\{/, '{NaN:1,'),
          () => '',
          () => '{',
          () => '\u0000',
        ),
      )
      .map(([body, mangle]) => mangle(JSON.stringify(body)))
      .filter((raw) => {
        if (raw === '' && !bodyRequired) return false;
        try {
          JSON.parse(raw);
          return false; // still JSON (e.g. "{}" without quotes to swap)
        } catch {
          return true;
        }
      })
      .map((raw) => ({ label: 'malformed JSON', kind: 'invalid', raw })),
    base.map((body) => ({
      label: 'body with a UTF-8 BOM',
      kind: 'edge',
      raw: `\uFEFF${JSON.stringify(body)}`,
    })),
    base.map((body) => {
      const text = JSON.stringify({ ...body, zz: 'MARK' });
      const at = text.lastIndexOf('"MARK"');
      return {
        label: 'invalid UTF-8 bytes in a string',
        kind: 'edge',
        raw: Buffer.concat([
          Buffer.from(text.slice(0, at + 1), 'utf8'),
          Buffer.from([0xed, 0xa0, 0x80, 0xff, 0xc3]),
          Buffer.from(text.slice(at + 5), 'utf8'),
        ]),
      };
    }),
    fc.tuple(base, fc.integer({ min: -12, max: 12 })).map(([body, delta]) => {
      // An extra field padded so the whole body is within a few bytes of the 16 kB limit.
      const skeleton = JSON.stringify({ ...body, padding: '' });
      const pad = Math.max(0, BODY_LIMIT + delta - Buffer.byteLength(skeleton));
      return {
        label: `body of ${BODY_LIMIT + delta} bytes (extra field)`,
        kind: 'invalid',
        json: { ...body, padding: 'p'.repeat(pad) },
      };
    }),
    fc.integer({ min: 1, max: 40_000 }).map((n) => ({
      label: `body over the limit (${BODY_LIMIT + n} bytes)`,
      kind: 'invalid',
      raw: `{"p":"${'x'.repeat(BODY_LIMIT + n)}"}`,
    })),
    fc
      .tuple(
        base,
        fc.constantFrom(
          'text/plain',
          'text/plain; charset=utf-8',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json-patch+json',
          'application/jsonx',
          'application/octet-stream',
          null,
        ),
      )
      .map(([body, contentType]) => ({
        label: `Content-Type ${contentType ?? '(none)'}`,
        kind: 'invalid',
        raw:
          contentType === 'application/x-www-form-urlencoded'
            ? new URLSearchParams(
                Object.entries(body).map(([k, v]): [string, string] => [
                  k,
                  typeof v === 'string' ? v : JSON.stringify(v),
                ]),
              ).toString()
            : JSON.stringify(body),
        contentType,
      })),
    fc
      .tuple(
        base,
        fc.constantFrom(
          'Application/JSON',
          'application/json; charset=utf-8',
          'application/json;charset=UTF-8',
        ),
      )
      .map(([body, contentType]) => ({
        label: `Content-Type ${contentType}`,
        kind: 'edge',
        json: body,
        contentType,
      })),
  );
  return fc.oneof(...cases);
}

export interface QueryCase {
  label: string;
  kind: Kind;
  query: [string, string][];
}

/**
 * How the server reads a query value: every value is a string, so a number or boolean parameter
 * is judged on its canonical spelling. Canonical and in range → valid; plainly not a number /
 * boolean / uuid, or out of range → invalid; anything between (' 5', '1e2', '') → edge.
 */
export function classifyQueryValue(schema: JsonSchema, value: string): Kind | 'valid' {
  const s = resolve(schema);
  if (s.type === 'integer' || s.type === 'number') {
    if (/^-?\d+(\.\d+)?$/.test(value)) {
      const n = Number(value);
      const inRange =
        (s.minimum === undefined || n >= s.minimum) && (s.maximum === undefined || n <= s.maximum);
      const integral = s.type === 'number' || Number.isInteger(n);
      if (!inRange || !integral) return 'invalid';
      return Math.abs(n) <= Number.MAX_SAFE_INTEGER ? 'valid' : 'edge';
    }
    return value.trim() !== '' && Number.isNaN(Number(value)) ? 'invalid' : 'edge';
  }
  if (s.type === 'boolean') return value === 'true' || value === 'false' ? 'valid' : 'invalid';
  if (s.format === 'uuid') return UUID_RE.test(value) ? 'valid' : 'invalid';
  if (s.enum) return s.enum.includes(value) ? 'valid' : 'invalid';
  return value === '' ? 'edge' : 'valid';
}

/** Query-string cases for an operation's query parameters. */
export function brokenQuery(params: Parameter[]): fc.Arbitrary<QueryCase> {
  const cases: fc.Arbitrary<QueryCase>[] = [];
  for (const p of params) {
    const candidates = fc.oneof(
      broken(p.schema)
        .filter((b) => b.value === null || typeof b.value !== 'object')
        .map((b) => String(b.value)),
      fc.constantFrom('', ' ', 'abc', '1,2', '[]', '-1', '0', '1.5', '1e2', ' 5', '0x10', 'NaN'),
      fc.constantFrom('TRUE', '1', 'yes', 'null', '%00'),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
    );
    cases.push(
      candidates
        .map((value) => ({ value, kind: classifyQueryValue(p.schema, value) }))
        .filter((v) => v.kind !== 'valid')
        .map(({ value, kind }) => ({
          label: `${p.name}=${JSON.stringify(value)}`,
          kind: kind as Kind,
          query: [[p.name, value]] as [string, string][],
        })),
      valid(p.schema).map((v) => ({
        label: `${p.name} repeated`,
        kind: 'invalid',
        query: [
          [p.name, String(v)],
          [p.name, String(v)],
        ] as [string, string][],
      })),
    );
  }
  const known = params.map((p) => p.name);
  cases.push(
    fc
      .tuple(fieldName, fc.string())
      .filter(([name]) => !known.includes(name))
      .map(([name, value]) => ({
        label: `unknown query parameter ${JSON.stringify(name)}`,
        // Operations with documented query parameters validate the whole query (unknown → 400);
        // for the others the document says nothing about extra parameters.
        kind: params.length > 0 ? 'invalid' : 'edge',
        query: [[name, value]] as [string, string][],
      })),
  );
  return fc.oneof(...cases);
}

/** Percent-encodes every byte outside RFC 3986's unreserved set (lone surrogates become U+FFFD). */
export function pctEncode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch)
      ? ch
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function pathFor(
  op: Operation,
  params: Record<string, string>,
  query: [string, string][] = [],
): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => pctEncode(params[name] ?? ''));
  if (query.length === 0) return path;
  return `${path}?${query.map(([k, v]) => `${pctEncode(k)}=${pctEncode(v)}`).join('&')}`;
}
