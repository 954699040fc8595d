import createFetchClient, { type Client } from 'openapi-fetch';
import { KeywardError } from './errors.js';
import type { AuthResponse, Session, paths } from './types.js';

export interface ClientOptions {
  /** The server's base URL, e.g. `http://localhost:8080` (the client adds `/api/v1`). */
  url: string;
  /** A `fetch` to send requests with; the global one by default (Node 20+, browsers). */
  fetch?: (input: Request) => Promise<Response>;
  /** Extra headers sent on every request. */
  headers?: Record<string, string>;
  /** An API key, sent as `X-API-Key` on every request while no user session is held. */
  apiKey?: string;
  /** An access token from an earlier session, sent as `Authorization: Bearer`. */
  accessToken?: string;
  /** Milliseconds to wait for an answer's headers before failing with `timeout`; 0 waits forever. */
  timeout?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const REFRESH_PATH = '/api/v1/auth/refresh';

type FetchResult<T> = Promise<{ data?: T; error?: unknown; response: Response }>;

/** The data of a successful answer; a {@link KeywardError} from the error body otherwise. */
export async function unwrap<T>(call: FetchResult<T>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw KeywardError.fromResponse(response.status, error);
  return data as T;
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.clone().json();
    const code = (body as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The client's HTTP layer (what the APIKeysManager reference calls `FluxbaseFetch`): the typed
 * openapi-fetch client for the server's document, with the base URL, the credentials to send,
 * a timeout, and the session that sign-in stores and that is renewed once, transparently, when
 * the server answers `401 token_expired`.
 */
export class KeywardFetch {
  /** The typed client for every operation of openapi.json, for calls the managers do not wrap. */
  readonly api: Client<paths>;
  private session: Session | null;
  private readonly apiKey: string | undefined;
  private readonly baseFetch: (input: Request) => Promise<Response>;
  private readonly timeout: number;
  private refreshing: Promise<AuthResponse> | undefined;

  constructor(options: ClientOptions) {
    if (typeof options?.url !== 'string' || options.url.length === 0) {
      throw new TypeError('createClient: `url` is required, e.g. http://localhost:8080');
    }
    this.apiKey = options.apiKey;
    this.session = options.accessToken ? { access_token: options.accessToken } : null;
    // Looked up per call, so a fetch patched or mocked after createClient is still used.
    this.baseFetch = options.fetch ?? ((input) => globalThis.fetch(input));
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.api = createFetchClient<paths>({
      baseUrl: options.url,
      headers: options.headers,
      fetch: (request) => this.send(request),
    });
  }

  getSession(): Session | null {
    return this.session;
  }

  setSession(session: Session | null): void {
    this.session = session;
  }

  /**
   * Exchanges the refresh token for a new session. Concurrent callers (and the transparent
   * renewal) share one request: a refresh token works only once.
   */
  refresh(): Promise<AuthResponse> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<AuthResponse> {
    const refreshToken = this.session?.refresh_token;
    if (!refreshToken) {
      throw new KeywardError(0, 'no_session', 'No refresh token: sign in first');
    }
    try {
      const session = await unwrap(
        this.api.POST(REFRESH_PATH, { body: { refresh_token: refreshToken } }),
      );
      this.session = session;
      return session;
    } catch (err) {
      // The server refused the refresh token: this session is over.
      if (err instanceof KeywardError && err.status === 401) this.session = null;
      throw err;
    }
  }

  private async send(request: Request): Promise<Response> {
    const isRefresh = new URL(request.url).pathname.endsWith(REFRESH_PATH);
    const token = isRefresh ? undefined : this.session?.access_token;
    // Only a session that can be renewed keeps a copy of the request (its body is read once).
    const retry = token && this.session?.refresh_token ? request.clone() : undefined;
    const response = await this.transmit(this.authorize(request, token, isRefresh));
    if (!retry || response.status !== 401 || (await errorCode(response)) !== 'token_expired') {
      return response;
    }
    // Another call may have renewed the session while this one was in flight.
    if (this.session?.access_token === token) {
      try {
        await this.refresh();
      } catch {
        return response; // the caller sees the original token_expired
      }
    }
    const renewed = this.session?.access_token;
    if (!renewed || renewed === token) return response;
    return this.transmit(this.authorize(retry, renewed, false));
  }

  private authorize(request: Request, token: string | undefined, isRefresh: boolean): Request {
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    else if (this.apiKey && !isRefresh && !request.headers.has('X-API-Key')) {
      request.headers.set('X-API-Key', this.apiKey);
    }
    return request;
  }

  private async transmit(request: Request): Promise<Response> {
    const controller = new AbortController();
    let timedOut = false;
    const timer =
      this.timeout > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, this.timeout)
        : undefined;
    const onAbort = (): void => controller.abort();
    request.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.baseFetch(new Request(request, { signal: controller.signal }));
    } catch (err) {
      if (timedOut) {
        throw new KeywardError(0, 'timeout', `No answer within ${this.timeout} ms`, [], {
          cause: err,
        });
      }
      if (request.signal.aborted) {
        throw new KeywardError(0, 'aborted', 'The request was aborted', [], { cause: err });
      }
      const reason = err instanceof Error ? (err.cause ?? err) : err;
      const detail = reason instanceof Error ? `: ${reason.message}` : '';
      throw new KeywardError(
        0,
        'network_error',
        `Could not reach ${new URL(request.url).origin}${detail}`,
        [],
        { cause: err },
      );
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
    }
  }
}

/** The name the APIKeysManager reference gives the client's HTTP wrapper. */
export type FluxbaseFetch = KeywardFetch;
