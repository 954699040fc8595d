import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { allowlistProblem } from '../ip-allowlist';
import { ALL_SCOPES, isScope } from '../scopes';

/** First problem with a scope list, naming the exact element (`scopes[1]: ...`), or null. */
export function scopeListProblem(value: unknown, property: string): string | null {
  if (!Array.isArray(value)) return `${property} must be an array of scopes`;
  if (value.length === 0) return `${property} must contain at least one scope`;
  const seen = new Set<string>();
  for (const [i, scope] of value.entries()) {
    if (typeof scope !== 'string') return `${property}[${i}]: must be a string`;
    if (!isScope(scope)) {
      return `${property}[${i}]: unknown scope '${scope.slice(0, 64)}' (valid: ${ALL_SCOPES.join(', ')})`;
    }
    if (seen.has(scope)) return `${property}[${i}]: duplicate scope '${scope}'`;
    seen.add(scope);
  }
  return null;
}

export function IsScopeList(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isScopeList',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          scopeListProblem(value, args.property) === null,
        defaultMessage: (args: ValidationArguments) =>
          scopeListProblem(args.value, args.property) ?? 'invalid scopes',
      },
    });
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/i;

const isLeapYear = (year: number): boolean =>
  year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * The instant an RFC 3339 date-time names, or NaN when it is not one. Date.parse alone rolls an
 * impossible date over (2030-02-31 became 3 March) and reads T24:00 as the next midnight; every
 * field is range-checked first. A leap second (:60) is refused: a Date cannot hold one.
 */
export function parseRfc3339(value: string): number {
  const match = RFC3339.exec(value);
  if (!match) return NaN;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const [offsetHours, offsetMinutes] = [match[7], match[8]].map((part) => Number(part ?? 0));
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  return valid ? Date.parse(value) : NaN;
}

/** An RFC 3339 timestamp with a time zone, strictly in the future. */
export function IsFutureTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isFutureTimestamp',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseRfc3339(value) > Date.now(),
        defaultMessage: (args: ValidationArguments) =>
          typeof args.value === 'string' && !Number.isNaN(parseRfc3339(args.value))
            ? `${args.property} must be in the future`
            : `${args.property} must be a valid RFC 3339 timestamp, e.g. 2030-12-31T23:59:59Z`,
      },
    });
}

/**
 * A string of `min`..`max` Unicode code points: how PostgreSQL's varchar(n) and JSON Schema's
 * maxLength count. class-validator's Length/MaxLength do not count variation selectors (U+FE0F),
 * so 400 × '❤️' (800 code points) passed MaxLength(500) and then failed in the database (a 500,
 * or silent truncation when the excess was spaces). Found by the OpenAPI fuzzer.
 */
export function CodePointLength(
  min: number,
  max: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'codePointLength',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const length = [...value].length;
          return length >= min && length <= max;
        },
        defaultMessage: (args: ValidationArguments) =>
          min > 0
            ? `${args.property} must be ${min} to ${max} characters long`
            : `${args.property} must be at most ${max} characters long`,
      },
    });
}

/** How large a key's metadata may be, as UTF-8 JSON. */
export const MAX_KEY_METADATA_BYTES = 4096;

function keyMetadataProblem(value: unknown, property: string): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `${property} must be a JSON object`;
  }
  const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (size > MAX_KEY_METADATA_BYTES) {
    return `${property} must be at most ${MAX_KEY_METADATA_BYTES} bytes as JSON (got ${size})`;
  }
  return null;
}

/** A plain JSON object of at most MAX_KEY_METADATA_BYTES serialized. */
export function IsKeyMetadata(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isKeyMetadata',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          keyMetadataProblem(value, args.property) === null,
        defaultMessage: (args: ValidationArguments) =>
          keyMetadataProblem(args.value, args.property) ?? 'invalid metadata',
      },
    });
}

/** IPv4/IPv6 addresses or CIDRs, 1 to 100 of them; a problem names the entry (`allowed_ips[2]`). */
export function IsIpAllowlist(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIpAllowlist',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          allowlistProblem(value, args.property) === null,
        defaultMessage: (args: ValidationArguments) =>
          allowlistProblem(args.value, args.property) ?? 'invalid allowlist',
      },
    });
}
