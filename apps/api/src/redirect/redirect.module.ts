import { Module } from '@nestjs/common';
import { ClicksModule } from '../clicks/clicks.module';
import { AbTestWinners } from './ab-test-winners';
import { RedirectController } from './redirect.controller';
import { RedirectLinkCache } from './redirect-link-cache';
import { RedirectRoutes } from './redirect.routes';
import { RedirectRepository } from './redirect.repository';
import { RedirectService } from './redirect.service';
import { ShortDomainResolver } from './short-domains';

@Module({
  imports: [ClicksModule],
  controllers: [RedirectController],
  providers: [
    RedirectRoutes,
    RedirectService,
    RedirectRepository,
    RedirectLinkCache,
    ShortDomainResolver,
    AbTestWinners,
  ],
})
export class RedirectModule {}
