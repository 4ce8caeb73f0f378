// Configuration for every part of Leeszaal (ingest, server, search), read once from the environment.
// Each value has a default so `npm start` works with no set-up; a bad value stops start-up with a
// message that names the variable, because a typo in a deployment should never be silently ignored.
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as v from 'valibot';

/** A trimmed environment value (a blank one never gets here: loadConfig counts it as unset). */
const value = v.pipe(v.string(), v.trim());

const int = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.transform(Number),
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );

const url = v.pipe(value, v.url('must be a URL'));

/** A comma-separated list; blank entries dropped. */
const list = v.pipe(
  v.string(),
  v.transform((text) =>
    text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  ),
);

const baseUrl = v.pipe(
  value,
  v.check((u) => /^https?:\/\//.test(u), 'must start with http:// or https://'),
  v.url('must be a URL'),
  v.check((u) => !/[?#]/.test(u), 'must not have a query or fragment'),
  v.transform((u) => u.replace(/\/+$/, '')),
);

/** A comma-separated list of METS file group names (`USE` values), in order of preference. */
const groupList = v.pipe(
  value,
  v.transform((s) =>
    s
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean),
  ),
  v.minLength(1, 'must name at least one file group'),
  v.check((groups) => groups.every((g) => /^[A-Za-z0-9_.:-]+$/.test(g)), 'must be file group names (letters, digits, _ . : -) separated by commas'),
);

const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
const OCR_MODES = ['off', 'missing', 'all'] as const;
const FRAKTUR_SETTINGS = ['auto', 'always', 'never'] as const;
/** Languages (ISO 639-2/B) with a Tesseract model installed by .ci/install-system.sh. */
export const OCR_LANGUAGES = ['ger', 'dut', 'fre', 'lat', 'eng'] as const;

const envSchema = v.object({
  PORT: v.optional(int(0, 65535), '3000'),
  HOST: v.optional(value, '127.0.0.1'),
  DATA_DIR: v.optional(value, 'data'),
  PUBLIC_BASE_URL: v.optional(baseUrl),
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`), 'warn'),

  DEFAULT_RIGHTS: v.optional(url, 'https://creativecommons.org/publicdomain/mark/1.0/'),
  DEFAULT_ATTRIBUTION: v.optional(value, 'Leeszaal'),
  PROVIDER_LABEL: v.optional(value, 'Leeszaal'),
  PROVIDER_HOMEPAGE: v.optional(baseUrl),

  // The pyramidal TIFF reuses the tiles, and TIFF tiles are multiples of 16 pixels.
  TILE_SIZE: v.optional(v.pipe(int(64, 4096), v.multipleOf(16, 'must be a multiple of 16')), '512'),
  JPEG_QUALITY: v.optional(int(1, 100), '85'),
  MAX_IMAGE_PIXELS: v.optional(int(1, 10_000_000_000), '1000000000'),
  INGEST_JOBS: v.optional(int(1, 256), String(Math.max(1, os.availableParallelism()))),
  // METS file groups, best first: masters before derivatives (Goobi/Kitodo MASTER, OCR-D's
  // OCR-D-IMG, the DFG-Viewer's MAX and DEFAULT); ALTO before PAGE until PAGE is read.
  METS_IMAGE_GROUPS: v.optional(groupList, 'MASTER,ORIGINAL,OCR-D-IMG,MAX,DEFAULT,PRESENTATION,LOCAL'),
  METS_TEXT_GROUPS: v.optional(groupList, 'FULLTEXT,ALTO,OCR-D-GT-ALTO,OCR-D-ALTO,OCR-D-GT-PAGE,OCR-D-OCR,PAGE'),

  // Tesseract OCR for pages without full text (`missing`) or every page (`all`); `--ocr` sets it.
  OCR: v.optional(v.picklist(OCR_MODES, `must be one of ${OCR_MODES.join(', ')}`), 'off'),
  // Blackletter model: `auto` for German items dated before 1900, or for every item, or never.
  OCR_FRAKTUR: v.optional(v.picklist(FRAKTUR_SETTINGS, `must be one of ${FRAKTUR_SETTINGS.join(', ')}`), 'auto'),
  // Languages to read an item in when its metadata names none that has a model (ISO 639-2/B, comma-separated).
  OCR_DEFAULT_LANGUAGES: v.optional(
    v.pipe(
      value,
      v.transform((s) => s.split(',').map((l) => l.trim().toLowerCase())),
      v.check(
        (ls) => ls.every((l) => (OCR_LANGUAGES as readonly string[]).includes(l)),
        `must be ISO 639-2/B codes among ${OCR_LANGUAGES.join(', ')}`,
      ),
    ),
    'dut,fre',
  ),

  IIIF_MAX_WIDTH: v.optional(int(1, 65_535), '10000'),
  IIIF_MAX_HEIGHT: v.optional(int(1, 65_535), '10000'),
  IIIF_MAX_AREA: v.optional(int(1, 1_000_000_000), '40000000'),
  // Twice the cores: each render waits on file reads and thread hand-offs part of the time.
  RENDER_CONCURRENCY: v.optional(int(1, 256), String(Math.max(1, 2 * os.availableParallelism()))),
  // Waiting costs a flood's connection nothing but its socket; answering 503 at once invites it to ask
  // again at once, and the asking, not the renders, then starves everyone else.
  RENDER_QUEUE: v.optional(int(0, 10_000), '1000'),
  RENDER_TIMEOUT_MS: v.optional(int(100, 600_000), '20000'),
  RENDER_CACHE_MB: v.optional(int(0, 65_536), '256'),
  // Pixels held by running renders (decoded, resized, rotated), at 4 bytes each: what bounds the
  // server's memory under a flood of huge renders, where RENDER_CONCURRENCY alone does not.
  RENDER_MEMORY_MB: v.optional(int(16, 65_536), '256'),

  // Open connections at once: each holds a file descriptor, and idle ones must not use them all up.
  MAX_CONNECTIONS: v.optional(int(1, 1_000_000), '2000'),
  // A client gets this long to send its request headers (slow-header attacks) and whole request.
  HEADERS_TIMEOUT_MS: v.optional(int(1000, 600_000), '10000'),
  REQUEST_TIMEOUT_MS: v.optional(int(1000, 600_000), '30000'),
  // An idle keep-alive connection is closed after this long between requests.
  KEEP_ALIVE_TIMEOUT_MS: v.optional(int(100, 600_000), '5000'),
  // A connection on which nothing moves for this long is closed (one that never sends, a reader that
  // stops reading); longer than RENDER_TIMEOUT_MS, since a render sends nothing until it is done.
  IDLE_TIMEOUT_MS: v.optional(int(1000, 3_600_000), '60000'),

  // The book PDF: the largest long side a reader may pick for its page images, how many PDFs are
  // built at once (each reads and writes one page at a time), and the disk kept for built PDFs.
  PDF_MAX_SIZE: v.optional(int(200, 10_000), '3000'),
  PDF_CONCURRENCY: v.optional(int(1, 64), '2'),
  PDF_CACHE_MB: v.optional(int(0, 1_048_576), '2048'),
  PDF_FONT: v.optional(value, '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),

  // The curators' workspace (/admin), accounts part: a session ends after this long unused and at
  // the latest this long after signing in; a set-password link works this long; failed sign-ins
  // allowed per account name and per address within the window before signing in is refused.
  ADMIN_SESSION_IDLE_MINUTES: v.optional(int(1, 10_080), '60'),
  ADMIN_SESSION_MAX_HOURS: v.optional(int(1, 720), '12'),
  ADMIN_LINK_HOURS: v.optional(int(1, 720), '72'),
  ADMIN_SIGNIN_PER_ACCOUNT: v.optional(int(1, 1000), '5'),
  ADMIN_SIGNIN_PER_ADDRESS: v.optional(int(1, 100_000), '50'),
  ADMIN_SIGNIN_WINDOW_MINUTES: v.optional(int(1, 1440), '15'),
  // Reverse proxies whose X-Forwarded-For is believed, so the per-address limit counts readers' own
  // addresses, not the proxy's (Express's `trust proxy`: `loopback`, addresses or CIDR ranges).
  ADMIN_TRUSTED_PROXIES: v.optional(
    v.pipe(
      value,
      v.transform((list) => list.split(',').map((p) => p.trim())),
      v.check(
        (list) => list.every((p) => /^(loopback|linklocal|uniquelocal)$/.test(p) || net.isIP(p.split('/')[0] ?? '') !== 0),
        'must be a comma-separated list of loopback, linklocal, uniquelocal, IP addresses or CIDR ranges',
      ),
    ),
  ),

  // Optional sign-in through the library's identity provider (OpenID Connect): its issuer URL, this
  // site's client id and secret there, the name on the sign-in button, and which claim's values make
  // someone an admin or a curator.
  ADMIN_OIDC_ISSUER: v.optional(url),
  ADMIN_OIDC_CLIENT_ID: v.optional(value),
  ADMIN_OIDC_CLIENT_SECRET: v.optional(value),
  ADMIN_OIDC_LABEL: v.optional(value),
  ADMIN_OIDC_ROLE_CLAIM: v.optional(value, 'groups'),
  ADMIN_OIDC_ADMIN_VALUES: v.optional(list, ''),
  ADMIN_OIDC_CURATOR_VALUES: v.optional(list, ''),

  // Curators' uploads (/admin/uploads, tus): what one file, one batch and the number of files in a
  // batch may be. The defaults let a 2 GB master TIFF through with room for a book's worth of pages.
  UPLOAD_MAX_FILE_MB: v.optional(int(1, 1_048_576), '4096'),
  UPLOAD_MAX_FILES: v.optional(int(1, 100_000), '2000'),
  UPLOAD_MAX_BATCH_MB: v.optional(int(1, 10_485_760), '51200'),
  // Publish jobs run at once (each one ingest child at lower priority, with INGEST_JOBS pages at a time).
  PUBLISH_JOBS: v.optional(int(1, 16), '1'),
  // The watched inbox: item folders dropped here are published once complete (off unless set), and
  // how long a folder's files must stay unchanged to count as complete when it has no READY marker.
  INBOX_DIR: v.optional(value),
  INBOX_SETTLE_SECONDS: v.optional(int(1, 86_400), '30'),

  ELASTICSEARCH_URL: v.optional(url),
  ELASTICSEARCH_API_KEY: v.optional(value),
  ELASTICSEARCH_USERNAME: v.optional(value),
  ELASTICSEARCH_PASSWORD: v.optional(value),
  ELASTICSEARCH_CA_CERT: v.optional(value),
  ELASTICSEARCH_INDEX: v.optional(v.pipe(value, v.regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -')), 'leeszaal'),
});

export type Config = Readonly<
  Omit<v.InferOutput<typeof envSchema>, 'DATA_DIR' | 'PUBLIC_BASE_URL' | 'INBOX_DIR'> & {
    /** Absolute path of the data folder. */
    DATA_DIR: string;
    /** Absolute path of the watched inbox, when there is one. */
    INBOX_DIR: string | undefined;
    /** The URL readers reach the site at; unless set, `http://localhost:<PORT>`. */
    PUBLIC_BASE_URL: string;
    /** True when PUBLIC_BASE_URL was not set and follows the port the server listens on. */
    PUBLIC_BASE_URL_FROM_PORT: boolean;
  }
>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses configuration from an environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // A blank value counts as unset, as a shell's `VAR= npm start` means.
  const known = Object.fromEntries(Object.keys(envSchema.entries).map((k) => [k, env[k]?.trim() ? env[k] : undefined]));
  // One message per variable: the first thing wrong with it.
  const parsed = v.safeParse(envSchema, known, { abortPipeEarly: true });
  if (!parsed.success) {
    const lines = parsed.issues.map((i) => {
      const name = v.getDotPath(i) ?? '';
      return `  ${name}: ${i.message} (got ${JSON.stringify(env[name])})`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { IDLE_TIMEOUT_MS, RENDER_TIMEOUT_MS } = parsed.output;
  if (IDLE_TIMEOUT_MS <= RENDER_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid configuration:\n  IDLE_TIMEOUT_MS: must be longer than RENDER_TIMEOUT_MS (${RENDER_TIMEOUT_MS}), or renders are cut off (got ${JSON.stringify(env.IDLE_TIMEOUT_MS ?? String(IDLE_TIMEOUT_MS))})`,
    );
  }
  if (parsed.output.ADMIN_OIDC_ISSUER && !parsed.output.ADMIN_OIDC_CLIENT_ID) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_OIDC_CLIENT_ID: must be set when ADMIN_OIDC_ISSUER is (got nothing)');
  }
  const fromPort = parsed.output.PUBLIC_BASE_URL === undefined;
  return Object.freeze({
    ...parsed.output,
    DATA_DIR: path.resolve(parsed.output.DATA_DIR),
    INBOX_DIR: parsed.output.INBOX_DIR === undefined ? undefined : path.resolve(parsed.output.INBOX_DIR),
    PUBLIC_BASE_URL: parsed.output.PUBLIC_BASE_URL ?? localUrl(parsed.output.PORT),
    PUBLIC_BASE_URL_FROM_PORT: fromPort,
  });
}

const localUrl = (port: number) => `http://localhost:${port}`;

/**
 * The configuration once the server listens on `port` (which differs from PORT when PORT is 0): a
 * public URL that follows the port follows the real one, so every published URL reaches this server.
 */
export function listeningOn(config: Config, port: number): Config {
  if (!config.PUBLIC_BASE_URL_FROM_PORT || port === config.PORT) return config;
  return Object.freeze({ ...config, PUBLIC_BASE_URL: localUrl(port) });
}
