import { Injectable } from '@nestjs/common';
import type { UtmTemplateEntity } from '@app/database';
import { NamedResourceService } from '../named-resources/named-resource.service';
import type { CreateUtmTemplateDto } from './dto/create-utm-template.dto';
import type { UpdateUtmTemplateDto } from './dto/update-utm-template.dto';
import type { UtmTemplateDto } from './dto/utm-template.dto';
import { toUtmTemplateColumns, toUtmTemplateDto } from './utm-templates.mapper';
import { UtmTemplatesRepository } from './utm-templates.repository';

@Injectable()
export class UtmTemplatesService extends NamedResourceService<
  UtmTemplateEntity,
  UtmTemplateDto,
  CreateUtmTemplateDto,
  UpdateUtmTemplateDto
> {
  constructor(repository: UtmTemplatesRepository) {
    super(repository, {
      noun: 'UTM template',
      idKind: 'utmTemplate',
      quota: 'utmTemplates',
      toDto: toUtmTemplateDto,
      toColumns: toUtmTemplateColumns,
    });
  }
}
