import type { TagColor } from '@app/database';
import { SocialPreviewViewDto } from './social-preview.dto';
import { TestVariantDto } from './test-variant.dto';

export class LinkCreatorDto {
  id: string;
  name: string | null;
  /** `user` for a person, `machine` for a machine user (the link was created through its API key). */
  type: 'user' | 'machine';
}

export class LinkFolderSummaryDto {
  id: string;
  name: string;
}

export class LinkTagSummaryDto {
  id: string;
  name: string;
  color: TagColor;
}

export class LinkDto {
  /** `link_…` */
  id: string;
  domain: string;
  slug: string;
  /**
   * The short link. The default short domain uses PUBLIC_URL's scheme; other domains https, except
   * localhost and hosts with a port (http).
   */
  shortLink: string;
  /** Destination, with its own query string as sent. */
  url: string;
  title: string | null;
  description: string | null;
  /** Social preview shown by link-preview crawlers; null when the link has none. */
  og: SocialPreviewViewDto | null;
  externalId: string | null;
  folderId: string | null;
  folder: LinkFolderSummaryDto | null;
  tagIds: string[];
  /** Sorted by name. */
  tags: LinkTagSummaryDto[];
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  expiresAt: string | null;
  expiredUrl: string | null;
  /** Whether visitors must enter a password; the password itself is never returned. */
  hasPassword: boolean;
  ios: string | null;
  android: string | null;
  geo: Record<string, string> | null;
  trackConversion: boolean;
  archived: boolean;
  /** A/B test: null when the link has none. */
  testVariants: TestVariantDto[] | null;
  testEndsAt: string | null;
  /** Set by you, or by the server when it picks the winner (`testPickWinner`) after `testEndsAt`. */
  winnerUrl: string | null;
  testPickWinner: boolean;
  /** Clicks by people (bots excluded). */
  clicks: number;
  lastClickedAt: string | null;
  /** Null when that user has been deleted. */
  createdBy: LinkCreatorDto | null;
  createdAt: string;
  updatedAt: string;
}

export class LinkPageDto {
  data: LinkDto[];
  nextCursor: string | null;
}
