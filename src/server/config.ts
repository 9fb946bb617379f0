// Environment -> one typed, validated config object. Nothing else in the server reads process.env.
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  NASKAH_DATA_DIR: z.string().default('./data'),
  NASKAH_BLOB_DIR: z.string().optional(),
  NASKAH_BLOB_STORE: z.enum(['fs', 'postgres', 's3']).default('fs'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_PREFIX: z.string().default(''),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
  METRICS_TOKEN: z.string().min(16).optional(),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  JOB_WORKER_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
  NASKAH_WEB_DIR: z.string().optional(),
  NASKAH_KEK: z.string().optional(),
  NASKAH_KEK_FILE: z.string().optional(),
  NASKAH_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  NASKAH_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  NASKAH_TIMEZONE: z.string().default('Asia/Jakarta'),
  TRUST_PROXY: z.string().default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  REAUTH_MAX_AGE_MINUTES: z.coerce.number().positive().max(60).default(5),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),

  ATTACHMENT_MAX_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  ATTACHMENT_MAX_COUNT: z.coerce.number().int().positive().default(10),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),

  SIGNER: z.enum(['local', 'bsre']).default('local'),
  SIGN_PASSPHRASE_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGN_PASSPHRASE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  PKI_KEY_ALGORITHM: z.enum(['P-256', 'RSA-2048']).default('P-256'),
  TSA_URL: z.string().url().optional(),
  BSRE_URL: z.string().url().optional(),
  BSRE_USER: z.string().optional(),
  BSRE_PASSWORD: z.string().optional(),
  BSRE_API_VERSION: z.enum(['v1', 'v2']).default('v1'),

  CONVERTER: z.enum(['auto', 'libreoffice', 'wasm']).default('auto'),
  SOFFICE_PATH: z.string().optional(),
  CONVERTER_PYTHON: z.string().default('/usr/bin/python3'),
  CONVERTER_RESTART_EVERY: z.coerce.number().int().positive().default(200),
  CONVERTER_MAX_RSS_MB: z.coerce.number().int().positive().default(1024),
  CONVERTER_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  CONVERTER_WARMUP: bool.default(true),

  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Naskah <naskah@localhost>'),
  WHATSAPP: z.enum(['none', 'cloud', 'fonnte']).default('none'),
  WHATSAPP_URL: z.string().url().optional(),
  WHATSAPP_TOKEN: z.string().optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().optional(),
  WHATSAPP_API_VERSION: z.string().regex(/^v\d+\.\d+$/).default('v21.0'),
  WHATSAPP_TEMPLATE_LANGUAGE: z.string().default('id'),
  WHATSAPP_RATE_PER_MINUTE: z.coerce.number().positive().default(30),
  WHATSAPP_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  NOTIFY_QUIET_START: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional(),
  NOTIFY_QUIET_END: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional(),

  MAIL_INTAKE_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(300),
  MAIL_INTAKE_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),

  OCR: z.enum(['ocrmypdf', 'off']).default('ocrmypdf'),
  OCRMYPDF_PATH: z.string().default('ocrmypdf'),
  IMG2PDF_PATH: z.string().default('img2pdf'),
  OCR_PYTHON: z.string().default('/usr/bin/python3'),
  OCR_LANGUAGES: z.string().regex(/^[a-z_]+(\+[a-z_]+)*$/).default('ind+eng'),
  OCR_PAGE_TIMEOUT_SECONDS: z.coerce.number().positive().default(60),
  OCR_MAX_PAGES: z.coerce.number().int().positive().default(50),
  OCR_THREADS: z.coerce.number().int().positive().default(1),
  OCR_CONCURRENCY: z.coerce.number().int().positive().default(1),
  OCR_NICE: z.coerce.number().int().min(0).max(19).default(10),
  DIRECTORY: z.enum(['none', 'ldap', 'zimbra', 'google']).default('none'),
  MAIL_DOMAIN: z.string().default('contoh.go.id'),
  LDAP_URL: z.string().optional(),
  LDAP_BIND_DN: z.string().optional(),
  LDAP_BIND_PASSWORD: z.string().optional(),
  LDAP_PEOPLE_DN: z.string().optional(),
  LDAP_POLICY_DN: z.string().optional(),
  ZIMBRA_ADMIN_URL: z.string().url().optional(),
  ZIMBRA_ADMIN_USER: z.string().optional(),
  ZIMBRA_ADMIN_PASSWORD: z.string().optional(),
  ZIMBRA_COS_ID: z.string().optional(),
  ZIMBRA_QUOTA_MB: z.coerce.number().int().nonnegative().default(0),
  GOOGLE_SERVICE_ACCOUNT_FILE: z.string().optional(),
  GOOGLE_ADMIN_SUBJECT: z.string().optional(),
  GOOGLE_ORG_UNIT_ROOT: z.string().default('/'),
  GOOGLE_DIRECTORY_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  blobDir: string;
  /** Where file bytes live (files/blobStore.ts). */
  blobStore: BlobStoreConfig;
  /** GET /metrics: with a token, a bearer token is required; without, only loopback callers. */
  metrics: { token: string | undefined };
  /** SIGTERM: how long in-flight requests and jobs may take before the process exits anyway. */
  shutdownTimeoutSeconds: number;
  /** A worker process silent this long is taken for dead: its running jobs and bulk signings are recovered. */
  jobWorkerTimeoutSeconds: number;
  /** The built web app (index.html + assets); default dist/web of the package. */
  webDir: string | undefined;
  /**
   * The key-encryption key: inline, or a file. `legacyPath` is where versions before 0.2 kept
   * the default file (inside the data directory); it is moved to `path` at start.
   */
  kek: { kind: 'inline'; base64: string } | { kind: 'file'; path: string; legacyPath: string | null };
  demo: 'auto' | 'true' | 'false';
  role: 'all' | 'web' | 'worker';
  logLevel: Env['LOG_LEVEL'];
  /**
   * Which peers may set X-Forwarded-For (client address for rate limits and the audit):
   * false = none (default), a hop count, or a list of proxy addresses/CIDRs.
   */
  trustProxy: false | number | string[];
  /** The pemda's time zone (WIB/WITA/WIT): "today", letter dates and SOP clocks use it. */
  timeZone: string;
  version: string;
  session: { ttlHours: number; idleMinutes: number; cookieSecure: boolean };
  login: { maxFailures: number; failureWindowMinutes: number; lockMinutes: number; reauthMaxAgeMinutes: number };
  rateLimit: { perMinute: number; loginPerMinute: number };
  uploads: { attachmentMaxBytes: number; attachmentMaxCount: number; uploadMaxBytes: number };
  signature: {
    signer: 'local' | 'bsre';
    passphraseMaxFailures: number;
    passphraseWindowMinutes: number;
    keyAlgorithm: 'P-256' | 'RSA-2048';
    tsaUrl: string | undefined;
    bsre: { url: string | undefined; user: string | undefined; password: string | undefined; apiVersion: 'v1' | 'v2' };
  };
  converter: {
    mode: 'auto' | 'libreoffice' | 'wasm';
    sofficePath: string | undefined;
    python: string;
    restartEvery: number;
    maxRssMb: number;
    timeoutMs: number;
    /** Processes that run jobs start the converter at start-up, in the background (else at the first conversion). */
    warmup: boolean;
  };
  mail: { smtpUrl: string | undefined; from: string };
  whatsapp: WhatsAppConfig;
  /** Default quiet hours for users who set none ("HH:MM", pemda time zone). */
  notify: { quietStart: string | null; quietEnd: string | null };
  /** Reading units' official mailboxes over IMAP (mailintake/). */
  mailIntake: { intervalSeconds: number; timeoutMs: number };
  ocr: {
    engine: 'ocrmypdf' | 'off';
    ocrmypdfPath: string;
    img2pdfPath: string;
    python: string;
    languages: string;
    pageTimeoutSeconds: number;
    maxPages: number;
    threads: number;
    concurrency: number;
    nice: number;
  };
  directory: DirectoryConfig;
}

export type BlobStoreConfig =
  | { kind: 'fs'; dir: string }
  | { kind: 'postgres' }
  | { kind: 's3'; endpoint: string | undefined; region: string; bucket: string; prefix: string; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean };

/** Blob store settings for `kind` (the migrate command builds the target store with another kind). */
export function blobStoreConfig(e: Pick<Env, 'NASKAH_BLOB_STORE' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_BUCKET' | 'S3_PREFIX' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'>, blobDir: string, kind = e.NASKAH_BLOB_STORE): BlobStoreConfig {
  switch (kind) {
    case 'fs':
      return { kind: 'fs', dir: blobDir };
    case 'postgres':
      return { kind: 'postgres' };
    case 's3':
      if (!e.S3_BUCKET) throw new ConfigError('Invalid configuration:\n  S3_BUCKET: required when the blob store is s3');
      return {
        kind: 's3',
        endpoint: e.S3_ENDPOINT,
        region: e.S3_REGION,
        bucket: e.S3_BUCKET,
        prefix: e.S3_PREFIX,
        accessKeyId: e.S3_ACCESS_KEY_ID,
        secretAccessKey: e.S3_SECRET_ACCESS_KEY,
        forcePathStyle: e.S3_FORCE_PATH_STYLE ?? !!e.S3_ENDPOINT,
      };
  }
}

/** The official mailbox directory (service desk, seed 004). */
export type DirectoryConfig =
  | { kind: 'none'; mailDomain: string }
  | { kind: 'ldap'; mailDomain: string; url: string; bindDn: string; bindPassword: string; peopleDn: string; policyDn: string | undefined }
  | { kind: 'zimbra'; mailDomain: string; url: string; adminUser: string; adminPassword: string; cosId: string | undefined; quotaBytes: number }
  | { kind: 'google'; mailDomain: string; keyFile: string; adminSubject: string; orgUnitRoot: string; baseUrl: string | undefined };

function directoryConfig(e: Env): DirectoryConfig {
  const need = (names: Array<keyof Env>) => {
    const missing = names.filter((n) => !e[n]);
    if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.map((n) => `  ${n}: required when DIRECTORY=${e.DIRECTORY}`).join('\n')}`);
  };
  const mailDomain = e.MAIL_DOMAIN.toLowerCase();
  switch (e.DIRECTORY) {
    case 'none':
      return { kind: 'none', mailDomain };
    case 'ldap':
      need(['LDAP_URL', 'LDAP_BIND_DN', 'LDAP_BIND_PASSWORD', 'LDAP_PEOPLE_DN']);
      return { kind: 'ldap', mailDomain, url: e.LDAP_URL!, bindDn: e.LDAP_BIND_DN!, bindPassword: e.LDAP_BIND_PASSWORD!, peopleDn: e.LDAP_PEOPLE_DN!, policyDn: e.LDAP_POLICY_DN };
    case 'zimbra':
      need(['ZIMBRA_ADMIN_URL', 'ZIMBRA_ADMIN_USER', 'ZIMBRA_ADMIN_PASSWORD']);
      return { kind: 'zimbra', mailDomain, url: e.ZIMBRA_ADMIN_URL!, adminUser: e.ZIMBRA_ADMIN_USER!, adminPassword: e.ZIMBRA_ADMIN_PASSWORD!, cosId: e.ZIMBRA_COS_ID, quotaBytes: e.ZIMBRA_QUOTA_MB * 1024 * 1024 };
    case 'google':
      need(['GOOGLE_SERVICE_ACCOUNT_FILE', 'GOOGLE_ADMIN_SUBJECT']);
      return { kind: 'google', mailDomain, keyFile: e.GOOGLE_SERVICE_ACCOUNT_FILE!, adminSubject: e.GOOGLE_ADMIN_SUBJECT!, orgUnitRoot: e.GOOGLE_ORG_UNIT_ROOT, baseUrl: e.GOOGLE_DIRECTORY_URL };
  }
}

/** The WhatsApp gateway (notify/): the official Cloud API, Fonnte (unofficial), or none. */
export type WhatsAppConfig =
  | { kind: 'none'; ratePerMinute: number; timeoutMs: number; templateLanguage: string }
  | { kind: 'cloud'; baseUrl: string; apiVersion: string; phoneNumberId: string; token: string; templateLanguage: string; ratePerMinute: number; timeoutMs: number }
  | { kind: 'fonnte'; baseUrl: string; token: string; templateLanguage: string; ratePerMinute: number; timeoutMs: number };

function whatsAppConfig(e: Env): WhatsAppConfig {
  const common = { ratePerMinute: e.WHATSAPP_RATE_PER_MINUTE, timeoutMs: e.WHATSAPP_TIMEOUT_MS, templateLanguage: e.WHATSAPP_TEMPLATE_LANGUAGE };
  const need = (names: Array<keyof Env>) => {
    const missing = names.filter((n) => !e[n]);
    if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.map((n) => `  ${n}: required when WHATSAPP=${e.WHATSAPP}`).join('\n')}`);
  };
  switch (e.WHATSAPP) {
    case 'none':
      return { kind: 'none', ...common };
    case 'cloud':
      need(['WHATSAPP_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID']);
      return { kind: 'cloud', baseUrl: e.WHATSAPP_URL ?? 'https://graph.facebook.com', apiVersion: e.WHATSAPP_API_VERSION, phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID!, token: e.WHATSAPP_TOKEN!, ...common };
    case 'fonnte':
      need(['WHATSAPP_TOKEN']);
      return { kind: 'fonnte', baseUrl: e.WHATSAPP_URL ?? 'https://api.fonnte.com', token: e.WHATSAPP_TOKEN!, ...common };
  }
}

export class ConfigError extends Error {}

/** Default key file: the service user's configuration directory, never the data directory. */
export function defaultKekPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.resolve(base, 'naskah', 'kek.key');
}

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY: "false" (default), a hop count ("1"), or proxy addresses/CIDRs ("10.0.0.5, 10.1.0.0/16, loopback"). */
export function parseTrustProxy(raw: string): false | number | string[] {
  const v = raw.trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0' || v === 'no') return false;
  if (v === 'true' || v === 'yes') {
    throw new ConfigError('Invalid configuration:\n  TRUST_PROXY: "true" would trust any client\'s X-Forwarded-For; give the number of proxies in front (e.g. 1) or their addresses/CIDRs');
  }
  if (/^\d+$/.test(v)) return Number(v);
  const items = v.split(',').map((x) => x.trim()).filter(Boolean);
  for (const item of items) {
    if (PROXY_KEYWORDS.has(item)) continue;
    const [addr, bits, extra] = item.split('/');
    const family = isIP(addr ?? '');
    const maxBits = family === 4 ? 32 : 128;
    if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw new ConfigError(`Invalid configuration:\n  TRUST_PROXY: "${item}" is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`);
    }
  }
  return items;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, version = '0.0.0'): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  try {
    new Intl.DateTimeFormat('en', { timeZone: e.NASKAH_TIMEZONE });
  } catch {
    throw new ConfigError(`Invalid configuration:\n  NASKAH_TIMEZONE: unknown time zone ${e.NASKAH_TIMEZONE}`);
  }
  const dataDir = path.resolve(e.NASKAH_DATA_DIR);
  const blobDir = path.resolve(e.NASKAH_BLOB_DIR ?? path.join(dataDir, 'blobs'));
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  if (e.DATABASE_URL && !/^postgres(ql)?:\/\//.test(e.DATABASE_URL)) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: must start with postgres:// or postgresql://');
  }
  if (e.SIGNER === 'bsre' && !e.BSRE_URL) {
    throw new ConfigError('Invalid configuration:\n  BSRE_URL: required when SIGNER=bsre');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') },
    dataDir,
    blobDir,
    blobStore: blobStoreConfig(e, blobDir),
    metrics: { token: e.METRICS_TOKEN },
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    jobWorkerTimeoutSeconds: e.JOB_WORKER_TIMEOUT_SECONDS,
    webDir: e.NASKAH_WEB_DIR ? path.resolve(e.NASKAH_WEB_DIR) : undefined,
    kek: e.NASKAH_KEK
      ? { kind: 'inline', base64: e.NASKAH_KEK }
      : e.NASKAH_KEK_FILE
        ? { kind: 'file', path: path.resolve(e.NASKAH_KEK_FILE), legacyPath: null }
        : { kind: 'file', path: defaultKekPath(env), legacyPath: path.join(dataDir, 'kek.key') },
    demo: e.NASKAH_DEMO,
    role: e.NASKAH_ROLE,
    logLevel: e.LOG_LEVEL,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    timeZone: e.NASKAH_TIMEZONE,
    version,
    session: {
      ttlHours: e.SESSION_TTL_HOURS,
      idleMinutes: e.SESSION_IDLE_MINUTES,
      cookieSecure: e.COOKIE_SECURE === 'auto' ? publicUrl.startsWith('https://') : e.COOKIE_SECURE === 'true',
    },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      failureWindowMinutes: e.LOGIN_FAILURE_WINDOW_MINUTES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      reauthMaxAgeMinutes: e.REAUTH_MAX_AGE_MINUTES,
    },
    rateLimit: { perMinute: e.RATE_LIMIT_PER_MINUTE, loginPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE },
    uploads: {
      attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
      attachmentMaxCount: e.ATTACHMENT_MAX_COUNT,
      uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    },
    signature: {
      signer: e.SIGNER,
      passphraseMaxFailures: e.SIGN_PASSPHRASE_MAX_FAILURES,
      passphraseWindowMinutes: e.SIGN_PASSPHRASE_WINDOW_MINUTES,
      keyAlgorithm: e.PKI_KEY_ALGORITHM,
      tsaUrl: e.TSA_URL,
      bsre: { url: e.BSRE_URL, user: e.BSRE_USER, password: e.BSRE_PASSWORD, apiVersion: e.BSRE_API_VERSION },
    },
    converter: {
      mode: e.CONVERTER,
      sofficePath: e.SOFFICE_PATH,
      python: e.CONVERTER_PYTHON,
      restartEvery: e.CONVERTER_RESTART_EVERY,
      maxRssMb: e.CONVERTER_MAX_RSS_MB,
      timeoutMs: e.CONVERTER_TIMEOUT_MS,
      warmup: e.CONVERTER_WARMUP,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    whatsapp: whatsAppConfig(e),
    notify: { quietStart: e.NOTIFY_QUIET_START ?? null, quietEnd: e.NOTIFY_QUIET_END ?? null },
    mailIntake: { intervalSeconds: e.MAIL_INTAKE_INTERVAL_SECONDS, timeoutMs: e.MAIL_INTAKE_TIMEOUT_MS },
    ocr: {
      engine: e.OCR,
      ocrmypdfPath: e.OCRMYPDF_PATH,
      img2pdfPath: e.IMG2PDF_PATH,
      python: e.OCR_PYTHON,
      languages: e.OCR_LANGUAGES,
      pageTimeoutSeconds: e.OCR_PAGE_TIMEOUT_SECONDS,
      maxPages: e.OCR_MAX_PAGES,
      threads: e.OCR_THREADS,
      concurrency: e.OCR_CONCURRENCY,
      nice: e.OCR_NICE,
    },
    directory: directoryConfig(e),
  };
}

/** The blob store of another kind with this environment's settings (naskah blobs migrate --to). */
export function blobStoreConfigFromEnv(env: NodeJS.ProcessEnv, blobDir: string, kind: BlobStoreConfig['kind']): BlobStoreConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return blobStoreConfig(parsed.data, blobDir, kind);
}
