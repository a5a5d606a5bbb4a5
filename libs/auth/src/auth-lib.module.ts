import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeyVerifier } from './api-key-verifier.service';
import { CredentialsRepository } from './credentials.repository';
import { LoginAttemptsService } from './login-attempts.service';
import { PASSWORD_HASH_ENGINE, PasswordHashEngine, PasswordHasher } from './password-hasher';
import { AttemptLimiter } from './rate-limit/attempt-limiter';
import { SessionsService } from './sessions.service';

/** Credential resolution shared by the global guard and the account routes. */
@Global()
@Module({
  imports: [PassportModule],
  providers: [
    CredentialsRepository,
    ApiKeyVerifier,
    ApiKeyStrategy,
    SessionsService,
    LoginAttemptsService,
    AttemptLimiter,
    {
      provide: PasswordHasher,
      // Test apps provide a cheap argon2id engine (test/helpers/test-app.ts); nothing else does.
      inject: [{ token: PASSWORD_HASH_ENGINE, optional: true }],
      useFactory: (engine?: PasswordHashEngine) => new PasswordHasher(engine),
    },
  ],
  exports: [SessionsService, LoginAttemptsService, ApiKeyVerifier, PasswordHasher, AttemptLimiter],
})
export class AuthLibModule {}
