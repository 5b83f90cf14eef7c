// Validates a plain object against a DTO outside the pipe (bodies a route decodes itself).
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { validationException } from './validation';

export async function validatePayload<T extends object>(
  dto: ClassConstructor<T>,
  value: unknown,
  strict = false,
): Promise<T> {
  const instance = plainToInstance(dto, value);
  const errors = await validate(instance, {
    whitelist: strict,
    forbidNonWhitelisted: strict,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw validationException(errors);
  return instance;
}
