import type { EntityManager } from 'typeorm';
import { LinkTagAssignmentEntity } from './entities/link-tag-assignment.entity';
import type { LinkTagEntity } from './entities/link-tag.entity';

/** The tags of each link, by name then id (the order responses list them in); links without tags are absent. */
export async function findTagsByLink(manager: EntityManager, linkIds: string[]): Promise<Map<string, LinkTagEntity[]>> {
  const byLink = new Map<string, LinkTagEntity[]>();
  if (linkIds.length === 0) return byLink;
  const assignments = await manager
    .getRepository(LinkTagAssignmentEntity)
    .createQueryBuilder('assignment')
    .innerJoinAndSelect('assignment.tag', 'tag')
    .where('assignment.link_id IN (:...linkIds)', { linkIds })
    .orderBy('tag.name', 'ASC')
    .addOrderBy('tag.id', 'ASC')
    .getMany();
  for (const assignment of assignments) {
    const list = byLink.get(assignment.linkId) ?? [];
    list.push(assignment.tag!);
    byLink.set(assignment.linkId, list);
  }
  return byLink;
}
