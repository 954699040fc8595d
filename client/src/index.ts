export { createClient, type KeywardClient } from './client.js';
export { APIKeysManager } from './api-keys.js';
export { AuthClient } from './auth.js';
export { WebhooksManager } from './webhooks.js';
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
  Webhook,
  CreateWebhookRequest,
  CreateWebhookResponse,
  UpdateWebhookRequest,
  ListWebhooksResponse,
  DeleteWebhookResponse,
  WebhookDelivery,
  WebhookDeliveryStatus,
  ListWebhookDeliveriesOptions,
  ListWebhookDeliveriesResponse,
  TestWebhookResponse,
  components,
  paths,
} from './types.js';
