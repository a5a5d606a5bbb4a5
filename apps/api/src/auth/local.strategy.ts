import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { FastifyRequest } from 'fastify';
import { LoginAttemptsService } from '@app/auth';
import { AppException, ErrorCode } from '@app/common';
import type { UserEntity } from '@app/database';
import { AuthService } from './auth.service';

export const LOCAL_STRATEGY = 'local';

/** passport-local: email + password, behind the per-IP and per-email lock-out. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, LOCAL_STRATEGY) {
  constructor(
    private readonly auth: AuthService,
    private readonly attempts: LoginAttemptsService,
  ) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(request: FastifyRequest, rawEmail: string, password: string): Promise<UserEntity> {
    const email = String(rawEmail).trim().toLowerCase();
    // Counted before the slow hash: parallel guesses cannot all pass the check while the first is hashing.
    await this.attempts.reserve(request.ip, email);
    const user = typeof password === 'string' ? await this.auth.verifyCredentials(email, password) : null;
    if (!user) throw AppException.unauthorized('Invalid email or password', ErrorCode.invalidCredentials);
    await this.attempts.succeeded(request.ip, email);
    return user;
  }
}
