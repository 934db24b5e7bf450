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
  });
}
