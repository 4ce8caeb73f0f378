// Configuration for every part of Leeszaal (ingest, server, search), read once from the environment.
// Each value has a default so `npm start` works with no set-up; a bad value stops start-up with a
// message that names the variable, because a typo in a deployment should never be silently ignored.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const baseUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
  .refine((u) => !/[?#]/.test(u), 'must not have a query or fragment')
  .transform((u) => u.replace(/\/+$/, ''));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('data'),
  PUBLIC_BASE_URL: baseUrl.default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('warn'),

  DEFAULT_RIGHTS: z.string().url().default('https://creativecommons.org/publicdomain/mark/1.0/'),
  DEFAULT_ATTRIBUTION: z.string().min(1).default('Leeszaal'),
  PROVIDER_LABEL: z.string().min(1).default('Leeszaal'),
  PROVIDER_HOMEPAGE: baseUrl.optional(),

  // The pyramidal TIFF reuses the tiles, and TIFF tiles are multiples of 16 pixels.
  TILE_SIZE: int(64, 4096).multipleOf(16, 'must be a multiple of 16').default(512),
  JPEG_QUALITY: int(1, 100).default(85),
  MAX_IMAGE_PIXELS: int(1, 10_000_000_000).default(1_000_000_000),
  INGEST_JOBS: int(1, 256).default(Math.max(1, os.availableParallelism())),

  IIIF_MAX_WIDTH: int(1, 65_535).default(10_000),
  IIIF_MAX_HEIGHT: int(1, 65_535).default(10_000),
  IIIF_MAX_AREA: int(1, 1_000_000_000).default(40_000_000),
  // Twice the cores: each render waits on file reads and thread hand-offs part of the time.
  RENDER_CONCURRENCY: int(1, 256).default(Math.max(1, 2 * os.availableParallelism())),
  RENDER_QUEUE: int(0, 10_000).default(64),
  RENDER_TIMEOUT_MS: int(100, 600_000).default(20_000),
  RENDER_CACHE_MB: int(0, 65_536).default(256),

  ELASTICSEARCH_URL: optionalString.pipe(z.string().url().optional()),
  ELASTICSEARCH_API_KEY: optionalString,
  ELASTICSEARCH_USERNAME: optionalString,
  ELASTICSEARCH_PASSWORD: optionalString,
  ELASTICSEARCH_CA_CERT: optionalString,
  ELASTICSEARCH_INDEX: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -').default('leeszaal'),
});

export type Config = Readonly<
  Omit<z.infer<typeof envSchema>, 'DATA_DIR'> & {
    /** Absolute path of the data folder. */
    DATA_DIR: string;
  }
>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses configuration from an environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze({ ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR) });
}
