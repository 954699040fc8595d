/**
 * Type-level tests: the client's surface has the APIKeysManager reference's names, parameters
 * and fields. They run at compile time (ts-jest and `npm run typecheck`), so a server change
 * that alters the generated types in a way that breaks the surface fails the build.
 */
import { expectTypeOf } from 'expect-type';
import {
  APIKeysManager,
  createClient,
  KeywardError,
  type APIKey,
  type APIKeyCredits,
  type AuthResponse,
  type ClientOptions,
  type CreateAPIKeyRequest,
  type CreateAPIKeyResponse,
  type DeleteAPIKeyResponse,
  type ErrorDetail,
  type FluxbaseFetch,
  type KeywardFetch,
  type ListAPIKeysOptions,
  type ListAPIKeysResponse,
  type RevokeAPIKeyResponse,
  type RotateAPIKeyRequest,
  type Scope,
  type Session,
  type UpdateAPIKeyRequest,
  type User,
} from '@keyward/client';

type Manager = APIKeysManager;
type Client = ReturnType<typeof createClient>;

describe('client: types match the APIKeysManager reference', () => {
  it('createClient({ url, fetch?, headers?, apiKey?, accessToken? })', () => {
    expectTypeOf(createClient).parameters.toEqualTypeOf<[options: ClientOptions]>();
    expectTypeOf<ClientOptions['url']>().toEqualTypeOf<string>();
    expectTypeOf<Pick<ClientOptions, 'apiKey' | 'accessToken' | 'headers'>>().toEqualTypeOf<{
      apiKey?: string;
      accessToken?: string;
      headers?: Record<string, string>;
    }>();
    expectTypeOf<NonNullable<ClientOptions['fetch']>>().parameter(0).toEqualTypeOf<Request>();
    expectTypeOf<Client['management']['apiKeys']>().toEqualTypeOf<APIKeysManager>();
    expectTypeOf<Client['fetch']>().toEqualTypeOf<FluxbaseFetch>();
  });

  it('new APIKeysManager(fetch: FluxbaseFetch)', () => {
    expectTypeOf(APIKeysManager).constructorParameters.toEqualTypeOf<[fetch: KeywardFetch]>();
    expectTypeOf<FluxbaseFetch>().toEqualTypeOf<KeywardFetch>();
    expectTypeOf(APIKeysManager).instance.toEqualTypeOf<Manager>();
  });

  it('create(request: CreateAPIKeyRequest): Promise<CreateAPIKeyResponse>', () => {
    expectTypeOf<Manager['create']>().parameters.toEqualTypeOf<[request: CreateAPIKeyRequest]>();
    expectTypeOf<Manager['create']>().returns.toEqualTypeOf<Promise<CreateAPIKeyResponse>>();
  });

  it('list(options?): Promise<ListAPIKeysResponse>, callable with no arguments', () => {
    expectTypeOf<Manager['list']>().parameters.toEqualTypeOf<[options?: ListAPIKeysOptions]>();
    expectTypeOf<ListAPIKeysOptions>().toEqualTypeOf<{
      limit?: number;
      cursor?: string;
      status?: 'active' | 'revoked' | 'expired' | 'all';
      scope?: Scope;
      q?: string;
    }>();
    expectTypeOf<Manager['list']>().returns.toEqualTypeOf<Promise<ListAPIKeysResponse>>();
  });

  it('get(keyId: string): Promise<APIKey>', () => {
    expectTypeOf<Manager['get']>().parameters.toEqualTypeOf<[keyId: string]>();
    expectTypeOf<Manager['get']>().returns.toEqualTypeOf<Promise<APIKey>>();
  });

  it('update(keyId: string, updates: UpdateAPIKeyRequest): Promise<APIKey>', () => {
    expectTypeOf<Manager['update']>().parameters.toEqualTypeOf<
      [keyId: string, updates: UpdateAPIKeyRequest]
    >();
    expectTypeOf<Manager['update']>().returns.toEqualTypeOf<Promise<APIKey>>();
  });

  it('revoke(keyId: string): Promise<RevokeAPIKeyResponse>', () => {
    expectTypeOf<Manager['revoke']>().parameters.toEqualTypeOf<[keyId: string]>();
    expectTypeOf<Manager['revoke']>().returns.toEqualTypeOf<Promise<RevokeAPIKeyResponse>>();
  });

  it('rotate(keyId: string, options?: RotateAPIKeyRequest): Promise<CreateAPIKeyResponse>', () => {
    expectTypeOf<Manager['rotate']>().parameters.toEqualTypeOf<
      [keyId: string, options?: RotateAPIKeyRequest]
    >();
    expectTypeOf<RotateAPIKeyRequest>().toEqualTypeOf<{ grace_period_seconds?: number }>();
    expectTypeOf<Manager['rotate']>().returns.toEqualTypeOf<Promise<CreateAPIKeyResponse>>();
  });

  it('delete(keyId: string): Promise<DeleteAPIKeyResponse>', () => {
    expectTypeOf<Manager['delete']>().parameters.toEqualTypeOf<[keyId: string]>();
    expectTypeOf<Manager['delete']>().returns.toEqualTypeOf<Promise<DeleteAPIKeyResponse>>();
  });

  it('the wire types have exactly the reference fields', () => {
    expectTypeOf<Scope>().toEqualTypeOf<'read:users' | 'write:users' | 'verify:api-keys'>();
    expectTypeOf<APIKey>().toEqualTypeOf<{
      id: string;
      name: string;
      description?: string;
      key_prefix: string;
      scopes: Scope[];
      rate_limit_per_minute: number;
      created_at: string;
      updated_at?: string;
      expires_at?: string;
      revoked_at?: string;
      last_used_at?: string;
      user_id: string;
      metadata?: { [key: string]: unknown };
      allowed_ips?: string[];
      credits?: APIKeyCredits;
      rotated_at?: string;
      previous_key_prefix?: string;
      previous_key_expires_at?: string;
    }>();
    expectTypeOf<APIKeyCredits>().toEqualTypeOf<{
      remaining: number;
      refill?: { amount: number; interval: 'daily' | 'monthly' };
    }>();
    // The reference types scopes as string[]: ours are a narrower, compatible union.
    expectTypeOf<APIKey['scopes']>().toExtend<string[]>();
    expectTypeOf<CreateAPIKeyRequest>().toEqualTypeOf<{
      name: string;
      description?: string;
      scopes: Scope[];
      rate_limit_per_minute?: number;
      expires_at?: string;
      metadata?: { [key: string]: unknown };
      allowed_ips?: string[];
      credits?: APIKeyCredits;
    }>();
    expectTypeOf<CreateAPIKeyResponse>().toEqualTypeOf<{ api_key: APIKey; key: string }>();
    expectTypeOf<ListAPIKeysResponse>().toEqualTypeOf<{
      api_keys: APIKey[];
      total: number;
      next_cursor?: string;
    }>();
    expectTypeOf<UpdateAPIKeyRequest>().toEqualTypeOf<{
      name?: string;
      description?: string | null;
      scopes?: Scope[];
      rate_limit_per_minute?: number;
      expires_at?: string | null;
      metadata?: { [key: string]: unknown } | null;
      allowed_ips?: string[] | null;
      credits?: APIKeyCredits | null;
    }>();
    expectTypeOf<RevokeAPIKeyResponse>().toEqualTypeOf<{ message: string }>();
    expectTypeOf<DeleteAPIKeyResponse>().toEqualTypeOf<{ message: string }>();
  });

  it('auth: login/signIn/signUp/signOut/refresh/getUser/getSession', () => {
    type Auth = Client['auth'];
    expectTypeOf<Auth['login']>().parameters.toEqualTypeOf<
      [credentials: { email: string; password: string }]
    >();
    expectTypeOf<Auth['login']>().returns.toEqualTypeOf<Promise<AuthResponse>>();
    expectTypeOf<Auth['signIn']>().toEqualTypeOf<Auth['login']>();
    expectTypeOf<Auth['signUp']>().parameter(0).toEqualTypeOf<{
      email: string;
      password: string;
      metadata?: { [key: string]: unknown };
      user_metadata?: { [key: string]: unknown };
    }>();
    expectTypeOf<Auth['signOut']>().returns.toEqualTypeOf<Promise<{ message: string }>>();
    expectTypeOf<Auth['refresh']>().returns.toEqualTypeOf<Promise<AuthResponse>>();
    expectTypeOf<Auth['getUser']>().returns.toEqualTypeOf<Promise<User>>();
    expectTypeOf<Auth['getSession']>().returns.toEqualTypeOf<Session | null>();
    expectTypeOf<AuthResponse>().toEqualTypeOf<{
      user: User;
      access_token: string;
      refresh_token: string;
      expires_in: number;
      token_type: 'bearer';
    }>();
    expectTypeOf<User>().toEqualTypeOf<{
      id: string;
      email: string;
      email_verified: boolean;
      role: 'user' | 'admin';
      metadata?: { [key: string]: unknown };
      created_at: string;
      updated_at: string;
    }>();
  });

  it('errors carry status, code, message and details', () => {
    expectTypeOf<KeywardError>().toExtend<Error>();
    expectTypeOf<Pick<KeywardError, 'status' | 'code' | 'message' | 'details'>>().toEqualTypeOf<{
      readonly status: number;
      readonly code: string;
      message: string;
      readonly details: ErrorDetail[];
    }>();
    expectTypeOf<ErrorDetail>().toEqualTypeOf<{ field?: string; problem: string }>();
  });

  it('rejects what the server would reject', () => {
    const apiKeys = {} as Manager;
    // @ts-expect-error name and scopes are required
    expectTypeOf(apiKeys.create).toBeCallableWith({ rate_limit_per_minute: 100 });
    // @ts-expect-error an unknown scope
    expectTypeOf(apiKeys.create).toBeCallableWith({ name: 'x', scopes: ['read:everything'] });
    // @ts-expect-error description cannot be null on create, only cleared by update
    expectTypeOf(apiKeys.create).toBeCallableWith({ name: 'x', scopes: [], description: null });
    expectTypeOf(apiKeys.update).toBeCallableWith('id', { description: null, expires_at: null });
  });
});
