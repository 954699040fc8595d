import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '../common/errors';

/**
 * Audit cursors are opaque to callers: the `seq` of a page's last event, MAC'd so that a cursor
 * is one we gave out (a forged or mangled one is 400 invalid_cursor). `seq` is unique and
 * increasing, so a walk newest first is a plain keyset walk on it, and events written during the
 * walk sort before its position: none is seen twice or skipped.
 */
export class AuditCursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('keyward audit-event cursor v1').digest();
  }

  encode(seq: number): string {
    const body = Buffer.from(String(seq)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  decode(cursor: string): number {
    const [body, mac, ...rest] = cursor.split('.');
    if (!body || !mac || rest.length > 0) throw new InvalidCursorError();
    // Compared as text: base64url decoding ignores stray low bits, so two spellings would pass.
    const given = Buffer.from(mac);
    const expected = Buffer.from(this.mac(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidCursorError();
    }
    const text = Buffer.from(body, 'base64url').toString('utf8');
    if (!/^[1-9]\d{0,15}$/.test(text)) throw new InvalidCursorError();
    return Number(text);
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key)
      .update(body)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}
