import type { PlanName, Role } from '@app/database';

export class WorkspaceDto {
  /** `ws_…` */
  id: string;
  name: string;
  plan: PlanName;
  /** The caller's role in it. */
  role: Role;
  /** Host names publishable keys may be used from (`*.example.com` allowed); empty = any origin. */
  allowedHostnames: string[];
  /** IANA time zone the dashboard's analytics use by default (default `UTC`). */
  timeZone: string;
  createdAt: string;
}
