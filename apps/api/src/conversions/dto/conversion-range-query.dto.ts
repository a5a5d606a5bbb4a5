import { IsIn, IsOptional } from 'class-validator';
import { IsIsoDateTime, RANGE_PRESETS, type RangePreset } from '@app/common';

/** A time range: a preset, or `start`/`end`; default the last 30 days. */
export class ConversionRangeQueryDto {
  /** Up to now: `24h`, `7d`, `30d` (default), `90d`, `1y`, or `all` (since the workspace was created). Not with start/end. */
  @IsOptional()
  @IsIn(RANGE_PRESETS)
  range?: RangePreset;

  /** ISO 8601, inclusive; default 30 days before `end`. */
  @IsOptional()
  @IsIsoDateTime()
  start?: string;

  /** ISO 8601, exclusive; default now. */
  @IsOptional()
  @IsIsoDateTime()
  end?: string;
}
