import { AppException } from '@app/common';
import type { AuthContext } from './auth-context';

/**
 * The one ownership check: a row of another workspace answers 403 forbidden, a missing row 404.
 * Services load rows by id alone, then call this, so ids of other tenants are never confused with absent ones.
 */
export function assertWorkspaceAccess<T extends { workspaceId: string }>(
  auth: AuthContext,
  row: T | null | undefined,
  notFoundMessage: string,
): T {
  if (!row) throw AppException.notFound(notFoundMessage);
  if (row.workspaceId !== auth.workspaceId) throw AppException.forbidden();
  return row;
}
