import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { DomainAppsDto } from './domain-apps.dto';

export class CreateDomainDto {
  /** Host name, e.g. `go.example.com` (IDN allowed; stored in punycode). */
  @IsString()
  @MaxLength(300)
  domain: string;

  /** The iOS and Android apps that open the domain's links (creator plan or above). */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => DomainAppsDto)
  apps?: DomainAppsDto | null;
}
