import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UtmTemplateEntity } from '@app/database';
import { UtmTemplatesController } from './utm-templates.controller';
import { UtmTemplatesRepository } from './utm-templates.repository';
import { UtmTemplatesService } from './utm-templates.service';

@Module({
  imports: [TypeOrmModule.forFeature([UtmTemplateEntity])],
  controllers: [UtmTemplatesController],
  providers: [UtmTemplatesService, UtmTemplatesRepository],
  exports: [UtmTemplatesService],
})
export class UtmTemplatesModule {}
