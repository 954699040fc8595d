import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { CreateApiKeyDto } from '../api-keys/dto/api-key.dto';
import { ValidationFailedError } from './errors';
import { createValidationPipe, flattenValidationErrors } from './validation';

function error(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('flattenValidationErrors', () => {
  it('reports the property as the field', () => {
    expect(flattenValidationErrors([error('name', { isLength: 'name must be shorter' })])).toEqual([
      { field: 'name', problem: 'name must be shorter' },
    ]);
  });

  it('takes a more precise field from a `field[i]: problem` message', () => {
    const details = flattenValidationErrors([
      error('scopes', { isScopeList: "scopes[1]: unknown scope 'read:everything'" }),
    ]);
    expect(details).toEqual([{ field: 'scopes[1]', problem: "unknown scope 'read:everything'" }]);
  });

  it('takes nested indexes and keeps colons in the problem', () => {
    expect(
      flattenValidationErrors([error('grid', { custom: 'grid[2][10]: bad value: too big' })]),
    ).toEqual([{ field: 'grid[2][10]', problem: 'bad value: too big' }]);
  });

  it('does not treat a plain `word: ...` message as a field prefix', () => {
    expect(
      flattenValidationErrors([error('scopes', { custom: 'scopes: must be an array' })]),
    ).toEqual([{ field: 'scopes', problem: 'scopes: must be an array' }]);
  });

  it("reports whitelist errors as 'unknown field'", () => {
    const details = flattenValidationErrors([
      error('surprise', { whitelistValidation: 'property surprise should not exist' }),
    ]);
    expect(details).toEqual([{ field: 'surprise', problem: 'unknown field' }]);
  });

  it('walks children with dotted paths', () => {
    const details = flattenValidationErrors([
      error('metadata', undefined, [
        error('owner', { isString: 'owner must be a string' }),
        error('extra', { whitelistValidation: 'property extra should not exist' }),
      ]),
    ]);
    expect(details).toEqual([
      { field: 'metadata.owner', problem: 'owner must be a string' },
      { field: 'metadata.extra', problem: 'unknown field' },
    ]);
  });

  it('maps real class-validator errors of CreateApiKeyDto', () => {
    const dto = plainToInstance(CreateApiKeyDto, {
      name: 'ok',
      scopes: ['read:users', 'read:everything'],
      surprise: 1,
    });
    const errors = validateSync(dto, {
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
    });
    const details = flattenValidationErrors(errors);
    expect(details.map((d) => d.field).sort()).toEqual(['scopes[1]', 'surprise']);
    expect(details.find((d) => d.field === 'scopes[1]')?.problem).toMatch(
      /^unknown scope 'read:everything' \(valid: read:users, write:users, verify:api-keys\)$/,
    );
    expect(details).toContainEqual({ field: 'surprise', problem: 'unknown field' });
  });
});

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const body = { type: 'body' as const, metatype: CreateApiKeyDto };

  it('throws ValidationFailedError with one detail per problem', async () => {
    const failure = await pipe
      .transform({ name: '', scopes: ['read:users', 'read:users'], extra: true }, body)
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(failure).toBeInstanceOf(ValidationFailedError);
    const { status, code, details } = failure as ValidationFailedError;
    expect({ status, code }).toEqual({ status: 400, code: 'validation_failed' });
    expect(details?.map((d) => d.field).sort()).toEqual(['extra', 'name', 'scopes[1]']);
    expect(details?.find((d) => d.field === 'name')?.problem).toMatch(/name/);
    expect(details?.find((d) => d.field === 'scopes[1]')?.problem).toBe(
      "duplicate scope 'read:users'",
    );
    expect(details).toContainEqual({ field: 'extra', problem: 'unknown field' });
  });

  it('transforms a valid body into the DTO (trimmed)', async () => {
    const dto = (await pipe.transform(
      { name: '  svc  ', scopes: ['read:users'] },
      body,
    )) as CreateApiKeyDto;
    expect(dto).toBeInstanceOf(CreateApiKeyDto);
    expect(dto.name).toBe('svc');
  });
});
