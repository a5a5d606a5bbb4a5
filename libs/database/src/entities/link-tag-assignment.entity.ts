import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LinkEntity } from './link.entity';
import { LinkTagEntity } from './link-tag.entity';

/** Many-to-many between links and tags; deleting either side removes the row. */
@Entity('link_tag_assignments')
@Index('link_tag_assignments_tag_idx', ['tagId'])
export class LinkTagAssignmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  linkId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  tagId: string;

  @ManyToOne(() => LinkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_id' })
  link?: LinkEntity;

  @ManyToOne(() => LinkTagEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id' })
  tag?: LinkTagEntity;
}
