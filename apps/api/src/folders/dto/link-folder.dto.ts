export class LinkFolderDto {
  /** `fld_…` */
  id: string;
  name: string;
  description: string | null;
  /** Links in the folder. */
  linkCount: number;
  createdAt: string;
  updatedAt: string;
}

export class LinkFolderPageDto {
  data: LinkFolderDto[];
  nextCursor: string | null;
}
