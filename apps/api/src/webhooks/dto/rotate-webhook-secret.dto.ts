import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RotateWebhookSecretDto {
  /** How long the old secret keeps signing beside the new one, 0 to 604800 (7 days); default 86400 (a day). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604_800)
  gracePeriodSeconds?: number;
}
