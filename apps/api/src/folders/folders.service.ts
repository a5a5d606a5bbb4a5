import { Injectable } from '@nestjs/common';
import type { LinkFolderEntity } from '@app/database';
import { NamedResourceService } from '../named-resources/named-resource.service';
import type { CreateLinkFolderDto } from './dto/create-link-folder.dto';
import type { LinkFolderDto } from './dto/link-folder.dto';
import type { UpdateLinkFolderDto } from './dto/update-link-folder.dto';
import { toLinkFolderColumns, toLinkFolderDto } from './folders.mapper';
import { FoldersRepository } from './folders.repository';

@Injectable()
export class FoldersService extends NamedResourceService<
  LinkFolderEntity,
  LinkFolderDto,
  CreateLinkFolderDto,
  UpdateLinkFolderDto
> {
  constructor(repository: FoldersRepository) {
    super(repository, {
      noun: 'folder',
      idKind: 'folder',
      quota: 'folders',
      toDto: toLinkFolderDto,
      toColumns: toLinkFolderColumns,
    });
  }
}
