import type { TagColor } from '@app/database';

export class LinkTagDto {
  /** `tag_…` */
  id: string;
  name: string;
  color: TagColor;
  /** Links carrying the tag. */
  linkCount: number;
  createdAt: string;
  updatedAt: string;
}

export class LinkTagPageDto {
  data: LinkTagDto[];
  nextCursor: string | null;
}
