/**
 * PostgreSQL for tests: each store gets a schema of its own in this run's test database (see
 * global-setup.ts), so tests and test files never see each other's rows and need no cleanup
 * beyond the database being dropped at the end.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** This run's test database, or null when PostgreSQL tests are skipped. */
export const postgresUrl: string | null = inject("postgresUrl");

/** A URL on an empty schema of the test database: what DATABASE_URL would be on a fresh server. */
export async function freshDatabaseUrl(): Promise<string> {
  if (!postgresUrl) throw new Error("PostgreSQL tests are skipped: check postgresUrl first");
  const schema = `s_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(postgresUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}
