import { IsString, MaxLength } from 'class-validator';

export class CreateDomainDto {
  /** Host name, e.g. `go.example.com` (IDN allowed; stored in punycode). */
  @IsString()
  @MaxLength(300)
  domain: string;
}
