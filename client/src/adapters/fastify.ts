import type { KeyVerifier } from '../verifier.js';
import { type AdapterOptions, decide, type VerifiedKey } from './core.js';

export type { AdapterOptions, VerifiedKey } from './core.js';

/** The parts of Fastify's request and reply the hook uses. */
export interface FastifyLikeRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  keyward?: VerifiedKey;
}
export interface FastifyLikeReply {
  code(status: number): FastifyLikeReply;
  headers(values: Record<string, string>): FastifyLikeReply;
  send(body: unknown): unknown;
}

/**
 * A Fastify `preHandler` (or `onRequest`) hook: a request with a valid key goes on with
 * `request.keyward` set; any other is answered with Keyward's refusal.
 */
export function keywardPreHandler(
  verifier: KeyVerifier,
  options: AdapterOptions = {},
): (request: FastifyLikeRequest, reply: FastifyLikeReply) => Promise<void> {
  return async (request, reply) => {
    const ip = options.forwardIp === false ? undefined : request.ip;
    const decision = await decide(verifier, request.headers, ip, options.requiredScopes ?? []);
    if (!decision.ok) {
      const { status, headers, body } = decision.refusal;
      await reply.code(status).headers(headers).send(body);
      return;
    }
    reply.headers(decision.headers);
    request.keyward = decision.key;
  };
}
