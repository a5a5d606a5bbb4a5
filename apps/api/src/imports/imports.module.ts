import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LinkImportChunkEntity, LinkImportEntity } from '@app/database';
import { FoldersModule } from '../folders/folders.module';
import { LinksModule } from '../links/links.module';
import { TagsModule } from '../tags/tags.module';
import { ImportClock } from './import-clock';
import { ImportWorker } from './import.worker';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([LinkImportEntity, LinkImportChunkEntity]),
    LinksModule,
    TagsModule,
    FoldersModule,
  ],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, ImportWorker, ImportClock],
  exports: [ImportsService],
})
export class ImportsModule {}
