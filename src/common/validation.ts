import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorDetail, ValidationFailedError } from './errors';

/**
 * A constraint message may name a more precise field than its property (e.g. `scopes[1]`) by
 * starting with `<field>: `; see IsScopeList. Everything else reports the property path.
 */
const FIELD_PREFIX = /^([A-Za-z_][\w]*(?:\[\d+\])+): (.*)$/s;

export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      if (error.constraints?.whitelistValidation === message) {
        details.push({ field, problem: 'unknown field' });
        continue;
      }
      const precise = FIELD_PREFIX.exec(message);
      details.push(
        precise ? { field: precise[1], problem: precise[2] } : { field, problem: message },
      );
    }
    if (error.children?.length) details.push(...flattenValidationErrors(error.children, field));
  }
  return details;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    // One problem per field. Constraints run in registration order, i.e. bottom-up, so DTOs put
    // the type check last: a missing or mistyped value reports that, not a length.
    stopAtFirstError: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
