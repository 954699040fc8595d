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
        /** Check a key another service received (counts against that key’s rate limit) */
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
        };
        /** @enum {string} */
        APIKeyStatus: "active" | "revoked" | "expired" | "all";
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
        ErrorCode: "bad_request" | "invalid_json" | "validation_failed" | "invalid_id" | "invalid_cursor" | "webhook_url_not_allowed" | "missing_credentials" | "invalid_credentials" | "invalid_token" | "token_expired" | "invalid_api_key" | "api_key_revoked" | "api_key_expired" | "forbidden" | "insufficient_scope" | "user_session_required" | "not_found" | "method_not_allowed" | "request_timeout" | "conflict" | "email_taken" | "key_limit_reached" | "last_admin" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "headers_too_large" | "internal_error" | "unavailable";
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
        /** @enum {string} */
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
        };
        /** @enum {string} */
        VerifyCode: "valid" | "invalid_api_key" | "api_key_revoked" | "api_key_expired" | "rate_limited";
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
                     *           "last_used_at": "2026-11-28T09:12:31.000Z"
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
                     *         "last_used_at": "2026-11-28T09:12:31.000Z"
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Key lacks a required scope (verify:api-keys) */
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
                     *       "last_used_at": "2026-11-28T09:12:31.000Z"
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
                     *       "last_used_at": "2026-11-28T09:12:31.000Z"
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Key lacks a required scope (read:users) */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Key lacks a required scope (read:users) */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Key lacks a required scope (read:users) */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
             * @description Key lacks a required scope (write:users)
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
            /** @description Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or `token_expired`; for a key `invalid_api_key`, `api_key_revoked` or `api_key_expired` */
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
}
