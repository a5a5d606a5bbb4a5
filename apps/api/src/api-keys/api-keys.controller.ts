import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Authenticated } from '@app/auth';
import { PageQueryDto } from '@app/common';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, ApiKeyPageDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { RotateApiKeyDto } from './dto/rotate-api-key.dto';
import { UpdateApiKeyDto } from './dto/update-api-key.dto';

@ApiTags('API keys')
@Controller('api/settings/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** Keys of the workspace (never the keys themselves: only `keyPrefix`), newest first. */
  @Get()
  @Authenticated({ scopes: ['api_keys'] })
  listApiKeys(@Auth() auth: AuthContext, @Query() query: PageQueryDto): Promise<ApiKeyPageDto> {
    return this.apiKeys.list(auth, query);
  }

  /** Creates a key; the response holds `key`, shown this once. A key can only grant scopes it has. */
  @Post()
  @Authenticated({ scopes: ['api_keys'] })
  createApiKey(@Auth() auth: AuthContext, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(auth, dto);
  }

  /** Renames a key. */
  @Put(':id')
  @Authenticated({ scopes: ['api_keys'] })
  updateApiKey(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateApiKeyDto): Promise<ApiKeyDto> {
    return this.apiKeys.rename(auth, id, dto);
  }

  /** Revokes a key at once, on every instance: its next request gets 401 api_key_revoked. */
  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ scopes: ['api_keys'] })
  deleteApiKey(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    return this.apiKeys.delete(auth, id);
  }

  /** Issues a new key with the same settings; the old one is revoked when the grace period ends. */
  @Post(':id/rotate')
  @Authenticated({ scopes: ['api_keys'] })
  rotateApiKey(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Body() dto: RotateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.apiKeys.rotate(auth, id, dto);
  }
}
