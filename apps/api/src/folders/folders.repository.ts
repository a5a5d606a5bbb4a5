import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LinkFolderEntity } from '@app/database';
import { DataSource } from 'typeorm';
import { NamedResourceRepository } from '../named-resources/named-resource.repository';

@Injectable()
export class FoldersRepository extends NamedResourceRepository<LinkFolderEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, LinkFolderEntity, {
      nameIndex: 'link_folders_workspace_name_key',
      linkReferences: { table: 'links', column: 'folder_id' },
    });
  }
}
