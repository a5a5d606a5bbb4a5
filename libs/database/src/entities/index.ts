import { ApiKeyEntity } from './api-key.entity';
import { ClickSaltEntity } from './click-salt.entity';
import { ConversionEventEntity } from './conversion-event.entity';
import { CustomerEntity } from './customer.entity';
import { DomainEntity } from './domain.entity';
import { InvitationEntity } from './invitation.entity';
import { LinkEntity } from './link.entity';
import { LinkFolderEntity } from './link-folder.entity';
import { LinkTagAssignmentEntity } from './link-tag-assignment.entity';
import { LinkTagEntity } from './link-tag.entity';
import { MembershipEntity } from './membership.entity';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';
import { UtmTemplateEntity } from './utm-template.entity';
import { WorkspaceEntity } from './workspace.entity';
import { WorkspaceUsageEntity } from './workspace-usage.entity';
import { WebhookDeliveryEntity, WebhookEntity, WebhookEventEntity } from './webhook.entity';

/** Entities several modules share; always part of the data source. Feature-local ones come through forFeature. */
export const SHARED_ENTITIES = [
  UserEntity,
  WorkspaceEntity,
  MembershipEntity,
  SessionEntity,
  ApiKeyEntity,
  LinkEntity,
  LinkFolderEntity,
  LinkTagEntity,
  LinkTagAssignmentEntity,
  UtmTemplateEntity,
  DomainEntity,
  WorkspaceUsageEntity,
  CustomerEntity,
  ConversionEventEntity,
  InvitationEntity,
  ClickSaltEntity,
  WebhookEntity,
  WebhookEventEntity,
  WebhookDeliveryEntity,
];
