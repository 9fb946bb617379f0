// Environment -> one typed, validated config object. Nothing else in the server reads process.env.
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
  NASKAH_WEB_DIR: z.string().optional(),
  NASKAH_KEK: z.string().optional(),
  NASKAH_KEK_FILE: z.string().optional(),
  NASKAH_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  NASKAH_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  NASKAH_TIMEZONE: z.string().default('Asia/Jakarta'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
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

  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Naskah <naskah@localhost>'),
  WHATSAPP_URL: z.string().url().optional(),
  WHATSAPP_TOKEN: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  blobDir: string;
  /** The built web app (index.html + assets); default dist/web of the package. */
  webDir: string | undefined;
  kek: { kind: 'inline'; base64: string } | { kind: 'file'; path: string };
  demo: 'auto' | 'true' | 'false';
  role: 'all' | 'web' | 'worker';
  logLevel: Env['LOG_LEVEL'];
  /** The pemda's time zone (WIB/WITA/WIT): "today", letter dates and SOP clocks use it. */
  timeZone: string;
  version: string;
  session: { ttlHours: number; idleMinutes: number; cookieSecure: boolean };
  login: { maxFailures: number; failureWindowMinutes: number; lockMinutes: number };
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
  };
  mail: { smtpUrl: string | undefined; from: string };
  whatsapp: { url: string | undefined; token: string | undefined };
}

export class ConfigError extends Error {}

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
    blobDir: path.resolve(e.NASKAH_BLOB_DIR ?? path.join(dataDir, 'blobs')),
    webDir: e.NASKAH_WEB_DIR ? path.resolve(e.NASKAH_WEB_DIR) : undefined,
    kek: e.NASKAH_KEK
      ? { kind: 'inline', base64: e.NASKAH_KEK }
      : { kind: 'file', path: path.resolve(e.NASKAH_KEK_FILE ?? path.join(dataDir, 'kek.key')) },
    demo: e.NASKAH_DEMO,
    role: e.NASKAH_ROLE,
    logLevel: e.LOG_LEVEL,
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
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    whatsapp: { url: e.WHATSAPP_URL, token: e.WHATSAPP_TOKEN },
  };
}
