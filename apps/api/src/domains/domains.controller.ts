import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Authenticated } from '@app/auth';
import { ApiErrors, ErrorCode, PageQueryDto } from '@app/common';
import { DomainsService } from './domains.service';
import { CheckDomainQueryDto } from './dto/check-domain-query.dto';
import { CreateDomainDto } from './dto/create-domain.dto';
import { DeleteDomainQueryDto } from './dto/delete-domain-query.dto';
import { DomainAvailabilityDto, DomainDto, DomainPageDto, DomainVerificationDto } from './dto/domain.dto';
import { UpdateDomainDto } from './dto/update-domain.dto';

@ApiTags('Domains')
@Controller('api/v1/domains')
export class DomainsController {
  constructor(private readonly domains: DomainsService) {}

  /** The workspace's custom domains, oldest first. */
  @Get()
  @Authenticated({ scopes: ['domains'] })
  listDomains(@Auth() auth: AuthContext, @Query() query: PageQueryDto): Promise<DomainPageDto> {
    return this.domains.list(auth, query);
  }

  /** Whether a host name can be added: 400 when it can never be a custom domain, `available: false` when it is taken. */
  @Get('check')
  @Authenticated({ scopes: ['domains'] })
  checkDomain(@Auth() auth: AuthContext, @Query() query: CheckDomainQueryDto): Promise<DomainAvailabilityDto> {
    return this.domains.check(auth, query.domain);
  }

  /** Adds a domain (pending) and answers the DNS records to create. Counts toward the plan's domain quota. */
  @Post()
  @Authenticated({ scopes: ['domains'] })
  @ApiErrors(ErrorCode.conflict, ErrorCode.quotaExceeded)
  createDomain(@Auth() auth: AuthContext, @Body() dto: CreateDomainDto): Promise<DomainDto> {
    return this.domains.create(auth, dto);
  }

  /** Sets the domain's metadata: not-found, root and expired URLs, no-index, and its apps (deep links). */
  @Patch(':id')
  @Authenticated({ scopes: ['domains'], plan: 'domainMetadata' })
  updateDomain(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateDomainDto): Promise<DomainDto> {
    return this.domains.update(auth, id, dto);
  }

  /** Checks the DNS records now; answers each record checked and, when verification fails, what is missing or wrong. */
  @Post(':id/verify')
  @HttpCode(200)
  @Authenticated({ scopes: ['domains'] })
  @ApiErrors(ErrorCode.conflict)
  verifyDomain(@Auth() auth: AuthContext, @Param('id') id: string): Promise<DomainVerificationDto> {
    return this.domains.verify(auth, id);
  }

  /** Removes the domain. 409 while links use it, unless `?force=true`, which archives them. */
  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ scopes: ['domains'] })
  @ApiErrors(ErrorCode.conflict)
  deleteDomain(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Query() query: DeleteDomainQueryDto,
  ): Promise<void> {
    return this.domains.delete(auth, id, query.force ?? false);
  }
}
