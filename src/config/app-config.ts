import { plainToInstance, Transform } from 'class-transformer';
import { dirname } from 'node:path';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** The development default older versions fell back on: it is public, so it signs nothing. */
export const PUBLISHED_DEV_SECRET = 'dev-only-secret-change-me-before-any-real-edition';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/** Every setting the system reads, with its default. Nothing else reads process.env. */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** postgres://user@host:5432/db switches from the embedded SQLite file to PostgreSQL. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must start with postgres://' })
  DATABASE_URL?: string;

  /** PostgreSQL schema to use (tests use a fresh one per run). */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, {
    message: 'DATABASE_SCHEMA must be a lower-case identifier',
  })
  DATABASE_SCHEMA?: string;

  @IsString()
  @MinLength(1)
  DATABASE_PATH = 'data/competition.sqlite';

  /**
   * Caps the SQLite file at this many MiB (PRAGMA max_page_count), so the competition's file
   * cannot fill a disk it shares; 0 = no cap. A full file answers 503 STORAGE_UNAVAILABLE.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DATABASE_MAX_MB = 0;

  /**
   * Signs the audit chain's head (HMAC-SHA256), so rows deleted or rewritten in the database are
   * detected. Kept out of the database: when not set, a key is generated on first start into
   * audit.key beside the SQLite file (DATABASE_PATH's folder), readable by the owner only.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUDIT_KEY must be at least 32 characters' })
  AUDIT_KEY?: string;

  /**
   * Signs access tokens. Unset: a random secret generated on first start and kept in the data
   * folder (`jwt-secret`, mode 0600), whatever NODE_ENV says; instances on other machines need
   * the same value set here.
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

  /** Failed logins allowed per account and address within the window before they are throttled. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 300;

  /**
   * Failed logins allowed per address (any accounts) within the window: against password
   * spraying. A hall's tablets share one address, so this is far above what typos produce.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ADDRESS_MAX_FAILURES = 100;

  /** Writes (non-GET requests) allowed per signed-in user per minute; then 429 with Retry-After. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WRITE_RATE_PER_MINUTE = 12_000;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  ADMIN_PASSWORD?: string;

  /**
   * What an empty database is seeded with: `off` nothing but ADMIN_PASSWORD's admin; `on` the demo
   * accounts and an edition of events without entries (what the browser tests start from); `day`
   * (the default) that, plus a second edition with one event at each phase of the day.
   */
  @IsIn(['on', 'off', 'day'])
  DEMO: 'on' | 'off' | 'day' = 'day';

  /** bench:marks only: mounts the bare one-insert endpoint it compares against (never in production). */
  @IsIn(['on', 'off'])
  BENCH_PROBE: 'on' | 'off' = 'off';

  /** Comma-separated origins allowed by CORS; empty means same origin only. */
  @IsString()
  CORS_ORIGINS = '';

  @IsString()
  CLIENT_DIST = 'client/dist';

  /** Reward policies (*.json), validated at start-up; a bad file stops the start. */
  @IsString()
  POLICIES_DIR = 'data/policies';

  /** Live boards: at most one broadcast per event room per this many milliseconds. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  LIVE_INTERVAL_MS = 500;

  /**
   * Processes that hold the public boards' websockets and write every broadcast to them, so the
   * API answers marks while thousands watch. 0 keeps every viewer in the API process.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(8)
  LIVE_WORKERS = 1;

  /** redis://host:6379 carries socket.io broadcasts between instances. */
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must start with redis://' })
  REDIS_URL?: string;

  get databaseType(): 'sqlite' | 'postgres' {
    return this.DATABASE_URL ? 'postgres' : 'sqlite';
  }

  /** Where the SQLite file, backups and generated keys live (on PostgreSQL too). */
  get dataDir(): string {
    return dirname(this.DATABASE_PATH);
  }

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  }
}

export class ConfigError extends Error {}

const KNOWN_KEYS = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'DATABASE_PATH',
  'DATABASE_MAX_MB',
  'JWT_SECRET',
  'AUDIT_KEY',
  'ACCESS_TOKEN_TTL_SECONDS',
  'REFRESH_TOKEN_TTL_SECONDS',
  'LOGIN_MAX_FAILURES',
  'LOGIN_WINDOW_SECONDS',
  'LOGIN_ADDRESS_MAX_FAILURES',
  'ADMIN_PASSWORD',
  'WRITE_RATE_PER_MINUTE',
  'DEMO',
  'BENCH_PROBE',
  'CORS_ORIGINS',
  'CLIENT_DIST',
  'LIVE_INTERVAL_MS',
  'LIVE_WORKERS',
  'POLICIES_DIR',
  'REDIS_URL',
] as const;

/** Reads and validates the environment; throws a ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of KNOWN_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') {
      raw[key] = value;
    }
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { forbidUnknownValues: true });
  const problems = errors.map(
    (e) =>
      `${e.property}=${JSON.stringify(raw[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  if (config.JWT_SECRET === PUBLISHED_DEV_SECRET) {
    problems.push(
      'JWT_SECRET: the published development default is not a secret; unset it or set your own',
    );
  }
  if (config.DATABASE_URL && config.REDIS_URL) {
    // Several instances on one database: a key generated into each one's data folder would differ
    // (the audit head signed by one reads as forged to the other; one's tokens refused by the other).
    for (const key of ['JWT_SECRET', 'AUDIT_KEY'] as const) {
      if (!config[key]) {
        problems.push(
          `${key}: instances that share DATABASE_URL and REDIS_URL must share it; set the same value on each`,
        );
      }
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}
