import { createHash } from 'node:crypto';
import { auditHash, canonicalJson, GENESIS_HASH } from './audit-hash';

describe('audit hash', () => {
  it('writes JSON with keys sorted at every depth and absent fields left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' }, e: undefined })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it('hashes prev_hash, a newline and the canonical JSON of everything else', () => {
    const event = {
      id: '3e6f1c2a-8b4d-4f0e-9a7c-1d2e3f4a5b6c',
      seq: 1,
      at: '2026-12-01T10:15:30.123Z',
      action: 'user.signed_up' as const,
      actor: { type: 'user' as const, id: '0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11' },
      prev_hash: GENESIS_HASH,
    };
    const expected = createHash('sha256')
      .update(
        `${GENESIS_HASH}\n{"action":"user.signed_up","actor":{"id":"0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11","type":"user"},"at":"2026-12-01T10:15:30.123Z","id":"3e6f1c2a-8b4d-4f0e-9a7c-1d2e3f4a5b6c","seq":1}`,
      )
      .digest('hex');
    expect(auditHash(event)).toBe(expected);
    expect(auditHash({ ...event, seq: 2 })).not.toBe(expected);
    expect(auditHash({ ...event, prev_hash: 'f'.repeat(64) })).not.toBe(expected);
  });
});
