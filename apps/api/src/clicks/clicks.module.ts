import { Module } from '@nestjs/common';
import { ClickEnricher } from './click-enricher';
import { ClickPartitionsService } from './click-partitions.service';
import { ClickRecorder } from './click-recorder.service';
import { ClickStream } from './click-stream';
import { ClickStreamConsumer } from './click-stream-consumer';
import { CLICK_WRITER } from './click-writer';
import { ClicksRepository } from './clicks.repository';
import { DatabaseClickWriter } from './database-click-writer';
import { GeoIpService } from './geoip.service';
import { RedisStreamClickWriter } from './redis-stream-click-writer';
import { VisitorSalts } from './visitor-salts';

/**
 * Server-side click tracking: the redirect records, this module enriches, batches and stores — straight
 * into PostgreSQL, or with REDIS_URL through the Redis click stream every instance consumes.
 */
@Module({
  providers: [
    ClickRecorder,
    ClickEnricher,
    ClicksRepository,
    ClickPartitionsService,
    GeoIpService,
    VisitorSalts,
    ClickStream,
    ClickStreamConsumer,
    DatabaseClickWriter,
    RedisStreamClickWriter,
    {
      provide: CLICK_WRITER,
      inject: [ClickStream, RedisStreamClickWriter, DatabaseClickWriter],
      useFactory: (stream: ClickStream, streamWriter: RedisStreamClickWriter, databaseWriter: DatabaseClickWriter) =>
        stream.enabled ? streamWriter : databaseWriter,
    },
  ],
  exports: [ClickRecorder, GeoIpService],
})
export class ClicksModule {}
