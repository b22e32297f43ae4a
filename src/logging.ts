/**
 * Logs go to stderr, so the console adapter's stdout carries only what a person should read:
 * readable lines in a terminal, one JSON object per line elsewhere (or as LOG_FORMAT says).
 * Every line is scrubbed of the tokens, which also hides Bot API URLs (they embed the token).
 */
import { pino, type Logger as PinoLogger } from "pino";
import pretty from "pino-pretty";

export interface LoggingOptions {
  level: string;
  format?: "pretty" | "json";
  secrets: readonly string[];
}

function scrub(line: string, secrets: readonly string[]): string {
  let clean = line;
  for (const secret of secrets) clean = clean.split(secret).join("[redacted]");
  return clean;
}

export function createLogger({ level, format, secrets }: LoggingOptions): PinoLogger {
  const usePretty = (format ?? (process.stderr.isTTY ? "pretty" : "json")) === "pretty";
  const destination = usePretty
    ? pretty({
        destination: 2,
        sync: true,
        colorize: Boolean(process.stderr.isTTY),
        ignore: "pid,hostname",
        translateTime: "SYS:HH:MM:ss",
      })
    : pino.destination({ dest: 2, sync: true });
  return pino(
    {
      level,
      base: undefined,
      hooks: secrets.length > 0 ? { streamWrite: (line) => scrub(line, secrets) } : {},
      serializers: { error: pino.stdSerializers.err },
    },
    destination,
  );
}
