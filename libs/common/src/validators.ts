import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';

export const MAX_URL_LENGTH = 8192;

/** Why `value` is not an acceptable http(s) destination URL, or null when it is. */
export function httpUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'must be a URL';
  if (value.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a valid absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  if (url.username || url.password) return 'must not contain credentials';
  return null;
}

/** class-validator: an absolute http(s) URL without credentials, at most 8192 characters. */
export function IsHttpUrl(options: ValidationOptions = {}): PropertyDecorator {
  const validate = (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isHttpUrl',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => httpUrlProblem(value) === null,
        defaultMessage: (args) => `${args?.property} ${httpUrlProblem(args?.value)}`,
      },
    });
  // The OpenAPI schema says what the validator allows (the swagger plugin cannot see into it).
  return applyDecorators(validate, ApiProperty({ type: String, format: 'uri', maxLength: MAX_URL_LENGTH }));
}

/** Longer than any ISO 8601 time a client sends (`2026-01-31T23:59:59.999+05:30` is 29). */
export const MAX_DATE_TIME_LENGTH = 40;

/**
 * class-validator: an ISO 8601 time (strict: a real date; `strictSeparator`: a `T` between date and time), at most
 * MAX_DATE_TIME_LENGTH characters, and so documented in the OpenAPI schema.
 */
export function IsIsoDateTime({ strictSeparator = true } = {}): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true, strictSeparator }),
    MaxLength(MAX_DATE_TIME_LENGTH),
    ApiProperty({ type: String, format: 'date-time', maxLength: MAX_DATE_TIME_LENGTH }),
  );
}
