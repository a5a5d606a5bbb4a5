import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LinkTagEntity } from '@app/database';
import { DataSource } from 'typeorm';
import { NamedResourceRepository } from '../named-resources/named-resource.repository';

@Injectable()
export class TagsRepository extends NamedResourceRepository<LinkTagEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, LinkTagEntity, {
      nameIndex: 'link_tags_workspace_name_key',
      linkReferences: { table: 'link_tag_assignments', column: 'tag_id' },
    });
  }
}
