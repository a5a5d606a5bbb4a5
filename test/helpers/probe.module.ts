import { Controller, Delete, Get, Module, Post } from '@nestjs/common';
import { Auth, AuthContext, Authenticated } from '@app/auth';

/**
 * Test-only routes that exercise every kind of access rule through the real guard, interceptor and
 * filter, so the auth table is tested independently of any feature module.
 */
@Controller('test/probe')
class ProbeController {
  @Get('links')
  @Authenticated({ scopes: ['links'] })
  readLinks(@Auth() auth: AuthContext) {
    return { workspaceId: auth.workspaceId, via: auth.via };
  }

  @Post('links')
  @Authenticated({ scopes: ['links'] })
  writeLinks(@Auth() auth: AuthContext) {
    return { workspaceId: auth.workspaceId };
  }

  @Post('track')
  @Authenticated({ scopes: ['conversions'], publishable: true })
  track(@Auth() auth: AuthContext) {
    return { keyType: auth.apiKey?.type ?? null };
  }

  @Get('dashboard')
  @Authenticated({ session: true })
  dashboardOnly(@Auth() auth: AuthContext) {
    return { role: auth.role };
  }

  @Get('advanced')
  @Authenticated({ scopes: ['analytics'], plan: 'advancedAnalytics' })
  advanced() {
    return { ok: true };
  }

  @Delete('owners-only')
  @Authenticated({ scopes: ['links'], roles: ['owner', 'admin'] })
  ownersOnly() {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
