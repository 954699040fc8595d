import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from './errors';

/**
 * Cursors are opaque to callers: a list's position, MAC'd so that a cursor is one we gave out (a
 * forged or mangled one is 400 invalid_cursor, never a query on attacker-chosen values). Each
 * list signs with its own purpose, so one list's cursor is never accepted by another.
 */
export class SignedCursor {
  private readonly key: Buffer;

  constructor(secret: string, purpose: string) {
    this.key = createHmac('sha256', secret).update(purpose).digest();
  }

  seal(text: string): string {
    const body = Buffer.from(text).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The text of a cursor this sealed; InvalidCursorError for anything else. */
  open(cursor: string): string {
    const [body, mac, ...rest] = cursor.split('.');
    if (!body || !mac || rest.length > 0) throw new InvalidCursorError();
    // Compared as text: base64url decoding ignores stray low bits, so two spellings would pass.
    const given = Buffer.from(mac);
    const expected = Buffer.from(this.mac(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidCursorError();
    }
    return Buffer.from(body, 'base64url').toString('utf8');
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key)
      .update(body)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}
