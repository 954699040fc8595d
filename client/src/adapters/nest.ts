import type { Scope } from '../types.js';
import type { KeyVerifier } from '../verifier.js';
import { type AdapterOptions, decide, type Refusal, type VerifiedKey } from './core.js';

export type { AdapterOptions, Refusal, VerifiedKey } from './core.js';

/** Scopes a handler or controller requires, read by `KeywardGuard`. */
const requiredByTarget = new WeakMap<object, Scope[]>();

/**
 * Marks a route (method) or a controller (class) as needing these scopes; on both, the method's
 * list wins.
 */
export function RequireScopes(
  ...scopes: Scope[]
): (target: object, propertyKey?: string | symbol, descriptor?: PropertyDescriptor) => void {
  return (target, _propertyKey, descriptor) => {
    const marked: unknown = descriptor?.value ?? target;
    if (typeof marked === 'function') requiredByTarget.set(marked, scopes);
  };
}

/** The parts of Nest's ExecutionContext the guard uses. */
export interface ExecutionContextLike {
  getHandler(): object;
  getClass(): object;
  switchToHttp(): { getRequest<T = unknown>(): T; getResponse<T = unknown>(): T };
}

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  keyward?: VerifiedKey;
}

/** Either platform's response: Fastify's reply (`header`) or Express's (`setHeader`). */
interface ResponseLike {
  header?(name: string, value: string): unknown;
  setHeader?(name: string, value: string): unknown;
}

/** Thrown for a refused key when no `toException` is given. */
export class KeywardRefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.body.error);
  }
}

export interface KeywardGuardOptions extends AdapterOptions {
  /**
   * Turns a refusal into the exception your app answers with, so Nest sends Keyward's status and
   * body: `(r) => new HttpException(r.body, r.status)`.
   */
  toException?: (refusal: Refusal) => Error;
}

/**
 * A NestJS guard (`app.useGlobalGuards(new KeywardGuard(verifier, { toException }))` or
 * `@UseGuards(...)`): a valid key sets `request.keyward`; `@RequireScopes(...)` adds scopes. The
 * rate-limit headers are set on the response either way.
 */
export class KeywardGuard {
  constructor(
    private readonly verifier: KeyVerifier,
    private readonly options: KeywardGuardOptions = {},
  ) {}

  async canActivate(context: ExecutionContextLike): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<RequestLike>();
    const response = http.getResponse<ResponseLike>();
    const scopes = new Set([
      ...(this.options.requiredScopes ?? []),
      ...(requiredByTarget.get(context.getHandler()) ??
        requiredByTarget.get(context.getClass()) ??
        []),
    ]);
    const ip = this.options.forwardIp === false ? undefined : request.ip;
    const decision = await decide(this.verifier, request.headers, ip, [...scopes]);
    const headers = decision.ok ? decision.headers : decision.refusal.headers;
    for (const [name, value] of Object.entries(headers)) {
      if (response.header) response.header(name, value);
      else response.setHeader?.(name, value);
    }
    if (!decision.ok) {
      throw (
        this.options.toException?.(decision.refusal) ?? new KeywardRefusalError(decision.refusal)
      );
    }
    request.keyward = decision.key;
    return true;
  }
}
