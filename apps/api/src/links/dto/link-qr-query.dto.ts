import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const QR_FORMATS = ['png', 'svg'] as const;
export type QrFormat = (typeof QR_FORMATS)[number];

export const QR_MIN_SIZE = 64;
export const QR_MAX_SIZE = 2048;

export class LinkQrQueryDto {
  /** `png` (default) or `svg`. */
  @IsOptional()
  @IsIn(QR_FORMATS)
  format?: QrFormat = 'png';

  /** Width and height of the image in pixels, 64–2048 (default 512); the quiet zone is included. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(QR_MIN_SIZE)
  @Max(QR_MAX_SIZE)
  size?: number = 512;
}
