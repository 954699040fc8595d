import type { KeyVerifier } from '../verifier.js';
import { type AdapterOptions, decide, type VerifiedKey } from './core.js';

export type { AdapterOptions, VerifiedKey } from './core.js';

/** The parts of Express's request and response the middleware uses. */
export interface ExpressLikeRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  keyward?: VerifiedKey;
}
export interface ExpressLikeResponse {
  status(code: number): ExpressLikeResponse;
  set(headers: Record<string, string>): ExpressLikeResponse;
  json(body: unknown): unknown;
}

/**
 * Express middleware: a request with a valid key continues with `req.keyward` set; any other
 * gets Keyward's refusal (401/403/429, `{ error, code }`, X-RateLimit headers).
 */
export function keywardMiddleware(
  verifier: KeyVerifier,
  options: AdapterOptions = {},
): (req: ExpressLikeRequest, res: ExpressLikeResponse, next: (err?: unknown) => void) => void {
  return (req, res, next) => {
    const ip = options.forwardIp === false ? undefined : req.ip;
    decide(verifier, req.headers, ip, options.requiredScopes ?? []).then((decision) => {
      if (!decision.ok) {
        const { status, headers, body } = decision.refusal;
        res.status(status).set(headers).json(body);
        return;
      }
      res.set(decision.headers);
      req.keyward = decision.key;
      next();
    }, next);
  };
}
