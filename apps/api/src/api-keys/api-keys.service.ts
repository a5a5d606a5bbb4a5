import { Injectable } from '@nestjs/common';
import { assertWorkspaceAccess, AuthContext, coversGrant, generateApiKey, ScopeGrant } from '@app/auth';
import { AppException, decodeCursor, ErrorCode, newId, Page, PageQueryDto, toPage } from '@app/common';
import type { ApiKeyEntity } from '@app/database';
import { toApiKeyDto } from './api-keys.mapper';
import { ApiKeysRepository, NewApiKey } from './api-keys.repository';
import type { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import type { CreateApiKeyDto } from './dto/create-api-key.dto';
import type { RotateApiKeyDto } from './dto/rotate-api-key.dto';
import type { UpdateApiKeyDto } from './dto/update-api-key.dto';

const NOT_FOUND = 'API key not found';

@Injectable()
export class ApiKeysService {
  constructor(private readonly repository: ApiKeysRepository) {}

  async list(auth: AuthContext, query: PageQueryDto): Promise<Page<ApiKeyDto>> {
    const limit = query.limit ?? 50;
    const rows = await this.repository.listActive(auth.workspaceId, decodeCursor(query.cursor), limit + 1);
    return toPage(
      rows,
      limit,
      (row) => row.position,
      (row) => toApiKeyDto(row.entity),
    );
  }

  async create(auth: AuthContext, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const type = dto.type ?? 'secret';
    const scopes = this.resolveScopes(type, dto.scopes);
    this.assertNoEscalation(auth, scopes);
    if (dto.machineUser && auth.role === 'member')
      throw AppException.forbidden('This action requires the owner or admin role');
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now())
      throw AppException.invalidField('expiresAt', 'expiresAt must be in the future');

    const machineUser = dto.machineUser ? { id: newId('user'), name: dto.name } : undefined;
    const generated = generateApiKey(type);
    const created = await this.repository.create(
      {
        id: newId('apiKey'),
        workspaceId: auth.workspaceId,
        ownerId: machineUser?.id ?? auth.userId,
        createdById: auth.userId,
        name: dto.name,
        type,
        keyHash: generated.hash,
        keyPrefix: generated.prefix,
        scopes,
        expiresAt,
        rateLimit: dto.rateLimit ?? null,
        rotatedFromId: null,
      },
      machineUser,
    );
    return { ...toApiKeyDto(created), key: generated.key };
  }

  async rename(auth: AuthContext, id: string, dto: UpdateApiKeyDto): Promise<ApiKeyDto> {
    await this.findManageable(auth, id);
    return toApiKeyDto(await this.repository.rename(id, dto.name));
  }

  async delete(auth: AuthContext, id: string): Promise<void> {
    await this.findManageable(auth, id);
    await this.repository.revoke(id);
  }

  /** A new key with the same settings; the old one keeps working for the grace period, then is revoked. */
  async rotate(auth: AuthContext, id: string, dto: RotateApiKeyDto): Promise<CreatedApiKeyDto> {
    const old = await this.findManageable(auth, id);
    const generated = generateApiKey(old.type);
    const replacement: NewApiKey = {
      id: newId('apiKey'),
      workspaceId: old.workspaceId,
      ownerId: old.ownerId,
      createdById: auth.userId,
      name: old.name,
      type: old.type,
      keyHash: generated.hash,
      keyPrefix: generated.prefix,
      scopes: old.scopes,
      expiresAt: old.expiresAt,
      rateLimit: old.rateLimit,
      rotatedFromId: old.id,
    };
    const revokeOldAt = new Date(Date.now() + (dto.gracePeriodSeconds ?? 0) * 1000);
    return { ...toApiKeyDto(await this.repository.rotate(old.id, replacement, revokeOldAt)), key: generated.key };
  }

  /** A live key of the caller's workspace that the caller's own scopes cover. */
  private async findManageable(auth: AuthContext, id: string): Promise<ApiKeyEntity> {
    const key = assertWorkspaceAccess(auth, await this.repository.findById(id), NOT_FOUND);
    if (key.revokedAt && key.revokedAt.getTime() <= Date.now()) throw AppException.notFound(NOT_FOUND);
    this.assertNoEscalation(auth, key.scopes);
    return key;
  }

  private resolveScopes(type: 'secret' | 'publishable', requested: ScopeGrant[] | undefined): string[] {
    if (type === 'publishable') {
      if (requested && !(requested.length === 1 && requested[0] === 'conversions')) {
        throw AppException.invalidField('scopes', 'publishable keys can only have the scope ["conversions"]');
      }
      return ['conversions'];
    }
    if (!requested || requested.length === 0)
      throw AppException.invalidField('scopes', 'a secret key needs at least one scope');
    return [...new Set(requested)];
  }

  /** A key managing keys never hands out (or touches a key with) a scope it does not hold itself. */
  private assertNoEscalation(auth: AuthContext, scopes: string[]): void {
    if (auth.scopes === null) return;
    const missing = scopes.find((scope) => !coversGrant(auth.scopes!, scope));
    if (missing) throw AppException.forbidden(`Missing required scope: ${missing}`, ErrorCode.insufficientScope);
  }
}
