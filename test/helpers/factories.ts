import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { hash } from '@node-rs/argon2';
import request from 'supertest';
import { ARGON2_OPTIONS } from '../../src/auth/password.service';
import { normalizeEmail } from '../../src/users/email';
import { UserEntity } from '../../src/users/user.entity';
import type { TestApp } from './test-app';

export const API = '/api/v1';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

function toTestUser(res: request.Response, email: string, password: string): TestUser {
  const body = res.body as { user: { id: string }; access_token: string; refresh_token: string };
  return {
    id: body.user.id,
    email,
    password,
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
  };
}

export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${randomBytes(5).toString('hex')}@example.com`;
}

export const STRONG_PASSWORD = 'correct horse battery staple 42';

/** Signs a new user up through the API and returns its credentials. */
export async function createUser(
  http: Server,
  overrides: { email?: string; password?: string } = {},
): Promise<TestUser> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? STRONG_PASSWORD;
  const res = await request(http).post(`${API}/auth/signup`).send({ email, password }).expect(201);
  return toTestUser(res, email, password);
}

export interface CreatedKey {
  id: string;
  key: string;
  body: Record<string, unknown>;
}

/** Creates an API key for `user` through the API. */
export async function createApiKey(
  http: Server,
  user: Pick<TestUser, 'accessToken'>,
  body: Record<string, unknown> = {},
): Promise<CreatedKey> {
  const res = await request(http)
    .post(`${API}/api-keys`)
    .set('Authorization', `Bearer ${user.accessToken}`)
    .send({ name: 'Test key', scopes: ['read:users'], ...body })
    .expect(201);
  const created = res.body as { api_key: { id: string }; key: string };
  return { id: created.api_key.id, key: created.key, body: res.body as Record<string, unknown> };
}

export const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

/** Signs an existing user in (e.g. the start-up admin) and returns its credentials. */
export async function signIn(http: Server, email: string, password: string): Promise<TestUser> {
  const res = await request(http).post(`${API}/auth/signin`).send({ email, password }).expect(200);
  return toTestUser(res, email, password);
}

/** STRONG_PASSWORD's argon2id hash, computed once per process (hashing is the slow half). */
let strongPasswordHash: Promise<string> | undefined;

/**
 * A user for a test that is not about sign-up: the row is written through the app's repository
 * with a precomputed hash, then signed in through the API (one argon2 verify instead of hash and
 * verify), so the session and tokens are the app's own.
 */
export async function insertUser(
  t: Pick<TestApp, 'http' | 'dataSource'>,
  { email = uniqueEmail(), role = 'user' }: { email?: string; role?: 'user' | 'admin' } = {},
): Promise<TestUser> {
  strongPasswordHash ??= hash(STRONG_PASSWORD.normalize('NFKC'), ARGON2_OPTIONS);
  await t.dataSource.getRepository(UserEntity).insert({
    email: normalizeEmail(email),
    passwordHash: await strongPasswordHash,
    role,
  });
  return signIn(t.http, email, STRONG_PASSWORD);
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
