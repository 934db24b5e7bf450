/**
 * Configuration: parses the environment once into a frozen, typed object. Nothing else in
 * the code reads `process.env`. A bad value fails at start with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

// Validation messages in Vietnamese, the users' language (zod's own locale; set once here, the
// first module every entry point loads).
z.config(z.locales.vi());
// A missing field says so plainly (zod's own text speaks of types: "mong đợi string, nhận được undefined").
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'Bắt buộc phải có' : undefined) });

const schema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  CONG_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  CONG_PUBLIC_URL: z.string().url().optional(),
  CONG_DEMO: z.enum(['0', '1']).default('1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // SMTP server for the e-mail outbox (nodemailer URL, e.g. smtp://user:pass@host:587); without
  // it e-mails stay queued.
  CONG_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, 'phải có dạng smtp://người-dùng:mật-khẩu@máy-chủ:587 hoặc smtps://…')
    .optional(),
  CONG_MAIL_FROM: z.string().min(3).default('Cong <no-reply@localhost>'),
  CONG_COOKIE_SECURE: z.enum(['0', '1']).optional(),
  CONG_SESSION_IDLE_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  CONG_SESSION_MAX_DAYS: z.coerce.number().positive().max(365).default(7),
  // How often the scheduler looks for due publications, ms; 0 turns it off in this process.
  CONG_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  // Reverse proxies whose X-Forwarded-For is believed (client addresses for sign-in limits and
  // the audit log): empty = none; `loopback`; or a comma list of addresses / CIDR ranges.
  CONG_TRUST_PROXY: z
    .string()
    .regex(/^(|loopback|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'phải để trống, là loopback, hoặc danh sách địa chỉ / dải CIDR cách nhau bằng dấu phẩy')
    .default(''),
  // Rapid-response desk: hours from a claim's first report to its answer deadline, per priority.
  CONG_RR_DEADLINE_HOURS_SERIOUS: z.coerce.number().positive().max(24 * 30).default(12),
  CONG_RR_DEADLINE_HOURS_NORMAL: z.coerce.number().positive().max(24 * 30).default(24),
});

/** The parsed configuration. `publicUrl` is the default host's origin, without trailing slash. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly publicUrl: string;
  readonly demo: boolean;
  readonly logLevel: string;
  /** SMTP URL for the e-mail outbox (CONG_SMTP_URL); undefined: e-mails stay queued. */
  readonly smtpUrl: string | undefined;
  /** The From of outgoing e-mails (CONG_MAIL_FROM). */
  readonly mailFrom: string;
  /** Whether the session cookie carries `Secure` (CONG_COOKIE_SECURE; default: when `publicUrl` is https). */
  readonly cookieSecure: boolean;
  /** A session ends after this long without a request, sliding (CONG_SESSION_IDLE_HOURS), in milliseconds. */
  readonly sessionIdleMs: number;
  /** A session ends this long after sign-in whatever happens (CONG_SESSION_MAX_DAYS), in milliseconds. */
  readonly sessionMaxMs: number;
  /** Scheduler tick in milliseconds (CONG_SCHEDULER_INTERVAL_MS); 0: no scheduler in this process. */
  readonly schedulerIntervalMs: number;
  /** Proxies trusted for X-Forwarded-For (CONG_TRUST_PROXY): false, or addresses/CIDRs for Fastify's `trustProxy`. */
  readonly trustProxy: false | string;
  /** Rapid-response deadlines: hours from first report to the answer, per case priority (CONG_RR_DEADLINE_HOURS_SERIOUS / _NORMAL). */
  readonly rrDeadlineHours: Readonly<{ serious: number; normal: number }>;
}

/**
 * Parses configuration from an environment map (default: `process.env`).
 * @throws ConfigError naming the first bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Cấu hình sai: ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const publicUrl = (e.CONG_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.CONG_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    demo: e.CONG_DEMO === '1',
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.CONG_SMTP_URL,
    mailFrom: e.CONG_MAIL_FROM,
    cookieSecure: e.CONG_COOKIE_SECURE === undefined ? publicUrl.startsWith('https:') : e.CONG_COOKIE_SECURE === '1',
    sessionIdleMs: e.CONG_SESSION_IDLE_HOURS * 3_600_000,
    sessionMaxMs: e.CONG_SESSION_MAX_DAYS * 86_400_000,
    schedulerIntervalMs: e.CONG_SCHEDULER_INTERVAL_MS,
    trustProxy: e.CONG_TRUST_PROXY.trim() === '' ? false : e.CONG_TRUST_PROXY.replace(/\s+/g, ''),
    rrDeadlineHours: Object.freeze({ serious: e.CONG_RR_DEADLINE_HOURS_SERIOUS, normal: e.CONG_RR_DEADLINE_HOURS_NORMAL }),
  });
}
