export { createClient, type KeywardClient } from './client.js';
export { APIKeysManager } from './api-keys.js';
export { AuditManager } from './audit.js';
export { AuthClient } from './auth.js';
export { UsageManager } from './usage.js';
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
  APIKeyCredits,
  APIKeyCreditsRefill,
  APIKeyStatus,
  AuditAction,
  AuditEvent,
  AuthResponse,
  CreateAPIKeyRequest,
  CreateAPIKeyResponse,
  CreditsRefillInterval,
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
  ListAuditEventsOptions,
  ListAuditEventsResponse,
  MessageResponse,
  RevokeAPIKeyResponse,
  Role,
  RotateAPIKeyRequest,
  Scope,
  Session,
  SignInRequest,
  SignUpRequest,
  UpdateAPIKeyRequest,
  User,
  VerifyAuditChainResponse,
  components,
  paths,
} from './types.js';
