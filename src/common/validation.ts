import { applyDecorators, ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString } from 'class-validator';
import { ErrorDetail, ValidationFailedError } from './errors';

/**
 * A constraint message may name a more precise field than its property (e.g. `scopes[1]`) by
 * starting with `<field>: `; see IsScopeList. Everything else reports the property path.
 */
const FIELD_PREFIX = /^([A-Za-z_][\w]*(?:\[\d+\])+): (.*)$/s;

export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      if (error.constraints?.whitelistValidation === message) {
        details.push({ field, problem: 'unknown field' });
        continue;
      }
      const precise = FIELD_PREFIX.exec(message);
      details.push(
        precise ? { field: precise[1], problem: precise[2] } : { field, problem: message },
      );
    }
    if (error.children?.length) details.push(...flattenValidationErrors(error.children, field));
  }
  return details;
}

const LONE_SURROGATE = /\p{Cs}/u;

/** How deep a request body may nest (the body itself is level 1; metadata can use 31). */
export const MAX_BODY_DEPTH = 32;

/** Keys Nest's ValidationPipe deletes at any depth (prototype-pollution guard). */
export const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What the OpenAPI document says about free-form metadata (see bodyProblem). */
export const METADATA_RULES =
  `Any JSON object, at most ${MAX_BODY_DEPTH - 1} levels deep; the keys __proto__, constructor ` +
  'and prototype are refused at any depth, as are unpaired UTF-16 surrogates';

/**
 * The first problem anywhere inside a top-level field, or null. All three answered wrongly before
 * (found by the OpenAPI fuzzer):
 * - an unpaired UTF-16 surrogate (`"\udfff"` is valid JSON but not Unicode text): jsonb refused
 *   it (22P02) and the answer was a 500; text columns would store U+FFFD instead;
 * - a key Nest silently deletes (`prototype`, `constructor`): metadata lost it without a word;
 * - nesting over MAX_BODY_DEPTH: class-transformer's recursion overflowed the stack (a 500).
 * Iterative, so the walk itself cannot overflow.
 */
function bodyProblem(body: Record<string, unknown>): ErrorDetail | null {
  for (const [field, top] of Object.entries(body)) {
    if (LONE_SURROGATE.test(field)) return { field, problem: 'contains an unpaired surrogate' };
    const stack: [unknown, number][] = [[top, 2]];
    while (stack.length > 0) {
      const [value, depth] = stack.pop()!;
      if (typeof value === 'string') {
        if (LONE_SURROGATE.test(value)) {
          return { field, problem: 'contains an unpaired UTF-16 surrogate (not Unicode text)' };
        }
      } else if (value !== null && typeof value === 'object') {
        if (depth > MAX_BODY_DEPTH) {
          return { field, problem: `nests deeper than ${MAX_BODY_DEPTH - 1} levels` };
        }
        for (const [k, v] of Object.entries(value)) {
          if (LONE_SURROGATE.test(k)) return { field, problem: 'contains an unpaired surrogate' };
          if (!Array.isArray(value) && RESERVED_KEYS.has(k)) {
            return { field, problem: `uses the reserved key '${k}'` };
          }
          stack.push([v, depth + 1]);
        }
      }
    }
  }
  return null;
}

/**
 * class-validator's whitelist looks names up in a plain object, so a field named after an
 * Object.prototype member (`constructor`, `toString`, `hasOwnProperty`...) counts as declared
 * and slips through `forbidNonWhitelisted` onto the DTO. Found by the OpenAPI fuzzer: refused
 * here as the unknown fields they are.
 */
class ContractValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // ValidationPipe reads a JSON `null` body as `{}`, so `PATCH` with `null` answered 200.
    if (metadata.type === 'body' && value === null) {
      throw new ValidationFailedError([{ problem: 'the body must be a JSON object' }]);
    }
    if (
      (metadata.type === 'body' || metadata.type === 'query') &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      const inherited = Object.keys(value).filter((key) => key in Object.prototype);
      if (inherited.length > 0) {
        throw new ValidationFailedError(
          inherited.map((field) => ({ field, problem: 'unknown field' })),
        );
      }
      const problem = bodyProblem(value as Record<string, unknown>);
      if (problem !== null) throw new ValidationFailedError([problem]);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ContractValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    // One problem per field. Constraints run in registration order, i.e. bottom-up, so DTOs put
    // the type check last: a missing or mistyped value reports that, not a length.
    stopAtFirstError: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}

/**
 * Keeps a free-form JSON field (metadata) exactly as parsed. class-transformer rebuilds nested
 * plain objects and silently drops keys named like Object.prototype methods (`valueOf`,
 * `toString`, `hasOwnProperty`) at any depth: `{ "a": { "valueOf": 1 } }` was saved as
 * `{ "a": {} }`. Found by the OpenAPI fuzzer.
 */
export const KeepRawJson = (): PropertyDecorator =>
  Transform(({ obj, key }) => (obj as Record<string, unknown>)[key]);

/**
 * A free-form `metadata` object (sign-up, user update): documented once and kept exactly as
 * parsed. Whether `null` is allowed stays with each DTO's own validators.
 */
export const MetadataField = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: true,
      description: METADATA_RULES,
      example: { team: 'payments' },
    }),
    KeepRawJson(),
  );

/**
 * A list's `cursor` query parameter. Any string passes validation: the list reads it first and
 * answers 400 `invalid_cursor` for one it did not give out, empty and overlong ones included,
 * which is the code the contract names for every foreign cursor (a length check here answered
 * `validation_failed` for some of them).
 */
export const CursorField = (example: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      description:
        "Opaque: the previous page's `next_cursor`. Any other value is 400 `invalid_cursor`",
      example,
    }),
    IsOptional(),
    IsString(),
  );
