import type { LinkFolderEntity } from '@app/database';
import type { NamedResourceChanges } from '../named-resources/named-resource.repository';
import type { CreateLinkFolderDto } from './dto/create-link-folder.dto';
import type { LinkFolderDto } from './dto/link-folder.dto';
import type { UpdateLinkFolderDto } from './dto/update-link-folder.dto';

export function toLinkFolderDto(folder: LinkFolderEntity, linkCount: number): LinkFolderDto {
  return {
    id: folder.id,
    name: folder.name,
    description: folder.description,
    linkCount,
    createdAt: folder.createdAt.toISOString(),
    updatedAt: folder.updatedAt.toISOString(),
  };
}

export function toLinkFolderColumns(
  dto: CreateLinkFolderDto | UpdateLinkFolderDto,
): NamedResourceChanges<LinkFolderEntity> {
  return { name: dto.name, description: dto.description };
}
