import { IsString, MaxLength } from 'class-validator';

export class CheckDomainQueryDto {
  @IsString()
  @MaxLength(300)
  domain: string;
}
