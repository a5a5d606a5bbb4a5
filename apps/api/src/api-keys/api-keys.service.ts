import { Injectable } from '@nestjs/common';
import {
  ALL_SCOPE_GRANTS,
  assertWorkspaceAccess,
  AuthContext,
  coversGrant,
  DEFAULT_REQUESTS_PER_MINUTE,
  generateApiKey,
  PUBLISHABLE_REQUESTS_PER_MINUTE,
  ScopeGrant,
} from '@app/auth';
import { AppException, decodeCursor, ErrorCode, newId, Page, PageQueryDto, toPage } from '@app/common';
import type { ApiKeyEntity, ApiKeyType } from '@app/database';
import { toApiKeyDto } from './api-keys.mapper';
import { ApiKeysRepository, NewApiKey } from './api-keys.repository';
import type { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import type { CreateApiKeyDto } from './dto/create-api-key.dto';
import type { RotateApiKeyDto } from './dto/rotate-api-key.dto';
import type { UpdateApiKeyDto } from './dto/update-api-key.dto';

const NOT_FOUND = 'API key not found';
const OWN_KEYS_ONLY = 'Members can only manage their own API keys';

/** What bounds a key: a key may not mint (create or rotate) one that outlives or outpaces it. */
type KeyBounds = Pick<ApiKeyEntity, 'type' | 'expiresAt' | 'rateLimit'>;

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
      (row) => toApiKeyDto(row.entity, mayManage(auth, row.entity) && !missingScope(auth, row.entity.scopes)),
    );
  }

  async create(auth: AuthContext, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const type = dto.type ?? 'secret';
    const scopes = this.resolveScopes(auth, type, dto.scopes);
    this.assertNoEscalation(auth, scopes);
    // For a key this is its owner's role: a member's key cannot create machine users any more than the member can.
    if (dto.machineUser && auth.role === 'member')
      throw AppException.forbidden('This action requires the owner or admin role');
    if (dto.expiresAt && new Date(dto.expiresAt).getTime() <= Date.now())
      throw AppException.invalidField('expiresAt', 'expiresAt must be in the future');
    // A key minting a key passes on its own expiry and rate limit unless tighter ones are asked for.
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : (auth.apiKey?.expiresAt ?? null);
    const rateLimit = dto.rateLimit ?? auth.apiKey?.rateLimit ?? null;
    this.assertWithinCallingKey(auth, 'create', { type, expiresAt, rateLimit });

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
        rateLimit,
        rotatedFromId: null,
      },
      machineUser,
    );
    return { ...toApiKeyDto(created, true), key: generated.key };
  }

  async rename(auth: AuthContext, id: string, dto: UpdateApiKeyDto): Promise<ApiKeyDto> {
    await this.findManageable(auth, id);
    return toApiKeyDto(await this.repository.rename(id, dto.name), true);
  }

  async delete(auth: AuthContext, id: string): Promise<void> {
    await this.findManageable(auth, id);
    await this.repository.revoke(id);
  }

  /** A new key with the same settings; the old one keeps working for the grace period, then is revoked. */
  async rotate(auth: AuthContext, id: string, dto: RotateApiKeyDto): Promise<CreatedApiKeyDto> {
    const old = await this.findManageable(auth, id);
    this.assertWithinCallingKey(auth, 'rotate', old);
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
    return { ...toApiKeyDto(await this.repository.rotate(old.id, replacement, revokeOldAt), true), key: generated.key };
  }

  /**
   * A live key of the caller's workspace that the caller may manage: owners and admins manage every key,
   * members only keys they own or created; a key acts for its owner, within its own scopes.
   */
  private async findManageable(auth: AuthContext, id: string): Promise<ApiKeyEntity> {
    const key = assertWorkspaceAccess(auth, await this.repository.findById(id), NOT_FOUND);
    if (key.revokedAt && key.revokedAt.getTime() <= Date.now()) throw AppException.notFound(NOT_FOUND);
    if (!mayManage(auth, key)) throw AppException.forbidden(OWN_KEYS_ONLY);
    this.assertNoEscalation(auth, key.scopes);
    return key;
  }

  /** A key never mints (creates or rotates) a key that outlives it or may send more requests than it. */
  private assertWithinCallingKey(auth: AuthContext, verb: 'create' | 'rotate', minted: KeyBounds): void {
    const caller = auth.apiKey;
    if (!caller) return;
    if (caller.expiresAt && (!minted.expiresAt || minted.expiresAt.getTime() > caller.expiresAt.getTime())) {
      throw AppException.forbidden(
        `A key cannot ${verb} a key that outlives it: the new key must expire by ${caller.expiresAt.toISOString()}`,
      );
    }
    const callerRate = effectiveRate(caller.type, caller.rateLimit);
    if (effectiveRate(minted.type, minted.rateLimit) > callerRate) {
      throw AppException.forbidden(
        `A key cannot ${verb} a key with a higher rate limit than its own (${callerRate} requests per minute)`,
      );
    }
  }

  private resolveScopes(auth: AuthContext, type: ApiKeyType, requested: ScopeGrant[] | null | undefined): string[] {
    if (type === 'publishable') {
      if (requested && !(requested.length === 1 && requested[0] === 'conversions')) {
        throw AppException.invalidField('scopes', 'publishable keys can only have the scope ["conversions"]');
      }
      return ['conversions'];
    }
    // A key minting a key without naming scopes passes on its own (never more); a person must choose.
    if (requested == null && auth.scopes !== null) return [...auth.scopes];
    if (!requested || requested.length === 0)
      throw AppException.invalidField(
        'scopes',
        `a secret key needs at least one scope, from: ${ALL_SCOPE_GRANTS.join(', ')}`,
      );
    return [...new Set(requested)];
  }

  /** A key managing keys never hands out (or touches a key with) a scope it does not hold itself. */
  private assertNoEscalation(auth: AuthContext, scopes: string[]): void {
    const missing = missingScope(auth, scopes);
    if (missing) throw AppException.forbidden(`Missing required scope: ${missing}`, ErrorCode.insufficientScope);
  }
}

/** Sustained requests per minute a key may send: its own limit or its type's default. */
/** Owners and admins manage every key of the workspace, members only keys they own or created. */
function mayManage(auth: AuthContext, key: ApiKeyEntity): boolean {
  return auth.role !== 'member' || key.ownerId === auth.userId || key.createdById === auth.userId;
}

/** A scope of the key the calling key lacks (a key manages only keys within its own scopes); sessions lack none. */
function missingScope(auth: AuthContext, scopes: string[]): string | undefined {
  return auth.scopes === null ? undefined : scopes.find((scope) => !coversGrant(auth.scopes!, scope));
}

function effectiveRate(type: ApiKeyType, rateLimit: number | null): number {
  return rateLimit ?? (type === 'publishable' ? PUBLISHABLE_REQUESTS_PER_MINUTE : DEFAULT_REQUESTS_PER_MINUTE);
}
