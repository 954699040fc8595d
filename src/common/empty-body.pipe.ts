import { createParamDecorator, ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from './errors';

/**
 * For endpoints that take no body (revoke, sign-out): none, `null` or `{}` pass; anything else
 * is refused like an unknown field elsewhere, so a typo never passes silently.
 */
@Injectable()
export class EmptyBodyPipe implements PipeTransform<unknown, undefined> {
  transform(value: unknown): undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ValidationFailedError([{ problem: 'this endpoint takes no body (or {})' }]);
    }
    const fields = Object.keys(value);
    if (fields.length > 0) {
      throw new ValidationFailedError(fields.map((field) => ({ field, problem: 'unknown field' })));
    }
    return undefined;
  }
}

/**
 * The request body for a bodiless endpoint, checked by EmptyBodyPipe. A custom decorator rather
 * than @Body() so the OpenAPI document keeps saying "no request body".
 */
export const NoBody = (): ParameterDecorator => RawBody(EmptyBodyPipe);

const RawBody = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): unknown =>
    ctx.switchToHttp().getRequest<{ body?: unknown }>().body,
);
