import type { LinkTagEntity } from '@app/database';
import type { NamedResourceChanges } from '../named-resources/named-resource.repository';
import type { CreateLinkTagDto } from './dto/create-link-tag.dto';
import type { LinkTagDto } from './dto/link-tag.dto';
import type { UpdateLinkTagDto } from './dto/update-link-tag.dto';

export function toLinkTagDto(tag: LinkTagEntity, linkCount: number): LinkTagDto {
  return {
    id: tag.id,
    name: tag.name,
    color: tag.color,
    linkCount,
    createdAt: tag.createdAt.toISOString(),
    updatedAt: tag.updatedAt.toISOString(),
  };
}

export function toLinkTagColumns(dto: CreateLinkTagDto | UpdateLinkTagDto): NamedResourceChanges<LinkTagEntity> {
  return { name: dto.name, color: dto.color };
}
