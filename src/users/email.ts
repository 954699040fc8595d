import { domainToASCII } from 'node:url';
import {
  isEmail,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';

/**
 * What an account's email may be, and the one form it is stored and compared in. Look-alike
 * spellings of an address must either become that address or be refused, never a second account:
 * - NFKC first (full-width `ＡＤＭＩＮ` is `ADMIN`), then lower case; the domain in its IDNA ASCII
 *   form, so a look-alike domain shows as `xn--…`;
 * - no invisible characters: controls, format characters (zero-width, bidi), spaces, unassigned;
 * - the local part is ASCII, or written in one non-Latin script (Cyrillic, Greek, Han…; UTS #39's
 *   Han combinations for Japanese, Korean and Chinese count as one). Latin letters beyond ASCII
 *   (`ı`, `İ`, accented letters) and script mixes (a Cyrillic `а` among Latin letters) are refused,
 *   as are combining marks that belong to no script (an `i` with a combining dot).
 */
export const EMAIL_RULES =
  'Compared and stored NFKC-normalised and lower-cased, the domain in IDNA ASCII form. Refused: ' +
  'invisible characters (controls, zero-width, bidi and other format characters, spaces), and a ' +
  'local part that is neither ASCII nor written in a single non-Latin script (no Latin letters ' +
  'beyond ASCII, no mixed scripts). At most 254 characters once normalised.';

const INVISIBLE = /[\p{C}\p{Z}]/u;

/** UTS #31's recommended scripts other than Latin (Table 5), by Unicode script name. */
const SCRIPTS = [
  'Arabic',
  'Armenian',
  'Bengali',
  'Bopomofo',
  'Cyrillic',
  'Devanagari',
  'Ethiopic',
  'Georgian',
  'Greek',
  'Gujarati',
  'Gurmukhi',
  'Han',
  'Hangul',
  'Hebrew',
  'Hiragana',
  'Kannada',
  'Katakana',
  'Khmer',
  'Lao',
  'Malayalam',
  'Myanmar',
  'Oriya',
  'Sinhala',
  'Tamil',
  'Telugu',
  'Thaana',
  'Thai',
  'Tibetan',
].map((name) => ({ name, pattern: new RegExp(`\\p{scx=${name}}`, 'u') }));

/** Han goes with the scripts it is written beside (UTS #39, "highly restrictive"). */
const WRITING_SYSTEMS: Record<string, string[]> = {
  Han: ['Japanese', 'Korean', 'Chinese'],
  Hiragana: ['Japanese'],
  Katakana: ['Japanese'],
  Hangul: ['Korean'],
  Bopomofo: ['Chinese'],
};

/** The same address, however it was spelled; total (never throws), for look-ups too. */
export function normalizeEmail(email: string): string {
  const folded = email.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
  const at = folded.lastIndexOf('@');
  if (at < 0) return folded;
  const domain = folded.slice(at + 1);
  return `${folded.slice(0, at)}@${domainToASCII(domain) || domain}`;
}

/** Why this address cannot be an account's, or null. */
export function emailProblem(email: unknown): string | null {
  if (typeof email !== 'string') return 'must be a valid email address';
  const text = email.trim().normalize('NFKC');
  if (INVISIBLE.test(text)) {
    return 'must not contain invisible, control, format or space characters';
  }
  const at = text.lastIndexOf('@');
  if (at < 1 || !domainToASCII(text.slice(at + 1))) return 'must be a valid email address';
  // isEmail also bounds the normalised form (NFKC can lengthen it) to the column's 254.
  const normalized = normalizeEmail(text);
  if (!isEmail(normalized)) return 'must be a valid email address';
  return localPartProblem(normalized.slice(0, normalized.lastIndexOf('@')));
}

function localPartProblem(local: string): string | null {
  if (/^[\x21-\x7e]*$/.test(local)) return null;
  let systems: Set<string> | null = null;
  for (const char of local) {
    if (char <= '\x7e' && !/[a-z]/.test(char)) continue; // ASCII digits and punctuation
    if (/\p{sc=Latin}/u.test(char)) {
      return 'must not mix Latin letters with other scripts or use Latin letters beyond ASCII';
    }
    const own = SCRIPTS.filter((s) => s.pattern.test(char)).flatMap(
      (s) => WRITING_SYSTEMS[s.name] ?? [s.name],
    );
    if (own.length === 0) return 'must be written in a single supported script';
    systems = new Set(systems ? own.filter((s) => systems!.has(s)) : own);
    if (systems.size === 0) return 'must not mix scripts in the local part';
  }
  return null;
}

/** Sign-up's email: see EMAIL_RULES. */
export function IsAccountEmail(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isAccountEmail',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => emailProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          emailProblem(args?.value) ?? 'must be a valid email address',
      },
    });
}
