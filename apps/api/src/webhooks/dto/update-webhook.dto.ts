import { IsBoolean, IsOptional } from 'class-validator';
import { PartialType } from '@nestjs/swagger';
import { CreateWebhookDto } from './create-webhook.dto';

export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {
  /** false stops deliveries (pending ones wait); true resumes them and clears the failure count. */
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
