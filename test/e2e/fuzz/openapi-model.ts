import { isIP } from 'node:net';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import openapi from '../../../openapi.json';
import { allowlistProblem } from '../../../src/api-keys/ip-allowlist';

/**
 * The committed OpenAPI document, read as data: its operations, their request schemas (body,
 * path and query parameters) and response schemas. The fuzzer derives everything from here, so
 * an operation added to the document is fuzzed (or the suite fails until it has an oracle).
 */

export interface JsonSchema {
  $ref?: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  format?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  nullable?: boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  allOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  example?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  id: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** The document's path template, e.g. `/api/v1/api-keys/{id}`. */
  path: string;
  /** Acceptable credentials: `bearer` (a session JWT) and/or `api_key` (with these scopes). */
  security: { bearer: boolean; apiKeyScopes: string[] | null };
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON request body schema (resolved), when the operation takes one. */
  body: JsonSchema | null;
  bodyRequired: boolean;
  /** The documented success status (the first 2xx). */
  success: number;
  /** Every status the document admits: explicit responses plus those the `default` names. */
  documentedStatuses: Set<number>;
  /** Response schemas by status ('default' included). */
  responses: Record<string, JsonSchema | null>;
}

interface RawOperation {
  operationId: string;
  parameters?: { name: string; in: Parameter['in']; required?: boolean; schema: JsonSchema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    { description?: string; content?: Record<string, { schema: JsonSchema }> }
  >;
  security?: Record<string, string[]>[];
}

interface Document {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export const DOCUMENT = openapi as unknown as Document;

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

/** Follows `$ref` and flattens a single-element `allOf` (how Nest's generator names an enum). */
export function resolve(schema: JsonSchema): JsonSchema {
  let current = schema;
  for (;;) {
    if (current.$ref) {
      const name = current.$ref.replace('#/components/schemas/', '');
      const target = DOCUMENT.components.schemas[name];
      if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
      const rest = { ...current };
      delete rest.$ref;
      current = { ...target, ...rest };
      continue;
    }
    if (current.allOf && current.allOf.length === 1) {
      const { allOf, ...rest } = current;
      current = { ...resolve(allOf[0]), ...rest };
      continue;
    }
    return current;
  }
}

function documentedStatuses(responses: RawOperation['responses']): Set<number> {
  const statuses = new Set<number>();
  for (const [status, response] of Object.entries(responses)) {
    if (/^\d{3}$/.test(status)) statuses.add(Number(status));
    // "Any other error, in the same shape: 413 `payload_too_large`, 415 ..., 503 `unavailable`"
    if (status === 'default') {
      for (const m of (response.description ?? '').matchAll(/\b([45]\d\d)\b/g)) {
        statuses.add(Number(m[1]));
      }
    }
  }
  return statuses;
}

export function loadOperations(): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(DOCUMENT.paths)) {
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      // An endless stream has no answer to compare, only a first byte: its own suite
      // (keys/key-events) covers who may open it and what it sends.
      if (Object.values(raw.responses).some((r) => r.content?.['text/event-stream'])) continue;
      const params = (raw.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required ?? p.in === 'path',
        schema: resolve(p.schema),
      }));
      const jsonBody = raw.requestBody?.content['application/json']?.schema;
      const security = raw.security ?? [];
      const apiKey = security.find((s) => 'api_key' in s);
      const responses: Record<string, JsonSchema | null> = {};
      for (const [status, response] of Object.entries(raw.responses)) {
        responses[status] = response.content?.['application/json']?.schema ?? null;
      }
      const success = Object.keys(raw.responses)
        .filter((s) => /^2\d\d$/.test(s))
        .map(Number)[0];
      if (success === undefined) throw new Error(`${raw.operationId} documents no 2xx answer`);
      operations.push({
        id: raw.operationId,
        method,
        path,
        security: {
          bearer: security.some((s) => 'bearer' in s),
          apiKeyScopes: apiKey ? apiKey.api_key : null,
        },
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: jsonBody ? resolve(jsonBody) : null,
        bodyRequired: raw.requestBody?.required ?? false,
        success,
        documentedStatuses: documentedStatuses(raw.responses),
        responses,
      });
    }
  }
  return operations;
}

/**
 * Response schemas are checked *closed*: an object schema that does not say otherwise gets
 * `additionalProperties: false`, so an answer carrying a field the document does not name
 * (`key_hash`, `password_hash`, a stray internal column) fails validation.
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    // `properties` maps names to schemas: recurse into the schemas, never treat names as keywords.
    if (k === 'properties' && v && typeof v === 'object') {
      const props = Object.entries(v as Record<string, unknown>);
      out[k] = Object.fromEntries(props.map(([p, s]) => [p, closeObjects(s)]));
    } else if (k === 'example' || k === 'default') {
      out[k] = v;
    } else {
      out[k] = closeObjects(v);
    }
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export class ResponseValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    // strict: false for the OpenAPI-only keywords (example); `nullable` is understood by Ajv.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat('ip', (value: string) => isIP(value) !== 0);
    this.ajv.addFormat('ip-or-cidr', (value: string) => allowlistProblem([value], 'ip') === null);
    this.ajv.addSchema(
      { components: closeObjects(DOCUMENT.components) as Record<string, unknown> },
      'openapi.json',
    );
  }

  /** Validates `body` against the document's schema for this operation and status. */
  validate(op: Operation, status: number, body: unknown): string[] {
    const schema = op.responses[String(status)] ?? op.responses.default;
    if (!schema) return [`${op.id}: no schema for status ${status}`];
    const cacheKey = `${op.id} ${status}`;
    let validate = this.cache.get(cacheKey);
    if (!validate) {
      const rewritten = JSON.parse(
        JSON.stringify(closeObjects(schema)).replace(
          /"#\/components\//g,
          '"openapi.json#/components/',
        ),
      ) as Record<string, unknown>;
      validate = this.ajv.compile(rewritten);
      this.cache.set(cacheKey, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
  }
}
