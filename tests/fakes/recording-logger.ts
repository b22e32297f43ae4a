/** A Logger that keeps what it was told, so tests can assert on warnings instead of mocking. */
import type { Logger } from "../../src/core/logger.js";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface LogRecord {
  level: LogLevel;
  /** The call's fields merged over those of every child() above it. */
  fields: Record<string, unknown>;
  message: string;
}

export interface RecordingLogger extends Logger {
  records: LogRecord[];
  /** The records of one level, in order. */
  at(level: LogLevel): LogRecord[];
}

export function recordingLogger(): RecordingLogger {
  const records: LogRecord[] = [];
  const root = withFields(records, {});
  return { ...root, records, at: (level) => records.filter((record) => record.level === level) };
}

function withFields(records: LogRecord[], bound: object): Logger {
  const write = (level: LogLevel) => (fields: object, message: string) => {
    records.push({ level, fields: { ...bound, ...fields }, message });
  };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    child: (fields) => withFields(records, { ...bound, ...fields }),
  };
}
