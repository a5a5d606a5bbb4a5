import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { authenticateWith } from '@app/auth';
import { AppException } from '@app/common';
import type { UserEntity } from '@app/database';
import { LOCAL_STRATEGY } from './local.strategy';

interface LoginRequest {
  body?: unknown;
  loggedInUser?: UserEntity;
}

/** Runs passport-local on the login route; missing fields are a 400 like any other validation error. */
@Injectable()
export class LoginGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<LoginRequest>();
    request.loggedInUser = await authenticateWith<UserEntity>(LOCAL_STRATEGY, request, () => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const errors = ['email', 'password']
        .filter((field) => typeof body[field] !== 'string' || body[field] === '')
        .map((field) => ({ field, message: `${field} is required` }));
      return AppException.badRequest('Validation failed', errors);
    });
    return true;
  }
}

export const LoggedInUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): UserEntity =>
    context.switchToHttp().getRequest<LoginRequest>().loggedInUser!,
);
