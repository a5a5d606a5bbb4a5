import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { blankToNull, trimString } from '@app/common';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '@app/database';

export class CreateWebhookDto {
  /** Where events are POSTed: https (http only when the server allows it), on a public address. */
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url: string;

  /** A blank description is stored as null. */
  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(200)
  description?: string | null;

  /** The events to send; `link.clicked` is only sent to webhooks that list it. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, {
    each: true,
    message: `each event type must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
  })
  eventTypes: WebhookEventType[];

  /** Only events about these links (`link_…`). A filtered webhook gets no events about domains or unattributed conversions. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(/^link_[0-9A-Za-z]{16}$/, { each: true, message: 'each link id must be a link id (link_…)' })
  linkIds?: string[] | null;

  /** Only events about links in this folder (`fld_…`). */
  @IsOptional()
  @Matches(/^fld_[0-9A-Za-z]{16}$/, { message: 'folderId must be a folder id (fld_…)' })
  folderId?: string | null;

  /** Only events about links with this tag (`tag_…`). */
  @IsOptional()
  @Matches(/^tag_[0-9A-Za-z]{16}$/, { message: 'tagId must be a tag id (tag_…)' })
  tagId?: string | null;
}
