import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  SECRET_KEY: z.string().min(32, 'at least 32 characters').optional(),
  SECRET_KEY_FILE: z.string().optional(),
  INITIAL_ADMIN_PASSWORD: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  WEB_DIST: z.string().optional(),
  /** Run the background job worker in this process: auto = yes except under tests. */
  JOB_WORKER: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Server processes sharing the port (PostgreSQL only; the embedded database is one process's). */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** Email of notices (issue 9): smtp://user:pass@host:587 or smtps://…:465; off when unset. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of those emails: `干训平台 <noreply@example.cn>` or a bare address. */
  SMTP_FROM: z.string().min(3).optional(),
  /** SMS of notices: an HTTP gateway taking POST {to, text} (JSON); off when unset. */
  SMS_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** 32 bytes from SECRET_KEY / SECRET_KEY_FILE / `<DATA_DIR>/secret.key` (created on first start). */
  secretKey: Buffer;
  initialAdminPassword: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  cookieSecure: 'auto' | boolean;
  bodyLimit: number;
  /** Largest uploaded file (spreadsheets for import); larger ones get 413 with a clear message. */
  uploadLimit: number;
  loginRateLimitPerMinute: number;
  webDist: string | undefined;
  /** Whether this process runs the background job worker (JOB_WORKER). */
  jobWorker: boolean;
  /** Server processes `ganxun start` runs (WORKERS); more than one needs DATABASE_URL. */
  workers: number;
  /** Outbound email of notices (SMTP_URL, SMTP_FROM); null: email deliveries are skipped. */
  smtp: { url: string; from: string } | null;
  /** Outbound SMS of notices (SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN); null: SMS deliveries are skipped. */
  sms: { url: string; token: string | null } | null;
  version: string;
}

export class ConfigError extends Error {}

/** Parses the environment once; every setting the server reads comes from here. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.SMTP_URL && !e.SMTP_FROM)
    throw new ConfigError('Invalid configuration:\n  SMTP_FROM: required when SMTP_URL is set');
  if (e.WORKERS > 1 && !e.DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration:\n  WORKERS: more than one server process needs PostgreSQL (DATABASE_URL)',
    );
  const dataDir = path.resolve(e.DATA_DIR);
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    secretKey: overrides.secretKey ?? resolveSecretKey(e.SECRET_KEY, e.SECRET_KEY_FILE, dataDir),
    initialAdminPassword: e.INITIAL_ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    bodyLimit: e.BODY_LIMIT_BYTES,
    uploadLimit: e.UPLOAD_LIMIT_BYTES,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    webDist: e.WEB_DIST,
    jobWorker: e.JOB_WORKER === 'auto' ? e.NODE_ENV !== 'test' : e.JOB_WORKER === 'on',
    workers: e.WORKERS,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM ?? '' } : null,
    sms: e.SMS_GATEWAY_URL ? { url: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN ?? null } : null,
    version: process.env.GANXUN_VERSION ?? '0.1.0-dev',
  };
  return { ...config, ...overrides };
}

function resolveSecretKey(inline: string | undefined, file: string | undefined, dataDir: string): Buffer {
  if (inline) return keyFrom(inline);
  if (file) return keyFrom(readFileSync(file, 'utf8').trim());
  // Embedded set-up: keep a generated key beside the data, readable by the owner only.
  const keyPath = path.join(dataDir, 'secret.key');
  if (!existsSync(keyPath)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(keyPath, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return keyFrom(readFileSync(keyPath, 'utf8').trim());
}

function keyFrom(material: string): Buffer {
  const b64 = Buffer.from(material, 'base64');
  if (b64.length === 32 && /^[A-Za-z0-9+/]+=*$/.test(material)) return b64;
  if (material.length < 32) throw new ConfigError('SECRET_KEY must be at least 32 characters');
  // Any other long secret: derive 32 bytes from it, the same on every start.
  return createHash('sha256').update(material, 'utf8').digest();
}
