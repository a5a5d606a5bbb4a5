import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LinkEntity, LinkFolderEntity, LinkTagAssignmentEntity, LinkTagEntity, UtmTemplateEntity } from '@app/database';
import { AnalyticsModule } from '../analytics/analytics.module';
import { DomainsModule } from '../domains/domains.module';
import { LinkActivityRepository } from './link-activity.repository';
import { LinkActivityService } from './link-activity.service';
import { LinkDomainsService } from './link-domains.service';
import { LinksController } from './links.controller';
import { LinksRepository } from './links.repository';
import { LinksService } from './links.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([LinkEntity, LinkFolderEntity, LinkTagEntity, LinkTagAssignmentEntity, UtmTemplateEntity]),
    DomainsModule,
    AnalyticsModule,
  ],
  controllers: [LinksController],
  providers: [LinksService, LinksRepository, LinkDomainsService, LinkActivityService, LinkActivityRepository],
  exports: [LinksService],
})
export class LinksModule {}
