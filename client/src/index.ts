export { createClient, type KeywardClient } from './client.js';
export { APIKeysManager } from './api-keys.js';
export { AuthClient } from './auth.js';
export {
  DEFAULT_TIMEOUT_MS,
  KeywardFetch,
  type ClientOptions,
  type FluxbaseFetch,
} from './fetch.js';
export { KeywardError, type ClientErrorCode } from './errors.js';
export {
  createKeyVerifier,
  type KeyVerifier,
  type KeyVerifierOptions,
  type VerifyAPIKeyResponse,
  type VerifyOptions,
} from './verifier.js';
export type {
  APIKey,
  APIKeyStatus,
  AuthResponse,
  CreateAPIKeyRequest,
  CreateAPIKeyResponse,
  DeleteAPIKeyResponse,
  ErrorDetail,
  ErrorResponse,
  ListAPIKeysOptions,
  ListAPIKeysResponse,
  MessageResponse,
  RevokeAPIKeyResponse,
  Role,
  Scope,
  Session,
  SignInRequest,
  SignUpRequest,
  UpdateAPIKeyRequest,
  User,
  components,
  paths,
} from './types.js';
