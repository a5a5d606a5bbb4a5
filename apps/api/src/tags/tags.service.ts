import { Injectable } from '@nestjs/common';
import type { LinkTagEntity } from '@app/database';
import { NamedResourceService } from '../named-resources/named-resource.service';
import type { CreateLinkTagDto } from './dto/create-link-tag.dto';
import type { LinkTagDto } from './dto/link-tag.dto';
import type { UpdateLinkTagDto } from './dto/update-link-tag.dto';
import { toLinkTagColumns, toLinkTagDto } from './tags.mapper';
import { TagsRepository } from './tags.repository';

@Injectable()
export class TagsService extends NamedResourceService<LinkTagEntity, LinkTagDto, CreateLinkTagDto, UpdateLinkTagDto> {
  constructor(repository: TagsRepository) {
    super(repository, { noun: 'tag', idKind: 'tag', quota: 'tags', toDto: toLinkTagDto, toColumns: toLinkTagColumns });
  }
}
