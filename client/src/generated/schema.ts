/**
 * GENERATED FILE: do not edit. Written by `npm run openapi` (client/scripts/generate.mjs,
 * openapi-typescript) from openapi.json; `npm test` fails when it drifts from the server.
 */

export interface paths {
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's API keys, newest first, a page at a time
         * @description Filters by `status`, `scope` and `q`; `total` counts every key matching them. Follow `next_cursor` for the next page: a walk sees every key that existed when it started exactly once, even while keys are created.
         */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key (the full key is shown only here) */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent Events: every change to any key, for services that cache verify answers
         * @description Each change (revoked, deleted, updated, rotated) is sent within a second as `event: key.changed` with an `id` that is the same on every instance; `: ping` at least every 15 s. `Last-Event-ID` resumes after that event (changes are held for KEY_EVENTS_RETENTION_MS, 15 minutes by default); otherwise, and whenever changes may have been missed, `event: reset` says to drop every cached answer. No secret, name or owner data is ever sent.
         */
        get: operations["streamKeyEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/scopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every scope a key can hold */
        get: operations["listScopes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a key another service received (counts against that key’s rate limit)
         * @description Spends the key’s rate limit (and a credit) exactly as a keyed request does. A valid answer carries `api_key` (its `last_used_at` may lag up to KEY_CACHE_TTL_MS behind). A well-formed key that does not exist spends the caller’s per-IP failure budget; past it, keys not already known answer 429 without a lookup.
         */
        post: operations["verifyApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one API key */
        get: operations["getApiKey"];
        put?: never;
        post?: never;
        /** Delete an API key permanently */
        delete: operations["deleteApiKey"];
        options?: never;
        head?: never;
        /** Update an API key (omitted fields stay; null clears) */
        patch: operations["updateApiKey"];
        trace?: never;
    };
    "/api/v1/api-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an API key (kept for audit; idempotent) */
        post: operations["revokeApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an API key: a new secret for the same key (shown only here)
         * @description Same id, name, scopes, limits, metadata and rate-limit budget; a new secret in `key` and a new `key_prefix`. The previous secret keeps working until `previous_key_expires_at` (`grace_period_seconds`, default 3600, 0 for at once), then gets 401 `api_key_rotated`. Rotating again replaces a previous secret still in its grace at once.
         */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A key's requests and verifies by outcome, per minute, hour or day
         * @description Counts are written in batches: a request shows up within `LAST_USED_FLUSH_MS` (10 s by default). Buckets without traffic are omitted; `counts` and `totals` carry every outcome, 0 when it did not happen.
         */
        get: operations["getApiKeyUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log: the caller’s own events, newest first, a page at a time
         * @description Events about the caller’s account and keys, and those it caused; an admin’s `all=true` lists everyone’s. Filters `action`, `target_id`, `actor_id`, `since` (inclusive) and `until` (exclusive); follow `next_cursor` for the next page.
         */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Admin: check that no kept audit event was edited, deleted or reordered
         * @description Walks the hash chain from the oldest kept event to the newest and names the first event that no longer fits (`first_bad_seq`).
         */
        get: operations["verifyAuditChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Alias of POST /auth/signin */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for new tokens (the old refresh token stops working) */
        post: operations["refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session: its access and refresh tokens stop working */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account and start a session */
        post: operations["signUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/user": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user (or the key owner) */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/client-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alias of GET /api-keys, answering `{ client_keys, total, next_cursor? }` */
        get: operations["listClientKeys"];
        put?: never;
        /** Alias of POST /api-keys, answering `{ client_key, key }` */
        post: operations["createClientKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/client-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alias of GET /api-keys/{id} */
        get: operations["getClientKey"];
        put?: never;
        post?: never;
        /** Alias of DELETE /api-keys/{id} */
        delete: operations["deleteClientKey"];
        options?: never;
        head?: never;
        /** Alias of PATCH /api-keys/{id} */
        patch: operations["updateClientKey"];
        trace?: never;
    };
    "/api/v1/client-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Alias of POST /api-keys/{id}/revoke */
        post: operations["revokeClientKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Totals by outcome for every key of the caller's, in one call
         * @description Every key is listed, also those without traffic in the range (all counts 0); `totals` carry every outcome, 0 when it did not happen. An admin passes `all=true` for every key.
         */
        get: operations["getUsageSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Admin: every user, paginated. User: itself. */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's record (someone else's is a 404 unless admin) */
        get: operations["getUserById"];
        put?: never;
        post?: never;
        /** Delete a user with all of its keys and sessions (admin or self) */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /**
         * Change metadata; an admin's session may also change role
         * @description A key with `write:users` may change `metadata` only: a body with `role` from an API key is refused whole with 403 `user_session_required`, whoever owns the key. A `role` change needs an admin (403 `forbidden` otherwise); demoting the last admin answers 409 `last_admin`.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's webhooks, newest first */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Subscribe a URL to events (the signing secret is shown only here)
         * @description Each event is POSTed as `{ id, type, at, data }` with `Keyward-Signature: t=<unix seconds>,v1=<hex HMAC-SHA-256(secret, "<t>.<raw body>")>` and `Keyward-Event-Id`; retried with backoff for 24 h until the receiver answers 2xx. An admin's `all: true` receives every user's events.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one webhook */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete a webhook and its pending deliveries */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Update a webhook (omitted fields stay; null clears the description) */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook's deliveries, newest first, a page at a time */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue a `webhook.test` event for this webhook
         * @description Delivered like any event, after those already pending; follow it in deliveries.
         */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["liveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database answers and we are not shutting down */
        get: operations["readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (with `Authorization: Bearer <METRICS_TOKEN>`)
         * @description Served only when `METRICS_TOKEN` is set and the request carries it as a bearer token; otherwise 404, as for a path that does not exist.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        APIKey: {
            /**
             * Format: uuid
             * @example 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11
             */
            id: string;
            /** @example Production Service */
            name: string;
            /** @example API key for production service */
            description?: string;
            /**
             * @description The first 12 characters of the key
             * @example kw_3xT9aQ2mL
             */
            key_prefix: string;
            /**
             * @example [
             *       "read:users",
             *       "write:users"
             *     ]
             */
            scopes: components["schemas"]["Scope"][];
            /** @example 100 */
            rate_limit_per_minute: number;
            /**
             * Format: date-time
             * @example 2026-11-27T15:40:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-11-27T15:40:00.000Z
             */
            updated_at?: string;
            /**
             * Format: date-time
             * @example 2030-12-31T23:59:59.000Z
             */
            expires_at?: string;
            /**
             * Format: date-time
             * @description When the key was revoked; absent on a live key
             */
            revoked_at?: string;
            /**
             * Format: date-time
             * @description Absent until the key is first used. Written in batches: may lag real use by up to the flush interval (10 s default)
             */
            last_used_at?: string;
            /**
             * Format: uuid
             * @example 5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10
             */
            user_id: string;
            /**
             * @description Free-form JSON object given at creation or by update; omitted when empty
             * @example {
             *       "team": "payments",
             *       "environment": "production"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            };
            /**
             * @description IPv4 or IPv6 addresses or CIDRs, 1 to 100 of them; keyed requests from any other address get 403 `ip_not_allowed`. Stored normalised (host bits of a CIDR cleared, IPv6 in RFC 5952 form); an IPv4-mapped IPv6 client address matches as IPv4. Absent: any address
             * @example [
             *       "203.0.113.0/24",
             *       "198.51.100.7",
             *       "2001:db8::/32"
             *     ]
             */
            allowed_ips?: string[];
            /**
             * @description Each keyed request that passes authentication, the allowlist, the rate limit and scopes spends one credit; at zero the answer is 403 `credits_exhausted`. Answers carry `X-Credits-Remaining`. Absent: the key has no credits and is not metered
             * @example {
             *       "remaining": 742,
             *       "refill": {
             *         "amount": 1000,
             *         "interval": "daily"
             *       }
             *     }
             */
            credits?: components["schemas"]["APIKeyCredits"];
            /**
             * Format: date-time
             * @description When the secret was last rotated; absent on a key never rotated
             * @example 2026-12-01T10:00:00.000Z
             */
            rotated_at?: string;
            /**
             * @description The first 12 characters of the secret the last rotation replaced; present only while that secret still works
             * @example kw_8pQ1rS4tV
             */
            previous_key_prefix?: string;
            /**
             * Format: date-time
             * @description When the previous secret stops working (then it gets 401 `api_key_rotated`); present only while it still works
             * @example 2026-12-01T11:00:00.000Z
             */
            previous_key_expires_at?: string;
        };
        APIKeyCredits: {
            /**
             * @description Credits left. In a request, the new balance
             * @example 1000
             */
            remaining: number;
            /**
             * @description Absent: the balance is never refilled
             * @example {
             *       "amount": 1000,
             *       "interval": "daily"
             *     }
             */
            refill?: components["schemas"]["APIKeyCreditsRefill"];
        };
        APIKeyCreditsRefill: {
            /**
             * @description The balance the key gets back at each refill
             * @example 1000
             */
            amount: number;
            /**
             * @description `daily`: at 00:00 UTC every day; `monthly`: on the 1st of each month at 00:00 UTC. The refill sets `remaining` to `amount` (unspent credits do not carry over)
             * @example daily
             */
            interval: components["schemas"]["CreditsRefillInterval"];
        };
        /** @enum {string} */
        APIKeyStatus: "active" | "revoked" | "expired" | "all";
        /** @enum {string} */
        AuditAction: "user.signed_up" | "user.signed_in" | "user.sign_in_failed" | "user.signed_out" | "user.updated" | "user.deleted" | "session.refreshed" | "session.reuse_detected" | "api_key.created" | "api_key.updated" | "api_key.rotated" | "api_key.revoked" | "api_key.deleted" | "webhook.created" | "webhook.updated" | "webhook.deleted";
        AuditActor: {
            /**
             * @example user
             * @enum {string}
             */
            type: "user" | "api_key" | "system";
            /**
             * Format: uuid
             * @example 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11
             */
            id?: string;
        };
        AuditEvent: {
            /** Format: uuid */
            id: string;
            /**
             * @description Position in the chain: unique, increasing
             * @example 42
             */
            seq: number;
            /** Format: date-time */
            at: string;
            /** @example api_key.updated */
            action: components["schemas"]["AuditAction"];
            actor: components["schemas"]["AuditActor"];
            target?: components["schemas"]["AuditTarget"];
            /** @description Client address (as the per-IP limits see it) */
            ip?: string;
            user_agent?: string;
            /** @description The X-Request-Id the answer to the change carried */
            request_id?: string;
            /**
             * @description Changed fields, `{ field: { from, to } }`; never a secret or a digest
             * @example {
             *       "rate_limit_per_minute": {
             *         "from": 100,
             *         "to": 500
             *       }
             *     }
             */
            changes?: {
                [key: string]: {
                    from?: unknown;
                    to?: unknown;
                };
            };
            /**
             * Format: uuid
             * @description The account the event is about (its owner sees the event); absent for events about no account. Part of what `hash` covers
             */
            owner_user_id?: string;
            /** @description Hex SHA-256 over `prev_hash` and this event’s canonical JSON (see README) */
            hash: string;
            /** @description The previous event’s `hash` (64 zeros for the first event) */
            prev_hash: string;
        };
        AuditTarget: {
            /**
             * @example api_key
             * @enum {string}
             */
            type: "user" | "api_key" | "webhook";
            /**
             * Format: uuid
             * @example 5b1c9a1e-2f7d-4d8e-9a0b-3c4d5e6f7a8b
             */
            id: string;
        };
        AuthResponse: {
            user: components["schemas"]["User"];
            /** @description JWT (HS256) to send as `Authorization: Bearer <token>` */
            access_token: string;
            /** @description Single-use token for POST /auth/refresh */
            refresh_token: string;
            /**
             * @description Access-token lifetime in seconds
             * @example 900
             */
            expires_in: number;
            /**
             * @example bearer
             * @enum {string}
             */
            token_type: "bearer";
        };
        CreateAPIKeyRequest: {
            /** @example Production Service */
            name: string;
            /** @example API key for production service */
            description?: string;
            /**
             * @description Non-empty, no duplicates; one of read:users, write:users, verify:api-keys
             * @example [
             *       "read:users",
             *       "write:users"
             *     ]
             */
            scopes: components["schemas"]["Scope"][];
            /**
             * @default 100
             * @example 100
             */
            rate_limit_per_minute?: number;
            /**
             * Format: date-time
             * @description Must be in the future
             * @example 2030-12-31T23:59:59Z
             */
            expires_at?: string;
            /**
             * @description Any JSON object, at most 31 levels deep; the keys __proto__, constructor and prototype are refused at any depth, as are unpaired UTF-16 surrogates; at most 4096 bytes as JSON
             * @example {
             *       "team": "payments",
             *       "environment": "production"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            };
            /**
             * @description IPv4 or IPv6 addresses or CIDRs, 1 to 100 of them; keyed requests from any other address get 403 `ip_not_allowed`. Stored normalised (host bits of a CIDR cleared, IPv6 in RFC 5952 form); an IPv4-mapped IPv6 client address matches as IPv4. Omitted: any address
             * @example [
             *       "203.0.113.0/24",
             *       "198.51.100.7",
             *       "2001:db8::/32"
             *     ]
             */
            allowed_ips?: string[];
            /**
             * @description Each keyed request that passes authentication, the allowlist, the rate limit and scopes spends one credit; at zero the answer is 403 `credits_exhausted`. Answers carry `X-Credits-Remaining`. Omitted: the key is not metered
             * @example {
             *       "remaining": 1000,
             *       "refill": {
             *         "amount": 1000,
             *         "interval": "daily"
             *       }
             *     }
             */
            credits?: components["schemas"]["APIKeyCredits"];
        };
        CreateAPIKeyResponse: {
            api_key: components["schemas"]["APIKey"];
            /**
             * @description The full key. Returned only here: store it now, it cannot be shown again.
             * @example kw_3xT9aQ2mLh5VwZ0bN8cR4dE7fG1hJ6kM9pQ2sT5uX8yA0bC3d4Ef5G
             */
            key: string;
        };
        CreateClientKeyResponse: {
            client_key: components["schemas"]["APIKey"];
            /**
             * @description The full key. Returned only here: store it now, it cannot be shown again.
             * @example kw_3xT9aQ2mLh5VwZ0bN8cR4dE7fG1hJ6kM9pQ2sT5uX8yA0bC3d4Ef5G
             */
            key: string;
        };
        CreateWebhookRequest: {
            /**
             * @description `https:` or `http:`. Loopback, private, link-local and metadata addresses (and names resolving to them) are refused with `webhook_url_not_allowed`
             * @example https://hooks.example.com/keyward
             */
            url: string;
            /**
             * @description Event types to receive (no duplicates), or `*` for all: user.signed_up, user.signed_in, user.sign_in_failed, user.signed_out, user.updated, user.deleted, session.refreshed, session.reuse_detected, api_key.created, api_key.updated, api_key.rotated, api_key.revoked, api_key.deleted, webhook.created, webhook.updated, webhook.deleted, api_key.expiring, api_key.credits_low, api_key.rate_limited, *
             * @example [
             *       "api_key.created",
             *       "api_key.revoked",
             *       "api_key.expiring"
             *     ]
             */
            events: components["schemas"]["WebhookEventFilter"][];
            /** @example Key lifecycle to our inventory service */
            description?: string;
            /**
             * @description Admin only: receive every user's events, not only the admin's own
             * @example false
             */
            all?: boolean;
        };
        CreateWebhookResponse: {
            webhook: components["schemas"]["Webhook"];
            /**
             * @description The signing secret for `Keyward-Signature`, shown only here: store it now. Never returned again
             * @example whsec_Jq3Qy0m7ZQ2r8m0Yb0y3Zb6s1kPp8m4rGv0Xn2tJ5aQ
             */
            secret: string;
        };
        /**
         * @description `daily`: at 00:00 UTC every day; `monthly`: on the 1st of each month at 00:00 UTC. The refill sets `remaining` to `amount` (unspent credits do not carry over)
         * @enum {string}
         */
        CreditsRefillInterval: "daily" | "monthly";
        DeleteAPIKeyResponse: {
            /** @example API key deleted */
            message: string;
        };
        DeleteWebhookResponse: {
            /** @example Webhook deleted */
            message: string;
        };
        /**
         * @description Stable snake_case identifier
         * @enum {string}
         */
        ErrorCode: "bad_request" | "invalid_json" | "validation_failed" | "invalid_id" | "invalid_cursor" | "webhook_url_not_allowed" | "missing_credentials" | "invalid_credentials" | "invalid_token" | "token_expired" | "invalid_api_key" | "api_key_revoked" | "api_key_expired" | "api_key_rotated" | "forbidden" | "insufficient_scope" | "user_session_required" | "ip_not_allowed" | "credits_exhausted" | "not_found" | "method_not_allowed" | "request_timeout" | "conflict" | "email_taken" | "key_limit_reached" | "last_admin" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "headers_too_large" | "internal_error" | "unavailable";
        ErrorDetail: {
            /** @example scopes[1] */
            field?: string;
            /** @example unknown scope 'read:everything' */
            problem: string;
        };
        ErrorResponse: {
            /**
             * @description One human sentence, safe to show
             * @example API key has been revoked
             */
            error: string;
            /**
             * @description Stable snake_case identifier
             * @example api_key_revoked
             */
            code: components["schemas"]["ErrorCode"];
            details?: components["schemas"]["ErrorDetail"][];
        };
        KeyUsageResponse: {
            /** Format: uuid */
            key_id: string;
            granularity: components["schemas"]["UsageGranularity"];
            /** @description Oldest first; buckets without traffic are omitted */
            buckets: components["schemas"]["UsageBucket"][];
            /** @description Sum of the buckets */
            totals: components["schemas"]["OutcomeCounts"];
        };
        KeyUsageTotals: {
            /** Format: uuid */
            key_id: string;
            /** @example billing-worker */
            name: string;
            totals: components["schemas"]["OutcomeCounts"];
        };
        ListAPIKeysResponse: {
            api_keys: components["schemas"]["APIKey"][];
            /**
             * @description Every key matching the filter, not only this page
             * @example 1
             */
            total: number;
            /**
             * @description Pass as `cursor` for the next page; absent on the last page
             * @example eyJ0IjoiMjAyNi0xMS0yN1QxNTo0MDowMC4xMjM0NTZaIiwiaSI6IjBmOGY1YTYyIn0.q1w2e3r4t5y6u7i8
             */
            next_cursor?: string;
        };
        ListAuditEventsResponse: {
            events: components["schemas"]["AuditEvent"][];
            /**
             * @description Pass as `cursor` for the next page; absent on the last page
             * @example NDE.q1w2e3r4t5y6u7i8o9p0aa
             */
            next_cursor?: string;
        };
        ListClientKeysResponse: {
            client_keys: components["schemas"]["APIKey"][];
            /**
             * @description Every key matching the filter, not only this page
             * @example 1
             */
            total: number;
            /**
             * @description Pass as `cursor` for the next page; absent on the last page
             * @example eyJ0IjoiMjAyNi0xMS0yN1QxNTo0MDowMC4xMjM0NTZaIiwiaSI6IjBmOGY1YTYyIn0.q1w2e3r4t5y6u7i8
             */
            next_cursor?: string;
        };
        ListScopesResponse: {
            scopes: components["schemas"]["ScopeInfo"][];
        };
        ListUsersResponse: {
            users: components["schemas"]["User"][];
            /** @example 1 */
            total: number;
        };
        ListWebhookDeliveriesResponse: {
            deliveries: components["schemas"]["WebhookDelivery"][];
            /** @description Absent on the last page */
            next_cursor?: string;
        };
        ListWebhooksResponse: {
            webhooks: components["schemas"]["Webhook"][];
            /** @example 1 */
            total: number;
        };
        MessageResponse: {
            /** @example API key revoked */
            message: string;
        };
        OutcomeCounts: {
            /**
             * @description Admitted
             * @example 1180
             */
            valid: number;
            /**
             * @description Refused: over the key’s rate limit
             * @example 12
             */
            rate_limited: number;
            /**
             * @description Refused: no credits left
             * @example 0
             */
            credits_exhausted: number;
            /**
             * @description Refused: address outside the key’s allowlist
             * @example 0
             */
            ip_not_allowed: number;
            /**
             * @description Refused: the key lacks a scope the route needs
             * @example 3
             */
            insufficient_scope: number;
            /**
             * @description Refused: the key is revoked
             * @example 0
             */
            revoked: number;
            /**
             * @description Refused: the key has expired
             * @example 0
             */
            expired: number;
            /**
             * @description Refused: a rotated-out secret past its grace period
             * @example 0
             */
            rotated: number;
        };
        RateLimitState: {
            /** @example 100 */
            limit: number;
            /** @example 99 */
            remaining: number;
            /**
             * @description Seconds until the budget is whole again
             * @example 1
             */
            reset: number;
        };
        RefreshRequest: {
            /** @description The refresh token from the last AuthResponse */
            refresh_token: string;
        };
        RevokeAPIKeyResponse: {
            /** @example API key revoked */
            message: string;
        };
        /** @enum {string} */
        Role: "user" | "admin";
        RotateAPIKeyRequest: {
            /**
             * @description How long the previous secret keeps working, in seconds (0: it stops at once). A previous secret still in its grace is replaced at once either way
             * @default 3600
             * @example 3600
             */
            grace_period_seconds?: number;
        };
        /**
         * @description `valid` only if the key’s effective scopes hold all of these
         * @enum {string}
         */
        Scope: "read:users" | "write:users" | "verify:api-keys";
        ScopeInfo: {
            scope: components["schemas"]["Scope"];
            description: string;
        };
        SignInRequest: {
            /**
             * Format: email
             * @example user@example.com
             */
            email: string;
            /** @example correct horse battery staple */
            password: string;
        };
        SignUpRequest: {
            /**
             * Format: email
             * @description Compared and stored NFKC-normalised and lower-cased, the domain in IDNA ASCII form. Refused: invisible characters (controls, zero-width, bidi and other format characters, spaces), and a local part that is neither ASCII nor written in a single non-Latin script (no Latin letters beyond ASCII, no mixed scripts). At most 254 characters once normalised.
             * @example user@example.com
             */
            email: string;
            /**
             * @description At least PASSWORD_MIN_LENGTH (default 15) and at most 256 characters; common passwords are refused
             * @example correct horse battery staple
             */
            password: string;
            /**
             * @description Any JSON object, at most 31 levels deep; the keys __proto__, constructor and prototype are refused at any depth, as are unpaired UTF-16 surrogates
             * @example {
             *       "team": "payments"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            };
            /**
             * @description The Fluxbase SDK's name for `metadata`; send one or the other, not both. Any JSON object, at most 31 levels deep; the keys __proto__, constructor and prototype are refused at any depth, as are unpaired UTF-16 surrogates
             * @example {
             *       "team": "payments"
             *     }
             */
            user_metadata?: {
                [key: string]: unknown;
            };
        };
        TestWebhookResponse: {
            delivery: components["schemas"]["WebhookDelivery"];
        };
        UpdateAPIKeyRequest: {
            /** @example Updated Name */
            name?: string;
            description?: string | null;
            scopes?: components["schemas"]["Scope"][];
            /** @example 200 */
            rate_limit_per_minute?: number;
            /** Format: date-time */
            expires_at?: string | null;
            /**
             * @description Any JSON object, at most 31 levels deep; the keys __proto__, constructor and prototype are refused at any depth, as are unpaired UTF-16 surrogates; at most 4096 bytes as JSON. Replaced whole; null clears it
             * @example {
             *       "team": "payments",
             *       "environment": "production"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description IPv4 or IPv6 addresses or CIDRs, 1 to 100 of them; keyed requests from any other address get 403 `ip_not_allowed`. Stored normalised (host bits of a CIDR cleared, IPv6 in RFC 5952 form); an IPv4-mapped IPv6 client address matches as IPv4. Replaced whole; null clears it (any address)
             * @example [
             *       "203.0.113.0/24",
             *       "198.51.100.7",
             *       "2001:db8::/32"
             *     ]
             */
            allowed_ips?: string[] | null;
            /**
             * @description Each keyed request that passes authentication, the allowlist, the rate limit and scopes spends one credit; at zero the answer is 403 `credits_exhausted`. Answers carry `X-Credits-Remaining`. Replaced whole: `remaining` is the new balance, in force at once on every instance, and a refill omitted here is removed; null clears the credits (the key is no longer metered)
             * @example {
             *       "remaining": 5000,
             *       "refill": {
             *         "amount": 1000,
             *         "interval": "daily"
             *       }
             *     }
             */
            credits?: components["schemas"]["APIKeyCredits"] | null;
        };
        UpdateUserRequest: {
            /**
             * @description Any JSON object, at most 31 levels deep; the keys __proto__, constructor and prototype are refused at any depth, as are unpaired UTF-16 surrogates
             * @example {
             *       "team": "payments"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            };
            /** @description Admins only, with a user session (never an API key); the last admin stays admin */
            role?: components["schemas"]["Role"];
        };
        UpdateWebhookRequest: {
            /** @example https://hooks.example.com/v2 */
            url?: string;
            /**
             * @description Event types to receive (no duplicates), or `*` for all: user.signed_up, user.signed_in, user.sign_in_failed, user.signed_out, user.updated, user.deleted, session.refreshed, session.reuse_detected, api_key.created, api_key.updated, api_key.rotated, api_key.revoked, api_key.deleted, webhook.created, webhook.updated, webhook.deleted, api_key.expiring, api_key.credits_low, api_key.rate_limited, *
             * @example [
             *       "*"
             *     ]
             */
            events?: components["schemas"]["WebhookEventFilter"][];
            description?: string | null;
            /**
             * @description `true` re-enables a webhook disabled after failing; `false` disables it
             * @example true
             */
            enabled?: boolean;
        };
        UsageBucket: {
            /**
             * Format: date-time
             * @example 2026-12-05T14:00:00.000Z
             */
            start: string;
            counts: components["schemas"]["OutcomeCounts"];
        };
        /** @enum {string} */
        UsageGranularity: "minute" | "hour" | "day";
        UsageSummaryResponse: {
            /** @description Every key of the caller (with `all=true`, every key), newest first, including keys without traffic in the range (all counts 0) and revoked or expired keys */
            keys: components["schemas"]["KeyUsageTotals"][];
            /** @description Sum over the keys */
            totals: components["schemas"]["OutcomeCounts"];
        };
        User: {
            /**
             * Format: uuid
             * @example 5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10
             */
            id: string;
            /**
             * Format: email
             * @example user@example.com
             */
            email: string;
            /** @example false */
            email_verified: boolean;
            /** @example user */
            role: components["schemas"]["Role"];
            /**
             * @example {
             *       "team": "payments"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            };
            /**
             * Format: date-time
             * @example 2026-11-27T15:40:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-11-27T15:40:00.000Z
             */
            updated_at: string;
        };
        VerifyAPIKeyRequest: {
            /** @description The key another service received */
            key: string;
            /**
             * Format: ip
             * @description The address the verifying service saw the key come from, checked against the key’s `allowed_ips`. A key with an allowlist verified without it is `ip_not_allowed`
             * @example 203.0.113.7
             */
            ip?: string;
            /**
             * @description `valid` only if the key’s effective scopes hold all of these
             * @example [
             *       "read:users"
             *     ]
             */
            required_scopes?: components["schemas"]["Scope"][];
            /**
             * @description Ask for a lease: requests of this key the caller may admit on its own, without asking again, for `lease.ttl_ms` (spent from the key’s budget when granted; never for keys with credits, nor with fewer than 100 requests left)
             * @example true
             */
            lease?: boolean;
        };
        VerifyAPIKeyResponse: {
            valid: boolean;
            code: components["schemas"]["VerifyCode"];
            api_key?: components["schemas"]["APIKey"];
            /** Format: uuid */
            user_id?: string;
            /** @description The key's scopes intersected with its owner's role */
            scopes?: components["schemas"]["Scope"][];
            rate_limit?: components["schemas"]["RateLimitState"];
            /**
             * @description The key’s metadata (as in `api_key`); omitted when empty
             * @example {
             *       "team": "payments"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            };
            /**
             * @description Credits the key has left after this verify; only for keys with credits
             * @example 41
             */
            credits_remaining?: number;
            lease?: components["schemas"]["VerifyLease"];
        };
        VerifyAuditChainResponse: {
            /**
             * @description Every kept event fits the chain
             * @example true
             */
            ok: boolean;
            /**
             * @description Events checked
             * @example 1204
             */
            checked: number;
            /**
             * @description The first event that no longer fits (edited, moved, or after a deleted one)
             * @example 57
             */
            first_bad_seq?: number;
        };
        /** @enum {string} */
        VerifyCode: "valid" | "invalid_api_key" | "api_key_revoked" | "api_key_expired" | "api_key_rotated" | "rate_limited" | "ip_not_allowed" | "credits_exhausted" | "insufficient_scope";
        VerifyLease: {
            /**
             * @description Further requests the caller may admit on its own
             * @example 166
             */
            requests: number;
            /**
             * @description How long the lease holds, at most 60000
             * @example 10000
             */
            ttl_ms: number;
        };
        Webhook: {
            /**
             * Format: uuid
             * @example 7c1e0b7a-4f0d-4f57-9d36-0c2f3c9b8e21
             */
            id: string;
            /** @example https://hooks.example.com/keyward */
            url: string;
            /**
             * @description Event types to receive (no duplicates), or `*` for all: user.signed_up, user.signed_in, user.sign_in_failed, user.signed_out, user.updated, user.deleted, session.refreshed, session.reuse_detected, api_key.created, api_key.updated, api_key.rotated, api_key.revoked, api_key.deleted, webhook.created, webhook.updated, webhook.deleted, api_key.expiring, api_key.credits_low, api_key.rate_limited, *
             * @example [
             *       "api_key.created",
             *       "api_key.revoked"
             *     ]
             */
            events: components["schemas"]["WebhookEventFilter"][];
            /** @example Key lifecycle to our inventory service */
            description?: string;
            /**
             * @description Present (true) on an admin's webhook that receives every user's events
             * @example true
             */
            all?: boolean;
            /**
             * Format: date-time
             * @example 2026-11-27T15:40:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-11-27T15:40:00.000Z
             */
            updated_at: string;
            /**
             * Format: date-time
             * @description Set when every delivery failed for 24 hours; no events are sent or queued until a PATCH with `enabled: true`
             */
            disabled_at?: string;
        };
        WebhookDelivery: {
            /**
             * Format: uuid
             * @example 3d5c8a7e-0b1f-4a7c-9e2d-6f8b1a2c3d4e
             */
            id: string;
            /**
             * Format: uuid
             * @description The event id, sent as `Keyward-Event-Id`: the same on every retry
             * @example 9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d
             */
            event_id: string;
            /** @example api_key.created */
            event_type: string;
            /** @example succeeded */
            status: components["schemas"]["WebhookDeliveryStatus"];
            /** @example 1 */
            attempts: number;
            /**
             * @description The receiver's last HTTP status
             * @example 200
             */
            response_status?: number;
            /**
             * @description The receiver's last answer, cut to 1 KB
             * @example ok
             */
            response_body?: string;
            /**
             * @description Why the last attempt got no answer: timeout, connection error, refused address
             * @example timed out after 10 s
             */
            error?: string;
            /**
             * Format: date-time
             * @example 2026-11-27T15:40:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-11-27T15:40:00.120Z
             */
            last_attempt_at?: string;
            /**
             * Format: date-time
             * @description While pending: when the next attempt is due
             */
            next_attempt_at?: string;
        };
        /** @enum {string} */
        WebhookDeliveryStatus: "pending" | "succeeded" | "failed";
        /**
         * @description Event types to receive (no duplicates), or `*` for all: user.signed_up, user.signed_in, user.sign_in_failed, user.signed_out, user.updated, user.deleted, session.refreshed, session.reuse_detected, api_key.created, api_key.updated, api_key.rotated, api_key.revoked, api_key.deleted, webhook.created, webhook.updated, webhook.deleted, api_key.expiring, api_key.credits_low, api_key.rate_limited, *
         * @enum {string}
         */
        WebhookEventFilter: "user.signed_up" | "user.signed_in" | "user.sign_in_failed" | "user.signed_out" | "user.updated" | "user.deleted" | "session.refreshed" | "session.reuse_detected" | "api_key.created" | "api_key.updated" | "api_key.rotated" | "api_key.revoked" | "api_key.deleted" | "webhook.created" | "webhook.updated" | "webhook.deleted" | "api_key.expiring" | "api_key.credits_low" | "api_key.rate_limited" | "*";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before retrying */
        "Retry-After": number;
        /** @description Credits the key has left after this request; only for a key with `credits` */
        "X-Credits-Remaining": number;
        /** @description Requests per minute the caller may make: the key's `rate_limit_per_minute`, or the per-user session limit */
        "X-RateLimit-Limit": number;
        /** @description Requests left in the current budget */
        "X-RateLimit-Remaining": number;
        /** @description Seconds until the budget is whole again */
        "X-RateLimit-Reset": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listApiKeys: {
        parameters: {
            query?: {
                /** @description Admin only: list this user's keys (alone, or narrowing `all=true`) */
                user_id?: string;
                /** @description Admin only: list every user's keys */
                all?: boolean;
                /** @description Keys per page */
                limit?: number;
                /** @description Opaque: the previous page's `next_cursor`. Any other value is 400 `invalid_cursor` */
                cursor?: string;
                /** @description `active`: neither revoked nor expired; `revoked`: revoked (whether or not also expired); `expired`: past `expires_at` and not revoked */
                status?: components["schemas"]["APIKeyStatus"];
                /** @description Only keys holding this scope */
                scope?: components["schemas"]["Scope"];
                /** @description Case-insensitive substring of the name, or the start of `key_prefix` */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "api_keys": [
                     *         {
                     *           "id": "0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11",
                     *           "name": "Production Service",
                     *           "description": "API key for production service",
                     *           "key_prefix": "kw_3xT9aQ2mL",
                     *           "scopes": [
                     *             "read:users",
                     *             "write:users"
                     *           ],
                     *           "rate_limit_per_minute": 100,
                     *           "created_at": "2026-11-27T15:40:00.000Z",
                     *           "updated_at": "2026-11-27T15:40:00.000Z",
                     *           "expires_at": "2030-12-31T23:59:59.000Z",
                     *           "user_id": "5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10",
                     *           "last_used_at": "2026-11-28T09:12:31.000Z",
                     *           "allowed_ips": [
                     *             "203.0.113.0/24",
                     *             "198.51.100.7",
                     *             "2001:db8::/32"
                     *           ],
                     *           "credits": {
                     *             "remaining": 742,
                     *             "refill": {
                     *               "amount": 1000,
                     *               "interval": "daily"
                     *             }
                     *           }
                     *         }
                     *       ],
                     *       "total": 1
                     *     }
                     */
                    "application/json": components["schemas"]["ListAPIKeysResponse"];
                };
            };
            /** @description A query parameter fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "user_id",
                     *           "problem": "user_id must be a UUID"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAPIKeyRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "api_key": {
                     *         "id": "0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11",
                     *         "name": "Production Service",
                     *         "description": "API key for production service",
                     *         "key_prefix": "kw_3xT9aQ2mL",
                     *         "scopes": [
                     *           "read:users",
                     *           "write:users"
                     *         ],
                     *         "rate_limit_per_minute": 100,
                     *         "created_at": "2026-11-27T15:40:00.000Z",
                     *         "updated_at": "2026-11-27T15:40:00.000Z",
                     *         "expires_at": "2030-12-31T23:59:59.000Z",
                     *         "user_id": "5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10"
                     *       },
                     *       "key": "kw_3xT9aQ2mLh5VwZ0bN8cR4dE7fG1hJ6kM9pQ2sT5uX8yA0bC3d4Ef5G"
                     *     }
                     */
                    "application/json": components["schemas"]["CreateAPIKeyResponse"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "scopes[1]",
                     *           "problem": "unknown scope 'read:everything' (valid: read:users, write:users, verify:api-keys)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `key_limit_reached` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "A user may hold at most 100 active API keys; revoke or delete one first",
                     *       "code": "key_limit_reached"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    streamKeyEvents: {
        parameters: {
            query?: never;
            header?: {
                /** @description The id of the last event received, to resume after it */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An endless text/event-stream */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "X-Credits-Remaining": components["headers"]["X-Credits-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example : ping
                     *
                     *     id: 1042
                     *     event: key.changed
                     *     data: {"key_id":"0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11","change":"revoked","at":"2026-12-05T10:00:00.000Z"}
                     */
                    "text/event-stream": string;
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Key lacks a required scope (verify:api-keys); or the key's allowlist refuses the client address (`ip_not_allowed`), or its credits are spent (`credits_exhausted`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The API key lacks a scope this endpoint requires",
                     *       "code": "insufficient_scope",
                     *       "details": [
                     *         {
                     *           "field": "scopes",
                     *           "problem": "requires 'verify:api-keys'"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listScopes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListScopesResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    verifyApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyAPIKeyRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "X-Credits-Remaining": components["headers"]["X-Credits-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "valid": true,
                     *       "code": "valid",
                     *       "api_key": {
                     *         "id": "0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11",
                     *         "name": "Production Service",
                     *         "description": "API key for production service",
                     *         "key_prefix": "kw_3xT9aQ2mL",
                     *         "scopes": [
                     *           "read:users",
                     *           "write:users"
                     *         ],
                     *         "rate_limit_per_minute": 100,
                     *         "created_at": "2026-11-27T15:40:00.000Z",
                     *         "updated_at": "2026-11-27T15:40:00.000Z",
                     *         "expires_at": "2030-12-31T23:59:59.000Z",
                     *         "user_id": "5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10",
                     *         "last_used_at": "2026-11-28T09:12:31.000Z",
                     *         "allowed_ips": [
                     *           "203.0.113.0/24",
                     *           "198.51.100.7",
                     *           "2001:db8::/32"
                     *         ],
                     *         "credits": {
                     *           "remaining": 742,
                     *           "refill": {
                     *             "amount": 1000,
                     *             "interval": "daily"
                     *           }
                     *         }
                     *       },
                     *       "user_id": "5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10",
                     *       "scopes": [
                     *         "read:users",
                     *         "write:users"
                     *       ],
                     *       "rate_limit": {
                     *         "limit": 100,
                     *         "remaining": 99,
                     *         "reset": 1
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["VerifyAPIKeyResponse"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "key",
                     *           "problem": "key must be a string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Key lacks a required scope (verify:api-keys); or the key's allowlist refuses the client address (`ip_not_allowed`), or its credits are spent (`credits_exhausted`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The API key lacks a scope this endpoint requires",
                     *       "code": "insufficient_scope",
                     *       "details": [
                     *         {
                     *           "field": "scopes",
                     *           "problem": "requires 'verify:api-keys'"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11",
                     *       "name": "Production Service",
                     *       "description": "API key for production service",
                     *       "key_prefix": "kw_3xT9aQ2mL",
                     *       "scopes": [
                     *         "read:users",
                     *         "write:users"
                     *       ],
                     *       "rate_limit_per_minute": 100,
                     *       "created_at": "2026-11-27T15:40:00.000Z",
                     *       "updated_at": "2026-11-27T15:40:00.000Z",
                     *       "expires_at": "2030-12-31T23:59:59.000Z",
                     *       "user_id": "5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10",
                     *       "last_used_at": "2026-11-28T09:12:31.000Z",
                     *       "allowed_ips": [
                     *         "203.0.113.0/24",
                     *         "198.51.100.7",
                     *         "2001:db8::/32"
                     *       ],
                     *       "credits": {
                     *         "remaining": 742,
                     *         "refill": {
                     *           "amount": 1000,
                     *           "interval": "daily"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["APIKey"];
                };
            };
            /** @description The id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The id in the path is not a valid UUID",
                     *       "code": "invalid_id"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "API key not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAPIKeyResponse"];
                };
            };
            /** @description The id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The id in the path is not a valid UUID",
                     *       "code": "invalid_id"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "API key not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAPIKeyRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11",
                     *       "name": "Production Service",
                     *       "description": "API key for production service",
                     *       "key_prefix": "kw_3xT9aQ2mL",
                     *       "scopes": [
                     *         "read:users",
                     *         "write:users"
                     *       ],
                     *       "rate_limit_per_minute": 100,
                     *       "created_at": "2026-11-27T15:40:00.000Z",
                     *       "updated_at": "2026-11-27T15:40:00.000Z",
                     *       "expires_at": "2030-12-31T23:59:59.000Z",
                     *       "user_id": "5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10",
                     *       "last_used_at": "2026-11-28T09:12:31.000Z",
                     *       "allowed_ips": [
                     *         "203.0.113.0/24",
                     *         "198.51.100.7",
                     *         "2001:db8::/32"
                     *       ],
                     *       "credits": {
                     *         "remaining": 742,
                     *         "refill": {
                     *           "amount": 1000,
                     *           "interval": "daily"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["APIKey"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`); or the id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "rate_limit_per_minute",
                     *           "problem": "rate_limit_per_minute must not be less than 1"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "API key not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `api_key_revoked` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "A revoked API key cannot be changed",
                     *       "code": "api_key_revoked"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokeAPIKeyResponse"];
                };
            };
            /** @description The id in the path is not a UUID (`invalid_id`); or a body other than none or `{}` (`validation_failed`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The id in the path is not a valid UUID",
                     *       "code": "invalid_id"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "API key not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateAPIKeyRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "api_key": {
                     *         "id": "0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11",
                     *         "name": "Production Service",
                     *         "description": "API key for production service",
                     *         "key_prefix": "kw_7hN2bV5cX",
                     *         "scopes": [
                     *           "read:users",
                     *           "write:users"
                     *         ],
                     *         "rate_limit_per_minute": 100,
                     *         "created_at": "2026-11-27T15:40:00.000Z",
                     *         "updated_at": "2026-12-01T10:00:00.000Z",
                     *         "expires_at": "2030-12-31T23:59:59.000Z",
                     *         "user_id": "5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10",
                     *         "last_used_at": "2026-12-01T09:58:12.000Z",
                     *         "rotated_at": "2026-12-01T10:00:00.000Z",
                     *         "previous_key_prefix": "kw_3xT9aQ2mL",
                     *         "previous_key_expires_at": "2026-12-01T11:00:00.000Z"
                     *       },
                     *       "key": "kw_7hN2bV5cXq8LmR3tW6yZ1aD4gJ7kN0pS3uV6xB9cE2fH5iK8mP1rT"
                     *     }
                     */
                    "application/json": components["schemas"]["CreateAPIKeyResponse"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`); or the id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "grace_period_seconds",
                     *           "problem": "grace_period_seconds must not be less than 0"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "API key not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is revoked (`api_key_revoked`) or expired (`api_key_expired`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "A revoked API key cannot be changed",
                     *       "code": "api_key_revoked"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getApiKeyUsage: {
        parameters: {
            query?: {
                /** @description Start of the range (RFC 3339), inclusive; default 24 hours ago. A bucket belongs to the range when it starts in it */
                since?: string;
                /** @description End of the range (RFC 3339), exclusive; default now */
                until?: string;
                /** @description Bucket size. `minute` covers at most 48 hours at once (minutes are kept 48 hours; older traffic is held by the hour, and after 7 days by the day) */
                granularity?: components["schemas"]["UsageGranularity"];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key_id": "0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11",
                     *       "granularity": "hour",
                     *       "buckets": [
                     *         {
                     *           "start": "2026-12-05T14:00:00.000Z",
                     *           "counts": {
                     *             "valid": 1180,
                     *             "rate_limited": 12,
                     *             "credits_exhausted": 0,
                     *             "ip_not_allowed": 0,
                     *             "insufficient_scope": 3,
                     *             "revoked": 0,
                     *             "expired": 0,
                     *             "rotated": 0
                     *           }
                     *         }
                     *       ],
                     *       "totals": {
                     *         "valid": 1180,
                     *         "rate_limited": 12,
                     *         "credits_exhausted": 0,
                     *         "ip_not_allowed": 0,
                     *         "insufficient_scope": 3,
                     *         "revoked": 0,
                     *         "expired": 0,
                     *         "rotated": 0
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["KeyUsageResponse"];
                };
            };
            /** @description A query parameter fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "granularity",
                     *           "problem": "granularity must be one of the following values: minute, hour, day"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "API key not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description Admin only: every user's events */
                all?: boolean;
                action?: components["schemas"]["AuditAction"];
                target_id?: string;
                actor_id?: string;
                /** @description Events at or after this time */
                since?: string;
                /** @description Events before this time */
                until?: string;
                /** @description Events per page */
                limit?: number;
                /** @description Opaque: the previous page's `next_cursor`. Any other value is 400 `invalid_cursor` */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "events": [
                     *         {
                     *           "id": "3e6f1c2a-8b4d-4f0e-9a7c-1d2e3f4a5b6c",
                     *           "seq": 42,
                     *           "at": "2026-12-01T10:15:30.123Z",
                     *           "action": "api_key.updated",
                     *           "actor": {
                     *             "type": "user",
                     *             "id": "0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11"
                     *           },
                     *           "target": {
                     *             "type": "api_key",
                     *             "id": "5b1c9a1e-2f7d-4d8e-9a0b-3c4d5e6f7a8b"
                     *           },
                     *           "ip": "203.0.113.7",
                     *           "user_agent": "keyward-cli/1.0",
                     *           "request_id": "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a",
                     *           "changes": {
                     *             "rate_limit_per_minute": {
                     *               "from": 100,
                     *               "to": 500
                     *             }
                     *           },
                     *           "hash": "c0535e4be2b79ffd93291305436bf889314e4a3faec05ecffcbb7df31ad9e51a",
                     *           "prev_hash": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                     *         }
                     *       ],
                     *       "next_cursor": "NDE.q1w2e3r4t5y6u7i8o9p0aa"
                     *     }
                     */
                    "application/json": components["schemas"]["ListAuditEventsResponse"];
                };
            };
            /** @description A query parameter fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "limit",
                     *           "problem": "limit must not be less than 1"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`); `all=true` by a non-admin: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    verifyAuditChain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ok": true,
                     *       "checked": 1204
                     *     }
                     */
                    "application/json": components["schemas"]["VerifyAuditChainResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`); not an admin: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponse"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "password",
                     *           "problem": "password must be a string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `invalid_credentials` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Invalid email or password",
                     *       "code": "invalid_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Per-IP or per-email limit */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponse"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "refresh_token",
                     *           "problem": "refresh_token must be a string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Refresh token is invalid or has expired",
                     *       "code": "invalid_token"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponse"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "password",
                     *           "problem": "password must be a string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `invalid_credentials` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Invalid email or password",
                     *       "code": "invalid_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Per-IP or per-email limit */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description This endpoint takes no body: a body other than none or `{}` (`validation_failed`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "colour",
                     *           "problem": "unknown field"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    signUp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignUpRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponse"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "email",
                     *           "problem": "must be a valid email address"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `email_taken` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "An account with this email already exists",
                     *       "code": "email_taken"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Per-IP or per-email limit */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "X-Credits-Remaining": components["headers"]["X-Credits-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Key lacks a required scope (read:users); or the key's allowlist refuses the client address (`ip_not_allowed`), or its credits are spent (`credits_exhausted`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The API key lacks a scope this endpoint requires",
                     *       "code": "insufficient_scope",
                     *       "details": [
                     *         {
                     *           "field": "scopes",
                     *           "problem": "requires 'read:users'"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listClientKeys: {
        parameters: {
            query?: {
                /** @description Admin only: list this user's keys (alone, or narrowing `all=true`) */
                user_id?: string;
                /** @description Admin only: list every user's keys */
                all?: boolean;
                /** @description Keys per page */
                limit?: number;
                /** @description Opaque: the previous page's `next_cursor`. Any other value is 400 `invalid_cursor` */
                cursor?: string;
                /** @description `active`: neither revoked nor expired; `revoked`: revoked (whether or not also expired); `expired`: past `expires_at` and not revoked */
                status?: components["schemas"]["APIKeyStatus"];
                /** @description Only keys holding this scope */
                scope?: components["schemas"]["Scope"];
                /** @description Case-insensitive substring of the name, or the start of `key_prefix` */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListClientKeysResponse"];
                };
            };
            /** @description A query parameter fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "user_id",
                     *           "problem": "user_id must be a UUID"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createClientKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAPIKeyRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateClientKeyResponse"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "scopes[1]",
                     *           "problem": "unknown scope 'read:everything' (valid: read:users, write:users, verify:api-keys)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `key_limit_reached` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "A user may hold at most 100 active API keys; revoke or delete one first",
                     *       "code": "key_limit_reached"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getClientKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["APIKey"];
                };
            };
            /** @description The id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The id in the path is not a valid UUID",
                     *       "code": "invalid_id"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "API key not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteClientKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAPIKeyResponse"];
                };
            };
            /** @description The id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The id in the path is not a valid UUID",
                     *       "code": "invalid_id"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "API key not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateClientKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAPIKeyRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["APIKey"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`); or the id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "rate_limit_per_minute",
                     *           "problem": "rate_limit_per_minute must not be less than 1"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "API key not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `api_key_revoked` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "A revoked API key cannot be changed",
                     *       "code": "api_key_revoked"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    revokeClientKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokeAPIKeyResponse"];
                };
            };
            /** @description The id in the path is not a UUID (`invalid_id`); or a body other than none or `{}` (`validation_failed`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The id in the path is not a valid UUID",
                     *       "code": "invalid_id"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "API key not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getUsageSummary: {
        parameters: {
            query?: {
                /** @description Start of the range (RFC 3339), inclusive; default 24 hours ago. A bucket belongs to the range when it starts in it */
                since?: string;
                /** @description End of the range (RFC 3339), exclusive; default now */
                until?: string;
                /** @description Admin only: every user's keys */
                all?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "keys": [
                     *         {
                     *           "key_id": "0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11",
                     *           "name": "billing-worker",
                     *           "totals": {
                     *             "valid": 1180,
                     *             "rate_limited": 12,
                     *             "credits_exhausted": 0,
                     *             "ip_not_allowed": 0,
                     *             "insufficient_scope": 3,
                     *             "revoked": 0,
                     *             "expired": 0,
                     *             "rotated": 0
                     *           }
                     *         }
                     *       ],
                     *       "totals": {
                     *         "valid": 1180,
                     *         "rate_limited": 12,
                     *         "credits_exhausted": 0,
                     *         "ip_not_allowed": 0,
                     *         "insufficient_scope": 3,
                     *         "revoked": 0,
                     *         "expired": 0,
                     *         "rotated": 0
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["UsageSummaryResponse"];
                };
            };
            /** @description A query parameter fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "since",
                     *           "problem": "since must be a valid ISO 8601 date string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `forbidden`: `all=true` from a non-admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "X-Credits-Remaining": components["headers"]["X-Credits-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListUsersResponse"];
                };
            };
            /** @description A query parameter fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "limit",
                     *           "problem": "limit must not be less than 1"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Key lacks a required scope (read:users); or the key's allowlist refuses the client address (`ip_not_allowed`), or its credits are spent (`credits_exhausted`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The API key lacks a scope this endpoint requires",
                     *       "code": "insufficient_scope",
                     *       "details": [
                     *         {
                     *           "field": "scopes",
                     *           "problem": "requires 'read:users'"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getUserById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "X-Credits-Remaining": components["headers"]["X-Credits-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description The id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The id in the path is not a valid UUID",
                     *       "code": "invalid_id"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Key lacks a required scope (read:users); or the key's allowlist refuses the client address (`ip_not_allowed`), or its credits are spent (`credits_exhausted`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The API key lacks a scope this endpoint requires",
                     *       "code": "insufficient_scope",
                     *       "details": [
                     *         {
                     *           "field": "scopes",
                     *           "problem": "requires 'read:users'"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "User not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description The id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The id in the path is not a valid UUID",
                     *       "code": "invalid_id"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "User not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `last_admin` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The last admin cannot be demoted or deleted",
                     *       "code": "last_admin"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "X-Credits-Remaining": components["headers"]["X-Credits-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`); or the id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "role",
                     *           "problem": "role must be one of the following values: user, admin"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /**
             * @description Key lacks a required scope (write:users); or the key's allowlist refuses the client address (`ip_not_allowed`), or its credits are spent (`credits_exhausted`)
             *
             *     `role` sent with an API key: `user_session_required`; by a non-admin: `forbidden`
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The API key lacks a scope this endpoint requires",
                     *       "code": "insufficient_scope",
                     *       "details": [
                     *         {
                     *           "field": "scopes",
                     *           "problem": "requires 'write:users'"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "User not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `last_admin` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The last admin cannot be demoted or deleted",
                     *       "code": "last_admin"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "webhooks": [
                     *         {
                     *           "id": "7c1e0b7a-4f0d-4f57-9d36-0c2f3c9b8e21",
                     *           "url": "https://hooks.example.com/keyward",
                     *           "events": [
                     *             "api_key.created",
                     *             "api_key.revoked",
                     *             "api_key.expiring"
                     *           ],
                     *           "description": "Key lifecycle to our inventory service",
                     *           "created_at": "2026-11-27T15:40:00.000Z",
                     *           "updated_at": "2026-11-27T15:40:00.000Z"
                     *         }
                     *       ],
                     *       "total": 1
                     *     }
                     */
                    "application/json": components["schemas"]["ListWebhooksResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "webhook": {
                     *         "id": "7c1e0b7a-4f0d-4f57-9d36-0c2f3c9b8e21",
                     *         "url": "https://hooks.example.com/keyward",
                     *         "events": [
                     *           "api_key.created",
                     *           "api_key.revoked",
                     *           "api_key.expiring"
                     *         ],
                     *         "description": "Key lifecycle to our inventory service",
                     *         "created_at": "2026-11-27T15:40:00.000Z",
                     *         "updated_at": "2026-11-27T15:40:00.000Z"
                     *       },
                     *       "secret": "whsec_Jq3Qy0m7ZQ2r8m0Yb0y3Zb6s1kPp8m4rGv0Xn2tJ5aQ"
                     *     }
                     */
                    "application/json": components["schemas"]["CreateWebhookResponse"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "all",
                     *           "problem": "all must be a boolean value"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "7c1e0b7a-4f0d-4f57-9d36-0c2f3c9b8e21",
                     *       "url": "https://hooks.example.com/keyward",
                     *       "events": [
                     *         "api_key.created",
                     *         "api_key.revoked",
                     *         "api_key.expiring"
                     *       ],
                     *       "description": "Key lifecycle to our inventory service",
                     *       "created_at": "2026-11-27T15:40:00.000Z",
                     *       "updated_at": "2026-11-27T15:40:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description The id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The id in the path is not a valid UUID",
                     *       "code": "invalid_id"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Webhook not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteWebhookResponse"];
                };
            };
            /** @description The id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The id in the path is not a valid UUID",
                     *       "code": "invalid_id"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Webhook not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "7c1e0b7a-4f0d-4f57-9d36-0c2f3c9b8e21",
                     *       "url": "https://hooks.example.com/keyward",
                     *       "events": [
                     *         "api_key.created",
                     *         "api_key.revoked",
                     *         "api_key.expiring"
                     *       ],
                     *       "description": "Key lifecycle to our inventory service",
                     *       "created_at": "2026-11-27T15:40:00.000Z",
                     *       "updated_at": "2026-11-27T15:40:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with `details`); or the id in the path is not a UUID (`invalid_id`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "enabled",
                     *           "problem": "enabled must be a boolean value"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Webhook not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque: the previous page's `next_cursor`. Any other value is 400 `invalid_cursor` */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "deliveries": [
                     *         {
                     *           "id": "3d5c8a7e-0b1f-4a7c-9e2d-6f8b1a2c3d4e",
                     *           "event_id": "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
                     *           "event_type": "api_key.created",
                     *           "status": "succeeded",
                     *           "attempts": 1,
                     *           "response_status": 200,
                     *           "response_body": "ok",
                     *           "created_at": "2026-11-27T15:40:00.000Z",
                     *           "last_attempt_at": "2026-11-27T15:40:00.120Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ListWebhookDeliveriesResponse"];
                };
            };
            /** @description A query parameter fails validation (`validation_failed`, with `details`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Request validation failed",
                     *       "code": "validation_failed",
                     *       "details": [
                     *         {
                     *           "field": "limit",
                     *           "problem": "limit must not be less than 1"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Webhook not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 202 */
            202: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "delivery": {
                     *         "id": "3d5c8a7e-0b1f-4a7c-9e2d-6f8b1a2c3d4e",
                     *         "event_id": "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
                     *         "event_type": "webhook.test",
                     *         "status": "pending",
                     *         "attempts": 0,
                     *         "created_at": "2026-11-27T15:40:00.000Z",
                     *         "next_attempt_at": "2026-11-27T15:40:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["TestWebhookResponse"];
                };
            };
            /** @description The id in the path is not a UUID (`invalid_id`); or a body other than none or `{}` (`validation_failed`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "The id in the path is not a valid UUID",
                     *       "code": "invalid_id"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or `api_key_rotated` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Authentication required",
                     *       "code": "missing_credentials"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Called with an API key (`user_session_required`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "This endpoint needs a user session; API keys cannot call it",
                     *       "code": "user_session_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Webhook not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user session limit (`rate_limited`) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Too many requests; retry later",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    liveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ok */
                        status?: string;
                    };
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Health Check is successful */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ok */
                        status?: string;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The Health Check is not successful */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example error */
                        status?: string;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example keyward_key_verifications_total{outcome="valid"} 1180 */
                    "text/plain": string;
                };
            };
            /** @description No such resource, or it belongs to someone else (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Route not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, 429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal server error",
                     *       "code": "internal_error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
