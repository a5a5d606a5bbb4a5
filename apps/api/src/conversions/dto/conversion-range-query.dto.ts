import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { RANGE_PRESETS, type RangePreset } from '@app/common';

/** A time range: a preset, or `start`/`end`; default the last 30 days. */
export class ConversionRangeQueryDto {
  /** Up to now: `24h`, `7d`, `30d` (default), `90d`, `1y`, or `all` (since the workspace was created). Not with start/end. */
  @IsOptional()
  @IsIn(RANGE_PRESETS)
  range?: RangePreset;

  /** ISO 8601, inclusive; default 30 days before `end`. */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  start?: string;

  /** ISO 8601, exclusive; default now. */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  end?: string;
}
