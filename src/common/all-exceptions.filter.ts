import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorAnswer } from './error-body';

/** The single place where failures become HTTP answers (see error-body.ts for the mapping). */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    sendError(reply, request, exception, this.logger);
  }
}

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  exception: unknown,
  logger: Pick<Logger, 'error' | 'warn'>,
): void {
  const { status, body, headers, unexpected } = toErrorAnswer(exception);
  if (unexpected) {
    const err = exception instanceof Error ? exception : new Error(String(exception));
    logger.error(
      { reqId: request.id, err: { name: err.name, message: err.message, stack: err.stack } },
      'Unhandled error',
    );
  } else if (status === 503) {
    logger.warn({ reqId: request.id, reason: (exception as Error)?.message }, 'Dependency down');
  }
  void reply
    .status(status)
    .headers(headers)
    .header('content-type', 'application/json; charset=utf-8')
    .send(body);
}
