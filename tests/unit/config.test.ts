import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("configuration", () => {
  it("needs nothing at all: every variable has a default", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATA_DIR: "./data",
      SCRAPE_SCHEDULE: "*/10 * * * *",
      TELEGRAM_API_ROOT: "https://api.telegram.org",
      DISCORD_API_ROOT: "https://discord.com/api",
      LOG_LEVEL: "info",
      RETENTION_DAYS: 30,
      DELIVERY_TIMEOUT_SECONDS: 30,
      HTTP_HOST: "127.0.0.1",
    });
    expect(config.SOURCES).toEqual([{ kind: "weworkremotely" }]);
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.HTTP_PORT).toBeUndefined();
  });

  it("counts an empty value as unset", () => {
    const config = loadConfig({ SOURCES: "", SCRAPE_SCHEDULE: "", TELEGRAM_BOT_TOKEN: "", HTTP_PORT: " " });
    expect(config.SCRAPE_SCHEDULE).toBe("*/10 * * * *");
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.HTTP_PORT).toBeUndefined();
  });

  it("accepts a schedule with a seconds field, and kind=URL sources", () => {
    const config = loadConfig({
      SCRAPE_SCHEDULE: "*/30 * * * * *",
      SOURCES: "weworkremotely=http://127.0.0.1:8080/feed.rss",
    });
    expect(config.SCRAPE_SCHEDULE).toBe("*/30 * * * * *");
    expect(config.SOURCES).toEqual([{ kind: "weworkremotely", arg: "http://127.0.0.1:8080/feed.rss" }]);
  });

  it.each([
    [{ SOURCES: "weworkremotely,monster" }, /^SOURCES .*unknown source kind "monster"/],
    [{ SOURCES: "weworkremotely=ftp://x" }, /^SOURCES /],
    [{ TELEGRAM_API_ROOT: "not a url" }, /^TELEGRAM_API_ROOT must be an http\(s\) URL/],
    [{ DISCORD_API_ROOT: "file:///etc" }, /^DISCORD_API_ROOT must be an http\(s\) URL/],
    [{ SCRAPE_SCHEDULE: "every ten minutes" }, /^SCRAPE_SCHEDULE is not a valid cron expression/],
    [{ SCRAPE_SCHEDULE: "*/10 * * *" }, /^SCRAPE_SCHEDULE is not a valid cron expression/],
    [{ HTTP_PORT: "99999" }, /^HTTP_PORT must be 1-65535/],
    [{ HTTP_PORT: "web" }, /^HTTP_PORT must be a port number/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL must be one of/],
    [{ RETENTION_DAYS: "0" }, /^RETENTION_DAYS must be at least 1/],
    [{ DISCORD_GUILD_ID: "my-guild" }, /^DISCORD_GUILD_ID must be a numeric Discord id/],
  ])("refuses %o with one line naming the variable", (env, message) => {
    const text = errorOf(env);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  it("never repeats a token in its message", () => {
    const text = errorOf({ TELEGRAM_BOT_TOKEN: "123:SECRET", TELEGRAM_API_ROOT: "nope" });
    expect(text).not.toContain("SECRET");
  });
});
