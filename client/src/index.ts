export { createClient, type KeywardClient } from './client.js';
export { APIKeysManager } from './api-keys.js';
export { AuthClient } from './auth.js';
export { UsageManager } from './usage.js';
export {
  DEFAULT_TIMEOUT_MS,
  KeywardFetch,
  type ClientOptions,
  type FluxbaseFetch,
} from './fetch.js';
export { KeywardError, type ClientErrorCode } from './errors.js';
export type {
  APIKey,
  APIKeyStatus,
  AuthResponse,
  CreateAPIKeyRequest,
  CreateAPIKeyResponse,
  DeleteAPIKeyResponse,
  ErrorDetail,
  ErrorResponse,
  KeyUsageOptions,
  KeyUsageResponse,
  KeyUsageTotals,
  OutcomeCounts,
  UsageBucket,
  UsageGranularity,
  UsageOutcome,
  UsageSummaryOptions,
  UsageSummaryResponse,
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
