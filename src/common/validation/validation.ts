// The global ValidationPipe: strict for our own DTOs (whitelist, forbid unknown fields,
// transform); lenient for provider payloads, which add fields over time (docs/style.md, 6).
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ApiException } from '../errors/api.exception';
import { isJsonObject, notAJsonObject } from '../json/json-object';
import { checkParameters } from './request-parameters';

const LENIENT = Symbol('lenient-payload');

/** Marks a DTO of a provider payload: only the fields we use are validated, extra ones pass. */
export function ProviderPayload(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(LENIENT, true, target);
  };
}

function flatten(
  errors: ValidationError[],
  prefix = '',
): { field: string; constraints: Record<string, string> }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, constraints: error.constraints }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const MISSING = ['isDefined', 'isNotEmpty'];

/** 400 in the error shape; absent required fields are listed in `missing` (the seed services' body). */
export function validationException(errors: ValidationError[]): ApiException {
  const fields = flatten(errors);
  const missing = fields.filter((f) => MISSING.some((c) => c in f.constraints));
  const fieldDetails = Object.fromEntries(
    fields.map((f) => [f.field, Object.values(f.constraints)]),
  );
  if (missing.length > 0) {
    return ApiException.missingFields(
      missing.map((f) => f.field),
      undefined,
      { fields: fieldDetails },
    );
  }
  return ApiException.badRequest(
    'validation_failed',
    'Invalid request body',
    fields.map((f) => Object.values(f.constraints)[0]).join('; '),
    { fields: fieldDetails },
  );
}

const options = {
  transform: true,
  exceptionFactory: validationException,
  validationError: { target: false, value: false },
};

export class AppValidationPipe extends ValidationPipe {
  private readonly lenient = new ValidationPipe({
    ...options,
    whitelist: false,
    forbidNonWhitelisted: false,
  });

  constructor() {
    super({ ...options, whitelist: true, forbidNonWhitelisted: true });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    checkParameters(value, metadata);
    if (
      metadata.type === 'body' &&
      !isJsonObject(value) &&
      metadata.metatype &&
      this.toValidate(metadata)
    )
      throw notAJsonObject();
    if (metadata.metatype && Reflect.getMetadata(LENIENT, metadata.metatype))
      return this.lenient.transform(value, metadata);
    return super.transform(value, metadata);
  }
}
