import { Module } from '@nestjs/common';
import { ClicksModule } from '../clicks/clicks.module';
import { AbTestWinners } from './ab-test-winners';
import { RedirectController } from './redirect.controller';
import { RedirectLinkCache } from './redirect-link-cache';
import { RedirectFastPath } from './redirect-fast-path';
import { RedirectRoutes } from './redirect.routes';
import { RedirectRepository } from './redirect.repository';
import { RedirectService } from './redirect.service';
import { ShortDomainResolver } from './short-domains';

@Module({
  imports: [ClicksModule],
  controllers: [RedirectController],
  providers: [
    RedirectRoutes,
    RedirectFastPath,
    RedirectService,
    RedirectRepository,
    RedirectLinkCache,
    ShortDomainResolver,
    AbTestWinners,
  ],
})
export class RedirectModule {}
