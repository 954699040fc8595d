import type { Role } from '../users/user.entity';

/** Every scope a key can hold (contract "Scopes, v1"). One list: validation, guard and OpenAPI. */
export enum Scope {
  ReadUsers = 'read:users',
  WriteUsers = 'write:users',
  VerifyApiKeys = 'verify:api-keys',
}

export const ALL_SCOPES: readonly Scope[] = Object.values(Scope);

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  [Scope.ReadUsers]: "Read its owner's user record (GET /auth/user, GET /users/...)",
  [Scope.WriteUsers]: "Change its owner's user record (PATCH /users/{id})",
  [Scope.VerifyApiKeys]: 'Call POST /api-keys/verify to check a key that another service received',
};

/** What each role may do at all. A key's power is its scopes intersected with this. */
const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  user: ALL_SCOPES,
  admin: ALL_SCOPES,
};

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (ALL_SCOPES as readonly string[]).includes(value);
}

export function effectiveScopes(role: Role, keyScopes?: readonly string[]): Scope[] {
  const allowed = ROLE_SCOPES[role] ?? [];
  if (keyScopes === undefined) return [...allowed];
  return allowed.filter((s) => keyScopes.includes(s));
}
