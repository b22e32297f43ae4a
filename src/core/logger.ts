/**
 * The logging surface the core needs. pino's Logger satisfies it; tests pass a recording or
 * silent one. Fields go first, as in pino: `log.warn({ source }, "fetch failed")`.
 */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  child(fields: object): Logger;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
