import { Injectable, StreamableFile } from '@nestjs/common';
import type { AuthContext } from '@app/auth';
import { AppException, streamExport } from '@app/common';
import type { ExportLinkEventsQueryDto } from './dto/export-link-events-query.dto';
import type { LinkDetailDto } from './dto/link-detail.dto';
import { ClickRow, LinkActivityRepository } from './link-activity.repository';
import { LinksService } from './links.service';

const EXPORT_BATCH_SIZE = 5_000;
const EXPORT_COLUMNS: (keyof ClickRow)[] = [
  'id',
  'time',
  'domain',
  'url',
  'country',
  'region',
  'city',
  'device',
  'browser',
  'os',
  'referrer',
  'referrerDomain',
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'utmTerm',
  'utmContent',
  'isBot',
];

/** What happened to one link: the detail page's figures and the raw click export. */
@Injectable()
export class LinkActivityService {
  constructor(
    private readonly links: LinksService,
    private readonly repository: LinkActivityRepository,
  ) {}

  async detail(auth: AuthContext, id: string): Promise<LinkDetailDto> {
    const link = await this.links.get(auth, id);
    const [totals, last30Days, topCountries, topReferrers, topDevices, recentClicks] = await Promise.all([
      this.repository.totals(link.id),
      this.repository.dailySeries(link.id, 30),
      this.repository.topValues(link.id, 'country', 30, 10),
      this.repository.topValues(link.id, 'referrer', 30, 10),
      this.repository.topValues(link.id, 'device', 30, 10),
      this.repository.recentClicks(link.id, 20),
    ]);
    return {
      link,
      totals,
      last7Days: last30Days.slice(-7),
      last30Days,
      topCountries,
      topReferrers,
      topDevices,
      recentClicks: recentClicks.map(({ id: clickId, time, country, city, device, browser, os, referrer, isBot }) => ({
        id: clickId,
        time,
        country,
        city,
        device,
        browser,
        os,
        referrer,
        isBot,
      })),
    };
  }

  async export(auth: AuthContext, id: string, query: ExportLinkEventsQueryDto): Promise<StreamableFile> {
    const link = await this.links.get(auth, id);
    const range = { start: query.start ? new Date(query.start) : null, end: query.end ? new Date(query.end) : null };
    if (range.start && range.end && range.end <= range.start)
      throw AppException.invalidField('end', 'end must be after start');
    return streamExport<ClickRow>({
      format: query.format ?? 'csv',
      filename: `${link.id}-clicks`,
      columns: EXPORT_COLUMNS.map((name) => ({ name, value: (row) => row[name] })),
      toJson: (row) => Object.fromEntries(EXPORT_COLUMNS.map((name) => [name, row[name]])),
      fetchBatch: (after) =>
        this.repository.exportBatch(link.id, range, after && { time: after.time, id: after.id }, EXPORT_BATCH_SIZE),
      batchSize: EXPORT_BATCH_SIZE,
    });
  }
}
