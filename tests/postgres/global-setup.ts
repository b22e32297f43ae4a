/**
 * Vitest global setup: with JOBHOUND_TEST_DATABASE_URL (an admin URL; CI sets it), creates one
 * database for this test run, named at random, and drops it at the end; a server that cannot be
 * reached fails the run. Without it, the PostgreSQL tests are skipped, and this says so once.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The URL of this run's test database, or null when PostgreSQL tests are skipped. */
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const adminUrl = process.env.JOBHOUND_TEST_DATABASE_URL?.trim();
  if (!adminUrl) {
    project.provide("postgresUrl", null);
    process.stdout.write("PostgreSQL tests skipped: set JOBHOUND_TEST_DATABASE_URL to run them\n");
    return undefined;
  }
  const name = `jobhound_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    // Test data need not survive a power cut: commits skip waiting for the disk.
    await admin.query(`ALTER DATABASE ${name} SET synchronous_commit TO off`);
  } catch (error) {
    throw new Error(`JOBHOUND_TEST_DATABASE_URL is set but PostgreSQL cannot be used: ${String(error)}`, {
      cause: error,
    });
  } finally {
    await admin.end().catch(() => {});
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  project.provide("postgresUrl", url.toString());
  return async () => {
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
}
