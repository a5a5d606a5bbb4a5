import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DomainEntity } from '@app/database';
import { DestinationLoopsService } from './destination-loops.service';
import { DnsVerifier } from './dns-verifier.service';
import { DomainRecheckScheduler } from './domain-recheck.scheduler';
import { DomainsController } from './domains.controller';
import { DomainsRepository } from './domains.repository';
import { DomainsService } from './domains.service';

@Module({
  imports: [TypeOrmModule.forFeature([DomainEntity])],
  controllers: [DomainsController],
  providers: [DomainsService, DomainsRepository, DnsVerifier, DomainRecheckScheduler, DestinationLoopsService],
  exports: [DomainsService, DestinationLoopsService],
})
export class DomainsModule {}
