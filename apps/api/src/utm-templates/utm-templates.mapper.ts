import type { UtmTemplateEntity } from '@app/database';
import type { NamedResourceChanges } from '../named-resources/named-resource.repository';
import type { CreateUtmTemplateDto } from './dto/create-utm-template.dto';
import type { UpdateUtmTemplateDto } from './dto/update-utm-template.dto';
import type { UtmTemplateDto } from './dto/utm-template.dto';

export function toUtmTemplateDto(template: UtmTemplateEntity): UtmTemplateDto {
  return {
    id: template.id,
    name: template.name,
    utm_source: template.utmSource,
    utm_medium: template.utmMedium,
    utm_campaign: template.utmCampaign,
    utm_term: template.utmTerm,
    utm_content: template.utmContent,
    ref: template.ref,
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  };
}

export function toUtmTemplateColumns(
  dto: CreateUtmTemplateDto | UpdateUtmTemplateDto,
): NamedResourceChanges<UtmTemplateEntity> {
  return {
    name: dto.name,
    utmSource: dto.utm_source,
    utmMedium: dto.utm_medium,
    utmCampaign: dto.utm_campaign,
    utmTerm: dto.utm_term,
    utmContent: dto.utm_content,
    ref: dto.ref,
  };
}
