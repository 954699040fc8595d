import { InvalidCursorError } from '../common/errors';
import { SignedCursor } from '../common/signed-cursor';

/**
 * Audit cursors are opaque to callers: the `seq` of a page's last event, MAC'd so that a cursor
 * is one we gave out (a forged or mangled one is 400 invalid_cursor). `seq` is unique and
 * increasing, so a walk newest first is a plain keyset walk on it, and events written during the
 * walk sort before its position: none is seen twice or skipped.
 */
export class AuditCursorCodec {
  private readonly cursor: SignedCursor;

  constructor(secret: string) {
    this.cursor = new SignedCursor(secret, 'keyward audit-event cursor v1');
  }

  encode(seq: number): string {
    return this.cursor.seal(String(seq));
  }

  decode(cursor: string): number {
    const text = this.cursor.open(cursor);
    if (!/^[1-9]\d{0,15}$/.test(text)) throw new InvalidCursorError();
    return Number(text);
  }
}
