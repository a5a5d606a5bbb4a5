import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UtmTemplateEntity } from '@app/database';
import { DataSource } from 'typeorm';
import { NamedResourceRepository } from '../named-resources/named-resource.repository';

@Injectable()
export class UtmTemplatesRepository extends NamedResourceRepository<UtmTemplateEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    // Links copy a template's values when they are created; they never point at it.
    super(dataSource, UtmTemplateEntity, { nameIndex: 'utm_templates_workspace_name_key' });
  }
}
