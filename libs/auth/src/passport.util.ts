import passport from 'passport';

/**
 * Runs a registered passport strategy on a request and resolves with what its `validate` returned.
 * An error thrown in `validate` (our typed exceptions) rejects as is; a plain failure calls `onFailure`.
 */
export function authenticateWith<T>(
  strategy: string,
  request: object,
  onFailure: (info: unknown) => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const callback = (error: unknown, user: T | false, info: unknown) => {
      if (error) reject(error);
      else if (!user) reject(onFailure(info));
      else resolve(user);
    };
    passport.authenticate(strategy, { session: false }, callback)(request, {}, reject);
  });
}
