import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RotateApiKeyDto {
  /** How long the old key keeps working, 0 (default: revoked at once) to 604800 (7 days). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604_800)
  gracePeriodSeconds?: number;
}
