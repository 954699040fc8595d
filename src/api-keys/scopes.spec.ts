import { ALL_SCOPES, effectiveScopes, isScope, Scope, SCOPE_DESCRIPTIONS } from './scopes';

describe('scopes', () => {
  it('lists exactly the contract scopes, each described', () => {
    expect([...ALL_SCOPES].sort()).toEqual(['read:users', 'verify:api-keys', 'write:users']);
    for (const scope of ALL_SCOPES) expect(SCOPE_DESCRIPTIONS[scope]).toEqual(expect.any(String));
  });

  it('recognises scopes exactly (no case folding, no prefixes, no non-strings)', () => {
    expect(isScope('read:users')).toBe(true);
    for (const value of [
      'READ:USERS',
      'read:users ',
      'read:',
      'read:everything',
      '',
      null,
      1,
      {},
    ]) {
      expect(isScope(value)).toBe(false);
    }
  });

  describe('effectiveScopes', () => {
    it('gives a session (no key scopes) every scope of its role', () => {
      expect(effectiveScopes('user').sort()).toEqual([...ALL_SCOPES].sort());
      expect(effectiveScopes('admin').sort()).toEqual([...ALL_SCOPES].sort());
    });

    it("gives a key only the scopes it holds that its owner's role allows", () => {
      expect(effectiveScopes('user', ['read:users'])).toEqual([Scope.ReadUsers]);
      expect(effectiveScopes('user', ['write:users', 'read:users']).sort()).toEqual([
        Scope.ReadUsers,
        Scope.WriteUsers,
      ]);
      expect(effectiveScopes('admin', ['verify:api-keys'])).toEqual([Scope.VerifyApiKeys]);
    });

    it('drops unknown scopes and grants nothing for an empty list', () => {
      expect(effectiveScopes('user', ['read:everything', 'admin', 'READ:USERS'])).toEqual([]);
      expect(effectiveScopes('user', [])).toEqual([]);
      expect(effectiveScopes('admin', ['read:everything', 'read:users'])).toEqual([
        Scope.ReadUsers,
      ]);
    });

    it('grants nothing to a role it does not know', () => {
      expect(effectiveScopes('superuser' as never, ['read:users'])).toEqual([]);
      expect(effectiveScopes('superuser' as never)).toEqual([]);
    });

    it('returns a fresh array the caller may change', () => {
      const scopes = effectiveScopes('user');
      scopes.pop();
      expect(effectiveScopes('user')).toHaveLength(ALL_SCOPES.length);
    });
  });
});
