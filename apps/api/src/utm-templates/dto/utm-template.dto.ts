export class UtmTemplateDto {
  /** `utm_…` */
  id: string;
  name: string;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  /** `ref` query parameter added to the destination. */
  ref: string | null;
  createdAt: string;
  updatedAt: string;
}

export class UtmTemplatePageDto {
  data: UtmTemplateDto[];
  nextCursor: string | null;
}
