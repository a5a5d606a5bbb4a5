import { IsIn } from 'class-validator';
import { TAG_COLORS } from '@app/database';

/** The palette check, naming every allowed color in its message. */
export const IsTagColor = (): PropertyDecorator =>
  IsIn(TAG_COLORS, { message: `color must be one of: ${TAG_COLORS.join(', ')}` });
