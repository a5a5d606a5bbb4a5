import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { OmittableNotNull, trimString } from '@app/common';
import type { TagColor } from '@app/database';
import { IsTagColor } from './tag-color';

export class CreateLinkTagDto {
  /** Unique in the workspace, ignoring case; surrounding spaces are trimmed. */
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  /** One of the palette: gray (default), red, orange, yellow, green, teal, blue, purple, pink, brown. */
  @OmittableNotNull()
  @IsTagColor()
  color?: TagColor;
}
