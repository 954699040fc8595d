import { KeywardError } from './errors.js';
import type { components, Scope } from './types.js';

export type VerifyAPIKeyResponse = components['schemas']['VerifyAPIKeyResponse'];

export interface KeyVerifierOptions {
  /** The Keyward server, e.g. `http://localhost:8080`. */
  url: string;
  /** This service's own key, holding `verify:api-keys`. */
  apiKey: string;
  /** How long an answer may be reused at most (it also ends with its lease and the key's expiry). */
  cacheTtlMs?: number;
  /** Reconnection backoff of the change stream: from `min` doubling to `max`. */
  reconnect?: { minMs: number; maxMs: number };
  /** Without a byte from the stream for this long (pings come every 15 s), it is reopened. */
  staleAfterMs?: number;
  /** Bound on a remote verify. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export interface VerifyOptions {
  /** The address the key's request came from (checked against the key's allowlist). */
  ip?: string;
  /** Scopes the key must hold; else the answer is `insufficient_scope`. */
  requiredScopes?: Scope[];
}

export interface KeyVerifier {
  verify(key: string, options?: VerifyOptions): Promise<VerifyAPIKeyResponse>;
  /** Whether the change stream is open (cached answers are used only then). */
  readonly connected: boolean;
  close(): void;
}

interface Entry {
  answer: VerifyAPIKeyResponse;
  keyId: string;
}

/** The one lease this verifier holds for a key, shared by all of that key's cached answers. */
interface Lease {
  /** Requests this verifier may still admit on its own. */
  left: number;
  /** After this (ms, `Date.now()`), the lease and the key's answers are not used. */
  until: number;
  /** The cached answers' keys, and the digests of the secrets seen for the key. */
  cacheKeys: Set<string>;
  digests: Set<string>;
}

/**
 * Verifies keys presented to this service, asking Keyward (`POST /api-keys/verify`) only when it
 * must. A valid answer that came with a lease is reused for at most the leased requests, within
 * the lease, `cacheTtlMs` and the key's `expires_at`, and only while the change stream
 * (`GET /api-keys/events`) is open: each change evicts that key's answers, a `reset` or a lost
 * stream drops them all (answers are then asked for every time until the stream is back).
 * Answers are cached under a SHA-256 of the presented key, never the key itself; keys with
 * credits are never cached (each verify spends one). A key's answers for other addresses or
 * scopes share the one lease held for it, and are asked for without a lease while it lasts: a
 * key seen from many addresses would otherwise take a lease of its budget per address.
 */
export function createKeyVerifier(options: KeyVerifierOptions): KeyVerifier {
  return new StreamingKeyVerifier(options);
}

class StreamingKeyVerifier implements KeyVerifier {
  private readonly base: string;
  private readonly fetchFn: typeof globalThis.fetch;
  private readonly cacheTtlMs: number;
  private readonly entries = new Map<string, Entry>();
  private readonly leases = new Map<string, Lease>();
  /** Key id by digest of a presented secret, while a lease for that key is held. */
  private readonly keyIdByDigest = new Map<string, string>();
  /** Moves on every eviction: an answer asked for before one is not cached after it. */
  private epoch = 0;
  private open = false;
  private closed = false;
  private lastEventId: string | undefined;
  private backoffMs: number;
  private abort: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private staleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: KeyVerifierOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.cacheTtlMs = options.cacheTtlMs ?? 10_000;
    this.backoffMs = options.reconnect?.minMs ?? 250;
    void this.connect();
  }

  get connected(): boolean {
    return this.open;
  }

  async verify(key: string, options: VerifyOptions = {}): Promise<VerifyAPIKeyResponse> {
    const digest = await digestOf(key);
    const cacheKey = cacheKeyOf(digest, options);
    const entry = this.entries.get(cacheKey);
    if (entry !== undefined) {
      const lease = this.open ? this.liveLease(entry.keyId) : undefined;
      if (lease !== undefined) {
        lease.left--;
        return entry.answer;
      }
    }
    const heldFor = this.keyIdByDigest.get(digest);
    const holding = heldFor !== undefined && this.liveLease(heldFor) !== undefined;
    // Cached only if the stream was open all along: no change can have slipped past it.
    const epoch = this.open ? this.epoch : -1;
    const answer = await this.ask(key, options, !holding);
    if (this.open && epoch === this.epoch) this.remember(digest, cacheKey, answer);
    return answer;
  }

  close(): void {
    this.closed = true;
    this.open = false;
    clearTimeout(this.retryTimer);
    clearTimeout(this.staleTimer);
    this.abort?.abort();
    this.dropAll();
  }

  private async ask(
    key: string,
    options: VerifyOptions,
    lease: boolean,
  ): Promise<VerifyAPIKeyResponse> {
    const body: Record<string, unknown> = { key, lease };
    if (options.ip !== undefined) body.ip = options.ip;
    if (options.requiredScopes && options.requiredScopes.length > 0) {
      body.required_scopes = options.requiredScopes;
    }
    let res: Response;
    try {
      res = await this.fetchFn(`${this.base}/api/v1/api-keys/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': this.options.apiKey },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new KeywardError(0, 'network_error', 'Keyward could not be reached', [], {
        cause: err,
      });
    }
    const parsed: unknown = await res.json().catch(() => undefined);
    if (!res.ok) throw KeywardError.fromResponse(res.status, parsed);
    return parsed as VerifyAPIKeyResponse;
  }

  /**
   * Keeps a valid answer while a lease for its key is held: a new lease (replacing one a
   * concurrent ask may have left, so one at most is ever usable), or the one already held.
   */
  private remember(digest: string, cacheKey: string, answer: VerifyAPIKeyResponse): void {
    if (!answer.valid || !answer.api_key) return;
    if (answer.credits_remaining !== undefined) return;
    const keyId = answer.api_key.id;
    if (answer.lease) {
      const now = Date.now();
      let until = Math.min(now + this.cacheTtlMs, now + answer.lease.ttl_ms);
      if (answer.api_key.expires_at) {
        until = Math.min(until, Date.parse(answer.api_key.expires_at));
      }
      if (until > now && answer.lease.requests >= 1) {
        this.dropKey(keyId);
        this.leases.set(keyId, {
          left: answer.lease.requests,
          until,
          cacheKeys: new Set(),
          digests: new Set(),
        });
      }
    }
    const lease = this.liveLease(keyId);
    if (lease === undefined) return;
    this.entries.set(cacheKey, { answer, keyId });
    lease.cacheKeys.add(cacheKey);
    lease.digests.add(digest);
    this.keyIdByDigest.set(digest, keyId);
  }

  /** The key's lease if it still admits a request; a spent or past one is dropped with its answers. */
  private liveLease(keyId: string): Lease | undefined {
    const lease = this.leases.get(keyId);
    if (lease === undefined) return undefined;
    if (lease.left > 0 && lease.until > Date.now()) return lease;
    this.dropKey(keyId);
    return undefined;
  }

  private dropKey(keyId: string): void {
    const lease = this.leases.get(keyId);
    if (lease === undefined) return;
    this.leases.delete(keyId);
    for (const cacheKey of lease.cacheKeys) this.entries.delete(cacheKey);
    for (const digest of lease.digests) {
      if (this.keyIdByDigest.get(digest) === keyId) this.keyIdByDigest.delete(digest);
    }
  }

  private evictKey(keyId: string): void {
    this.epoch++;
    this.dropKey(keyId);
  }

  private dropAll(): void {
    this.epoch++;
    this.entries.clear();
    this.leases.clear();
    this.keyIdByDigest.clear();
  }

  /** Opens the change stream and reads it until it ends; then drops everything and retries. */
  private async connect(): Promise<void> {
    if (this.closed) return;
    const abort = new AbortController();
    this.abort = abort;
    try {
      const headers: Record<string, string> = {
        accept: 'text/event-stream',
        'x-api-key': this.options.apiKey,
      };
      if (this.lastEventId !== undefined) headers['last-event-id'] = this.lastEventId;
      const res = await this.fetchFn(`${this.base}/api/v1/api-keys/events`, {
        headers,
        signal: abort.signal,
      });
      if (!res.ok || !res.body) throw new Error(`change stream answered ${res.status}`);
      this.backoffMs = this.options.reconnect?.minMs ?? 250;
      this.open = true;
      this.watch(abort);
      await this.read(res.body, abort);
    } catch {
      // Lost or refused: handled below like an end.
    }
    this.open = false;
    this.dropAll();
    clearTimeout(this.staleTimer);
    if (this.closed) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.reconnect?.maxMs ?? 10_000);
    this.retryTimer = setTimeout(() => void this.connect(), delay * (0.5 + Math.random() / 2));
  }

  /** A stream that stays silent past the ping interval is dead whatever TCP says: reopen it. */
  private watch(abort: AbortController): void {
    clearTimeout(this.staleTimer);
    this.staleTimer = setTimeout(() => abort.abort(), this.options.staleAfterMs ?? 35_000);
  }

  private async read(body: ReadableStream<Uint8Array>, abort: AbortController): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      this.watch(abort);
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  private dispatch(block: string): void {
    let event = 'message';
    let data = '';
    let id: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data += value;
      else if (field === 'id') id = value;
    }
    if (id !== undefined) this.lastEventId = id;
    if (event === 'reset') this.dropAll();
    else if (event === 'key.changed') {
      try {
        const change = JSON.parse(data) as { key_id?: unknown };
        if (typeof change.key_id === 'string') this.evictKey(change.key_id);
        else this.dropAll();
      } catch {
        this.dropAll();
      }
    }
  }
}

/** SHA-256 of the presented key: what the verifier keeps instead of the key itself. */
async function digestOf(key: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The key's digest with what else the answer depends on. */
function cacheKeyOf(digest: string, options: VerifyOptions): string {
  const scopes = [...(options.requiredScopes ?? [])].sort().join(',');
  return `${digest}|${options.ip ?? ''}|${scopes}`;
}
