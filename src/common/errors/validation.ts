import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { MessageParams } from '../i18n/render';
import { AppError } from './app-error';
import { memoizeValidationMetadata } from './validation-metadata';

/** One refused field: its worded messages and, for each, the code and params they come from. */
export interface FieldError {
  field: string;
  messages: string[];
  errors?: { code: string; params?: MessageParams }[];
}

/** A field error of a hand-written check (`fieldError('reason', 'FIELD_REQUIRED', '…')`). */
export function fieldProblem(
  field: string,
  code: string,
  message: string,
  params?: MessageParams,
): FieldError {
  return { field, messages: [message], errors: [{ code, params }] };
}

const CODE_OF_CONSTRAINT: Record<string, string> = {
  isString: 'FIELD_IS_STRING',
  isInt: 'FIELD_IS_INT',
  isNumber: 'FIELD_IS_NUMBER',
  isBoolean: 'FIELD_IS_BOOLEAN',
  isArray: 'FIELD_IS_ARRAY',
  isObject: 'FIELD_IS_OBJECT',
  isIn: 'FIELD_IS_IN',
  min: 'FIELD_MIN',
  max: 'FIELD_MAX',
  minLength: 'FIELD_MIN_LENGTH',
  maxLength: 'FIELD_MAX_LENGTH',
  arrayMinSize: 'FIELD_ARRAY_MIN_SIZE',
  arrayMaxSize: 'FIELD_ARRAY_MAX_SIZE',
  matches: 'FIELD_MATCHES',
  isIso8601: 'FIELD_IS_ISO8601',
  isISO8601: 'FIELD_IS_ISO8601',
  whitelistValidation: 'FIELD_NOT_ALLOWED',
  nestedValidation: 'FIELD_NESTED',
  isDefined: 'FIELD_REQUIRED',
  isNotEmpty: 'FIELD_REQUIRED',
  unknownValue: 'FIELD_INVALID',
};

/** The decorator's own argument (the 18 of `@Min(18)`), found in class-validator's metadata. */
function constraintParams(error: ValidationError, name: string): MessageParams | undefined {
  const target = error.target?.constructor;
  if (!target) {
    return undefined;
  }
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name === name || m.type === name));
  const arg: unknown = meta?.constraints?.[0];
  if (name === 'isIn' && Array.isArray(arg)) {
    return { values: arg.map(String) };
  }
  return typeof arg === 'number' ? { limit: arg } : undefined;
}

/** Flattens nested class-validator errors into `{ field: 'a.b', messages, errors }`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [
          {
            field,
            messages: Object.values(error.constraints),
            errors: Object.keys(error.constraints).map((name) => ({
              code: CODE_OF_CONSTRAINT[name] ?? 'FIELD_INVALID',
              params: constraintParams(error, name),
            })),
          },
        ]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The one global pipe: strips nothing silently — unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // The DTO instance lets the field errors carry their decorator's argument as params.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) =>
      new AppError(
        400,
        'VALIDATION_FAILED',
        'The request has invalid fields.',
        flattenValidationErrors(errors),
      ),
  });
}
