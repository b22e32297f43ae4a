/**
 * The connection pool and transactions. node-postgres (`pg`) returns int8 columns as strings, to
 * be safe past 2^53; every int8 here (seqs, ids, versions, counts) stays far below that, so they
 * are read as numbers.
 */
import pg from "pg";
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";

const INT8 = 20;

export type Db = pg.Pool;
export type Tx = pg.PoolClient;

export function createPool(url: string, log: Logger, max = 10): Db {
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle connection the server closed (restart, admin) must not crash the process: the pool
  // drops it and opens another for the next query.
  pool.on("error", (error) => log.warn({ error: describeError(error) }, "idle PostgreSQL connection lost"));
  return pool;
}

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. `begin`
 * may ask for another isolation level.
 */
export async function transaction<T>(db: Db, work: (tx: Tx) => Promise<T>, begin = "BEGIN"): Promise<T> {
  const tx = await db.connect();
  let broken: Error | undefined;
  try {
    await tx.query(begin);
    const result = await work(tx);
    await tx.query("COMMIT");
    return result;
  } catch (error) {
    await tx.query("ROLLBACK").catch((rollback: unknown) => {
      broken = rollback instanceof Error ? rollback : new Error(describeError(rollback));
    });
    throw error;
  } finally {
    // A connection that could not even roll back is closed rather than handed to the next caller.
    tx.release(broken);
  }
}

/**
 * Reads a result a page at a time, in key order, asking for the next page before `take` has this
 * one, so that the server reads it meanwhile instead of each side waiting for the other. `ask`
 * asks for the page after the row given (the first page for undefined); a page shorter than `size`
 * is the last.
 */
export async function readPagesAhead<Row>(
  ask: (after: Row | undefined) => Promise<{ rows: Row[] }>,
  size: number,
  take: (rows: Row[]) => unknown,
): Promise<void> {
  for (let next = ask(undefined); ;) {
    const { rows } = await next;
    const full = rows.length === size;
    if (full) {
      next = ask(rows.at(-1) as Row);
      // Awaited on the next turn; if `take` fails first, its failure is the one reported.
      next.catch(() => {});
    }
    await take(rows);
    if (!full) return;
  }
}
