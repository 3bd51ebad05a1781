import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error';

export interface FieldError {
  field: string;
  messages: string[];
}

/** Flattens nested class-validator errors into `{ field: 'a.b', messages }`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The one global pipe: strips nothing silently — unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new AppError(
        400,
        'VALIDATION_FAILED',
        'The request has invalid fields.',
        flattenValidationErrors(errors),
      ),
  });
}
