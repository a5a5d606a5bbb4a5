import { Module } from '@nestjs/common';
import { ClickEnricher } from './click-enricher';
import { ClickPartitionsService } from './click-partitions.service';
import { ClickRecorder } from './click-recorder.service';
import { CLICK_WRITER } from './click-writer';
import { ClicksRepository } from './clicks.repository';
import { DatabaseClickWriter } from './database-click-writer';
import { GeoIpService } from './geoip.service';
import { VisitorSalts } from './visitor-salts';

/** Server-side click tracking: the redirect records, this module enriches, batches and stores. */
@Module({
  providers: [
    ClickRecorder,
    ClickEnricher,
    ClicksRepository,
    ClickPartitionsService,
    GeoIpService,
    VisitorSalts,
    { provide: CLICK_WRITER, useClass: DatabaseClickWriter },
  ],
  exports: [ClickRecorder, GeoIpService],
})
export class ClicksModule {}
