import type { LinkDto } from './dto/link.dto';
import type { LinkRecord } from './links.repository';

export function toLinkDto({ link, tags }: LinkRecord, shortLink: string): LinkDto {
  return {
    id: link.id,
    domain: link.domain,
    slug: link.slug,
    shortLink,
    url: link.url,
    title: link.title,
    description: link.description,
    og: link.og,
    externalId: link.externalId,
    folderId: link.folderId,
    folder: link.folder ? { id: link.folder.id, name: link.folder.name } : null,
    tagIds: tags.map((tag) => tag.id),
    tags: tags.map((tag) => ({ id: tag.id, name: tag.name, color: tag.color })),
    utm_source: link.utmSource,
    utm_medium: link.utmMedium,
    utm_campaign: link.utmCampaign,
    utm_term: link.utmTerm,
    utm_content: link.utmContent,
    expiresAt: link.expiresAt?.toISOString() ?? null,
    expiredUrl: link.expiredUrl,
    hasPassword: link.passwordHash !== null,
    ios: link.ios,
    android: link.android,
    geo: link.geo,
    trackConversion: link.trackConversion,
    archived: link.archived,
    testVariants: link.testVariants?.map(({ url, weight }) => ({ url, weight })) ?? null,
    testEndsAt: link.testEndsAt?.toISOString() ?? null,
    winnerUrl: link.winnerUrl,
    testPickWinner: link.testPickWinner,
    clicks: link.clicks,
    lastClickedAt: link.lastClickedAt?.toISOString() ?? null,
    createdBy: link.createdBy
      ? { id: link.createdBy.id, name: link.createdBy.name, type: link.createdBy.isMachine ? 'machine' : 'user' }
      : null,
    createdAt: link.createdAt.toISOString(),
    updatedAt: link.updatedAt.toISOString(),
  };
}
