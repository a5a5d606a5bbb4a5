import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-codes';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one exception services throw. It carries the code and any extra body fields
 * (`errors`, `limit`, `requiredPlan`) and headers (`Retry-After`) the global filter writes.
 */
export class AppException extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string | number> = {},
  ) {
    super(message, status);
  }

  static badRequest(message: string, errors?: FieldError[]): AppException {
    return new AppException(HttpStatus.BAD_REQUEST, ErrorCode.validationFailed, message, errors ? { errors } : {});
  }

  static invalidField(field: string, message: string): AppException {
    return AppException.badRequest('Validation failed', [{ field, message }]);
  }

  static unauthorized(message: string, code: ErrorCode = ErrorCode.unauthorized): AppException {
    return new AppException(HttpStatus.UNAUTHORIZED, code, message);
  }

  static forbidden(
    message = 'You do not have access to this resource',
    code: ErrorCode = ErrorCode.forbidden,
  ): AppException {
    return new AppException(HttpStatus.FORBIDDEN, code, message);
  }

  static notFound(message: string): AppException {
    return new AppException(HttpStatus.NOT_FOUND, ErrorCode.notFound, message);
  }

  static conflict(message: string): AppException {
    return new AppException(HttpStatus.CONFLICT, ErrorCode.conflict, message);
  }

  static tooManyRequests(message: string, retryAfterSeconds: number): AppException {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    return new AppException(
      HttpStatus.TOO_MANY_REQUESTS,
      ErrorCode.rateLimitExceeded,
      message,
      {},
      { 'Retry-After': retryAfter },
    );
  }
}
