import type { components, paths } from './generated/schema.js';

/**
 * The wire types, named as the APIKeysManager reference names them. Each is an alias of a schema
 * generated from openapi.json: nothing here is written by hand, so the client cannot disagree
 * with the server's document.
 */
type Schemas = components['schemas'];

export type APIKey = Schemas['APIKey'];
export type CreateAPIKeyRequest = Schemas['CreateAPIKeyRequest'];
export type CreateAPIKeyResponse = Schemas['CreateAPIKeyResponse'];
export type ListAPIKeysResponse = Schemas['ListAPIKeysResponse'];
export type UpdateAPIKeyRequest = Schemas['UpdateAPIKeyRequest'];
export type RevokeAPIKeyResponse = Schemas['RevokeAPIKeyResponse'];
export type DeleteAPIKeyResponse = Schemas['DeleteAPIKeyResponse'];
export type RotateAPIKeyRequest = Schemas['RotateAPIKeyRequest'];
export type Scope = Schemas['Scope'];
export type APIKeyStatus = Schemas['APIKeyStatus'];
export type APIKeyCredits = Schemas['APIKeyCredits'];
export type APIKeyCreditsRefill = Schemas['APIKeyCreditsRefill'];
export type CreditsRefillInterval = Schemas['CreditsRefillInterval'];

/**
 * What `list()` may narrow and page by (the caller's own keys; the admin-only `all`/`user_id`
 * are left to the raw client).
 */
export type ListAPIKeysOptions = Pick<
  NonNullable<paths['/api/v1/api-keys']['get']['parameters']['query']>,
  'limit' | 'cursor' | 'status' | 'scope' | 'q'
>;

export type AuditEvent = Schemas['AuditEvent'];
export type AuditAction = Schemas['AuditAction'];
export type ListAuditEventsResponse = Schemas['ListAuditEventsResponse'];
export type VerifyAuditChainResponse = Schemas['VerifyAuditChainResponse'];
/** What `audit.list()` may narrow and page by (`all` is an admin's). */
export type ListAuditEventsOptions = NonNullable<
  paths['/api/v1/audit-events']['get']['parameters']['query']
>;
export type OutcomeCounts = Schemas['OutcomeCounts'];
export type UsageOutcome = keyof OutcomeCounts;
export type UsageGranularity = Schemas['UsageGranularity'];
export type UsageBucket = Schemas['UsageBucket'];
export type KeyUsageResponse = Schemas['KeyUsageResponse'];
export type KeyUsageTotals = Schemas['KeyUsageTotals'];
export type UsageSummaryResponse = Schemas['UsageSummaryResponse'];
export type KeyUsageOptions = NonNullable<
  paths['/api/v1/api-keys/{id}/usage']['get']['parameters']['query']
>;
export type UsageSummaryOptions = NonNullable<paths['/api/v1/usage']['get']['parameters']['query']>;
export type Webhook = Schemas['Webhook'];
export type CreateWebhookRequest = Schemas['CreateWebhookRequest'];
export type CreateWebhookResponse = Schemas['CreateWebhookResponse'];
export type UpdateWebhookRequest = Schemas['UpdateWebhookRequest'];
export type ListWebhooksResponse = Schemas['ListWebhooksResponse'];
export type DeleteWebhookResponse = Schemas['DeleteWebhookResponse'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookDeliveryStatus = Schemas['WebhookDeliveryStatus'];
export type ListWebhookDeliveriesResponse = Schemas['ListWebhookDeliveriesResponse'];
export type TestWebhookResponse = Schemas['TestWebhookResponse'];
export type ListWebhookDeliveriesOptions = NonNullable<
  paths['/api/v1/webhooks/{id}/deliveries']['get']['parameters']['query']
>;

export type User = Schemas['User'];
export type Role = Schemas['Role'];
export type AuthResponse = Schemas['AuthResponse'];
export type SignUpRequest = Schemas['SignUpRequest'];
export type SignInRequest = Schemas['SignInRequest'];
export type MessageResponse = Schemas['MessageResponse'];
export type ErrorResponse = Schemas['ErrorResponse'];
export type ErrorDetail = Schemas['ErrorDetail'];

/**
 * The tokens the client holds. A session from sign-up, sign-in or refresh has every field; a
 * client given only `accessToken` has no refresh token, so it cannot renew it.
 */
export type Session = Pick<AuthResponse, 'access_token'> &
  Partial<Omit<AuthResponse, 'access_token'>>;

export type { components, paths };
