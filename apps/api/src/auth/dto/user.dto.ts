import type { Role } from '@app/database';
import type { WorkspaceDto } from '../../workspaces/dto/workspace.dto';

export class UserDto {
  /** `usr_…` */
  id: string;
  email: string | null;
  name: string | null;
}

export class SessionResponseDto {
  user: UserDto;
  /** The workspace the session acts in by default (its first); null when the user has none. */
  workspace: WorkspaceDto | null;
}

export class MeDto {
  /** The acting user: a person, or the machine user of a key. */
  id: string;
  email: string | null;
  name: string | null;
  workspaceId: string | null;
  role: Role | null;
  /** How the request was authenticated. */
  via: 'session' | 'api_key';
  /** True for a machine user (it has a name, no email, and acts only through its keys). */
  machineUser: boolean;
  /** The key's scopes (key requests only). */
  scopes?: string[];
}
