import { type KeywardFetch, unwrap } from './fetch.js';
import type {
  AuthResponse,
  MessageResponse,
  Session,
  SignInRequest,
  SignUpRequest,
  User,
} from './types.js';

/**
 * Sessions. Sign-up and sign-in keep the returned session in the client, whose access token is
 * then sent on every call and renewed once, transparently, with the refresh token on expiry.
 */
export class AuthClient {
  private readonly http: KeywardFetch;

  constructor(fetch: KeywardFetch) {
    this.http = fetch;
  }

  /** Create an account and start its session. */
  async signUp(request: SignUpRequest): Promise<AuthResponse> {
    return this.keep(unwrap(this.http.api.POST('/api/v1/auth/signup', { body: request })));
  }

  /** Sign in with email and password. */
  async signIn(credentials: SignInRequest): Promise<AuthResponse> {
    return this.keep(unwrap(this.http.api.POST('/api/v1/auth/signin', { body: credentials })));
  }

  /** Sign in with email and password (the same as {@link signIn}). */
  async login(credentials: SignInRequest): Promise<AuthResponse> {
    return this.keep(unwrap(this.http.api.POST('/api/v1/auth/login', { body: credentials })));
  }

  /** End the session on the server; the client forgets it even if the call fails. */
  async signOut(): Promise<MessageResponse> {
    try {
      return await unwrap(this.http.api.POST('/api/v1/auth/signout'));
    } finally {
      this.http.setSession(null);
    }
  }

  /** Exchange the refresh token for a new session (the old refresh token stops working). */
  refresh(): Promise<AuthResponse> {
    return this.http.refresh();
  }

  /** The signed-in user, or the owner of the client's API key (which needs `read:users`). */
  getUser(): Promise<User> {
    return unwrap(this.http.api.GET('/api/v1/auth/user'));
  }

  /** The tokens the client holds, or null when signed out. */
  getSession(): Session | null {
    return this.http.getSession();
  }

  /** Restore a session kept elsewhere (e.g. across page loads), or forget it with null. */
  setSession(session: Session | null): void {
    this.http.setSession(session);
  }

  private async keep(call: Promise<AuthResponse>): Promise<AuthResponse> {
    const session = await call;
    this.http.setSession(session);
    return session;
  }
}
