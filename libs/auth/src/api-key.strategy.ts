import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import type { AuthContext } from './auth-context';
import { ApiKeyVerifier } from './api-key-verifier.service';

export const API_KEY_STRATEGY = 'api-key';

/** passport-http-bearer: the key in `Authorization: Bearer …` becomes the request's AuthContext. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, API_KEY_STRATEGY) {
  constructor(private readonly verifier: ApiKeyVerifier) {
    super();
  }

  validate(token: string): Promise<AuthContext> {
    return this.verifier.verify(token);
  }
}
