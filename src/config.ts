/**
 * One schema over the environment, parsed and validated once at start-up. Each platform plug-in
 * brings its own part (its folder's config.ts), spread in below. An empty
 * value counts as unset, because compose files and CI pass empty strings. A bad value stops
 * start-up with one line naming the variable and what is wrong.
 */
import { validateDetailed } from "node-cron";
import { z } from "zod";
import { discordConfig } from "./adapters/discord/config.js";
import { telegramConfig } from "./adapters/telegram/config.js";
import { describeError } from "./core/errors.js";
import { parseSourceSpec, DEFAULT_SOURCES, type SourceSpec } from "./sources/registry.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const cronExpression = z.string().superRefine((expression, ctx) => {
  const result = validateDetailed(expression);
  if (!result.valid) {
    const why = result.errors.map((e) => `${e.field}: ${e.message}`).join("; ");
    ctx.addIssue({ code: "custom", message: `is not a valid cron expression${why ? ` (${why})` : ""}` });
  }
});

const sources = z.string().transform((spec, ctx): SourceSpec[] => {
  try {
    return parseSourceSpec(spec);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: describeError(error) });
    return z.NEVER;
  }
});

const positiveInt = (max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(max, `must be at most ${max}`);

const schema = z.object({
  // The platforms' parts, one line each (src/platforms.ts lists the plug-ins).
  ...telegramConfig,
  ...discordConfig,
  DATA_DIR: z.string().default("./data"),
  /** Set: the PostgreSQL store (README, "The PostgreSQL store"); unset: the files in DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
  SOURCES: sources.prefault(DEFAULT_SOURCES),
  SCRAPE_SCHEDULE: cronExpression.default("*/10 * * * *"),
  RETENTION_DAYS: positiveInt(3650).default(30),
  MAX_SUBSCRIPTIONS_PER_CHAT: positiveInt(1000).default(25),
  FETCH_TIMEOUT_SECONDS: positiveInt(300).default(20),
  DELIVERY_TIMEOUT_SECONDS: positiveInt(300).default(30),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  LOG_FORMAT: z.enum(["pretty", "json"], { error: "must be pretty or json" }).optional(),
  HTTP_PORT: z.coerce
    .number({ error: "must be a port number" })
    .int()
    .min(1, "must be 1-65535")
    .max(65535, "must be 1-65535")
    .optional(),
  HTTP_HOST: z.string().default("127.0.0.1"),
});

export type Config = z.infer<typeof schema>;

/** Every variable the bot reads from the environment (or from ./.env). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const present = Object.fromEntries(
    CONFIG_VARIABLES.map((key) => [key, env[key]?.trim()] as const).filter(
      ([, value]) => value !== undefined && value !== "",
    ),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? "configuration");
  // Never echo a token back: name the variable and the rule only.
  throw new ConfigError(`${variable} ${issue?.message ?? "is invalid"}`);
}

/** The store's values that must never reach a log line (each platform names its own: platformSecrets). */
export function secretsOf(config: Config): string[] {
  const databasePassword = config.DATABASE_URL && decodeURIComponent(new URL(config.DATABASE_URL).password);
  return [databasePassword].filter((s): s is string => typeof s === "string" && s.length > 0);
}
