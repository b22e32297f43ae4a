import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, databaseSecrets } from "../../src/config.js";

describe("DATABASE_URL", () => {
  it("is unset by default: the store is the files in DATA_DIR", () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    for (const url of ["postgres://jobhound@db:5432/jobhound", "postgresql://localhost/jobhound"])
      expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it("refuses anything else, naming the variable", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://db/jobhound" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "./data" })).toThrow(/^DATABASE_URL must be a postgres:\/\/ URL$/);
  });

  it("keeps its password out of the logs", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://jobhound:s%40cret@db/jobhound" });
    expect(databaseSecrets(config)).toContain("s@cret");
    expect(databaseSecrets(loadConfig({ DATABASE_URL: "postgres://db/jobhound" }))).toEqual([]);
  });
});
