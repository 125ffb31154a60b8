import { z } from 'zod';

/**
 * Every setting the server reads from the environment, validated once at start.
 * A bad value stops start-up with a message that names the variable.
 */
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const ZConfig = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TRUST_PROXY: bool.default(false),
  DEFAULT_TENANT: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  SEED_DEMO: bool.optional(),
  JOBS_IN_PROCESS: bool.default(true),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).default(12),
  COOKIE_SECURE: bool.optional(),
  FILES_DIR: z.string().optional(),
  FILES_MAX_MB: z.coerce.number().positive().default(25),
  FILES_S3_ENDPOINT: z.url().optional(),
  FILES_S3_REGION: z.string().default('us-east-1'),
  FILES_S3_BUCKET: z.string().optional(),
  FILES_S3_ACCESS_KEY: z.string().optional(),
  FILES_S3_SECRET_KEY: z.string().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Dimos <no-reply@localhost>'),
  SMS_PROVIDER: z.enum(['outbox', 'apifon', 'yuboto', 'routee']).default('outbox'),
  TAXISNET_AUTHORIZE_URL: z.url().optional(),
  TAXISNET_TOKEN_URL: z.url().optional(),
  TAXISNET_USERINFO_URL: z.url().optional(),
  TAXISNET_CLIENT_ID: z.string().optional(),
  TAXISNET_CLIENT_SECRET: z.string().optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** How long to wait for TaxisNet or the OIDC provider before sending the citizen back with an error. */
  IDP_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  /** Μητρώο Πολιτών through the ΚΕΔ (accredited-body REST interface); in development an imitation stands in when unset. */
  CIVIL_REGISTRY_URL: z.url().optional(),
  CIVIL_REGISTRY_USERNAME: z.string().optional(),
  CIVIL_REGISTRY_PASSWORD: z.string().optional(),
  CIVIL_REGISTRY_API_KEY: z.string().optional(),
  CIVIL_REGISTRY_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** e-Παράβολο (ΓΓΠΣ/ΑΑΔΕ) SOAP service for checking and binding paravolo codes; in development and tests an imitation stands in when unset. */
  E_PARAVOLO_URL: z.url().optional(),
  E_PARAVOLO_USERNAME: z.string().optional(),
  E_PARAVOLO_PASSWORD: z.string().optional(),
  E_PARAVOLO_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  /**
   * Base map tiles for every map of the web app (a tenant's `settings.map.tileUrl` wins): an https template with
   * {z}/{x}/{y}, or a raster PMTiles archive served by this origin (`/tiles/area.pmtiles`).
   */
  MAP_TILE_URL: z
    .string()
    .regex(
      /^((https:\/\/|\/).*\{z\}.*\{x\}.*\{y\}|\/(?!\/)[^?#\s]*\.pmtiles$)/i,
      'must be an https:// (or /path) template with {z}, {x} and {y}, or a /path/to/file.pmtiles on this server',
    )
    .optional(),
  /** Attribution shown with MAP_TILE_URL's tiles (their licence usually requires it). */
  MAP_TILE_ATTRIBUTION: z.string().max(300).optional(),
  /** Device telemetry: the embedded MQTT broker's port (0 disables it); not started when MQTT_URL is set. */
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1884),
  MQTT_HOST: z.string().min(1).default('0.0.0.0'),
  /** An external broker (Mosquitto, EMQX) to subscribe to instead, e.g. mqtts://user:pass@broker:8883. */
  MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?):\/\//, 'must start with mqtt://, mqtts://, ws:// or wss://')
    .optional(),
  /** Shared-subscription group: processes in one group split the device stream. */
  MQTT_SHARE_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('dimos'),
  /** A fixed MQTT client id per process keeps a persistent session (unacknowledged messages are redelivered). */
  MQTT_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional(),
});

export type TConfig = z.infer<typeof ZConfig>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const input = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in ZConfig.shape && v !== undefined && v !== ''));
  const parsed = ZConfig.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  if (cfg.NODE_ENV === 'production' && !cfg.PUBLIC_URL) {
    // links in e-mails, OAuth redirects and documents must never be built from a request's Host header
    throw new ConfigError(
      "Invalid configuration:\n  PUBLIC_URL: required in production (the public https address, e.g. https://dimos.example.gr); every e-mailed, OAuth and document link is built from it or from the tenant's hosts",
    );
  }
  const s3 = {
    FILES_S3_ENDPOINT: cfg.FILES_S3_ENDPOINT,
    FILES_S3_BUCKET: cfg.FILES_S3_BUCKET,
    FILES_S3_ACCESS_KEY: cfg.FILES_S3_ACCESS_KEY,
    FILES_S3_SECRET_KEY: cfg.FILES_S3_SECRET_KEY,
  };
  const missing = Object.entries(s3)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length && missing.length < Object.keys(s3).length) {
    // A half-configured store would silently write uploads to local disk: refuse instead.
    throw new ConfigError(
      `Invalid configuration:\n${missing.map((k) => `  ${k}: required when any FILES_S3_* is set (FILES_S3_ENDPOINT, FILES_S3_BUCKET, FILES_S3_ACCESS_KEY and FILES_S3_SECRET_KEY go together)`).join('\n')}`,
    );
  }
  return cfg;
}

export function isDev(cfg: TConfig) {
  return cfg.NODE_ENV !== 'production';
}
