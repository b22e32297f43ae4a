/** Bolt and its Web API client log through Jobhound's logger, with the platform's fields. */
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";

const line = (parts: unknown[]): string =>
  parts
    .map((part) => (typeof part === "string" ? part : part instanceof Error ? part.message : JSON.stringify(part)))
    .join(" ");

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...parts: unknown[]) => log.debug({}, `slack: ${line(parts)}`),
    info: (...parts: unknown[]) => log.info({}, `slack: ${line(parts)}`),
    warn: (...parts: unknown[]) => log.warn({}, `slack: ${line(parts)}`),
    error: (...parts: unknown[]) => log.error({}, `slack: ${line(parts)}`),
    setLevel: (next) => void (level = next),
    getLevel: () => level,
    setName: () => {},
  };
}
