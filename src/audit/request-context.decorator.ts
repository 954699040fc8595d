import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from './audit.types';

/**
 * Where the request came from, for the audit log: the client address the per-IP limits use
 * (Fastify's `ip`, which honours TRUST_PROXY), the User-Agent, and the request id the answer
 * carries as X-Request-Id. Read by the handlers that change state and passed to their service
 * explicitly; no per-request storage is set up for the requests that change nothing.
 */
export const ReqContext = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestContext => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    const userAgent = request.headers['user-agent'];
    return {
      ip: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : undefined,
      requestId: String(request.id),
    };
  },
);
