import type { UserEntity } from '@app/database';
import type { UserDto } from './dto/user.dto';

export function toUserDto(user: UserEntity): UserDto {
  return { id: user.id, email: user.email, name: user.name };
}
