/**
 * Several copies of the bot on one database (README "Running several copies"):
 * - the scraper lease: a session advisory lock held on a connection of its own (not the pool), so it
 *   ends the moment its copy dies and its connection closes; the others try for it every few seconds;
 * - the copies alive, one heartbeat row each: every copy paces its sends to its share of each
 *   platform's overall limits (1 / copies alive), so together they stay within them;
 * - delivery claims: one copy at a time sends a chat's outbox, in order; a claim expires unless renewed;
 * - new alerts: the scraper NOTIFYs after each commit, and every copy LISTENs on its lease connection
 *   (the copies' polls stay the safety net: a notification is lost while that connection is down).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { ChatId } from "../../core/chat.js";
import type { DeliveryClaims } from "../store.js";

/** How often a copy says it is alive and tries for the scraper lease. */
export const HEARTBEAT_MS = 3_000;
/** A copy not heard of for this long is gone: the others take its share of the budget. */
const COPY_TTL_SECONDS = 12;

export interface CopiesOptions {
  log: Logger;
  /** A claim not renewed for this long expires; longer than a send may take. */
  claimSeconds: number;
  /** Called when this copy takes the scraper lease (run a cycle now). */
  onScraper?: () => void;
  /** Called when a copy announced new alerts in the outbox. */
  onAlerts?: () => void;
}

export interface Copies {
  readonly id: string;
  /** Whether this copy holds the scraper lease now. */
  isScraper(): boolean;
  /**
   * Calls `listener` with true when this copy takes the scraper lease (at once if it holds it) and
   * with false when it loses it: the scraper also holds the platforms' unique sessions (Discord's gateway).
   */
  watchLease(listener: (held: boolean) => void): void;
  /** This copy's share of each platform's overall limits: 0 until the others have seen it join. */
  share(): number;
  /** Chats this copy holds now. */
  claimCount(): number;
  claims: DeliveryClaims;
  /** Tells every copy the outbox gained alerts. */
  announceAlerts(): Promise<void>;
  /** Gives up the lease and the claims, and leaves. */
  leave(): Promise<void>;
}

export async function joinCopies(
  url: string,
  { log, claimSeconds, onScraper, onAlerts }: CopiesOptions,
): Promise<Copies> {
  const id = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const db = new pg.Pool({ connectionString: url, max: 4 });
  db.on("error", (error) => log.warn({ error: describeError(error) }, "idle PostgreSQL connection lost"));
  const lockKey = "hashtext('jobhound scraper ' || current_schema())";
  // Notifications reach the whole database: the channel names this bot's schema.
  const schema = (await db.query<{ schema: string }>("SELECT current_schema() AS schema")).rows[0]?.schema ?? "public";
  const channel = `"jobhound_alerts_${schema.replaceAll('"', "")}"`;
  let session: pg.Client | undefined;
  let scraper = false;
  let share = 0;
  const joinedAt = Date.now();
  const held = new Set<ChatId>();
  let stopped = false;
  const leaseListeners: ((held: boolean) => void)[] = [];
  function setScraper(held: boolean): void {
    if (scraper === held) return;
    scraper = held;
    for (const listener of leaseListeners) listener(held);
  }

  /** The lease's own connection: when it breaks, the lock is gone with it. */
  async function tryLease(): Promise<void> {
    if (!session) {
      const client = new pg.Client({ connectionString: url });
      client.on("error", (error) => {
        log.warn({ error: describeError(error) }, "scraper lease connection lost");
        if (session === client) session = undefined;
        setScraper(false);
      });
      await client.connect();
      client.on("notification", () => onAlerts?.());
      await client.query(`LISTEN ${channel}`);
      session = client;
    }
    if (scraper) return;
    const { rows } = await session.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${lockKey}) AS locked`);
    if (rows[0]?.locked) {
      log.info({ copy: id }, "this copy is the scraper now");
      setScraper(true);
      onScraper?.();
    }
  }

  async function beat(): Promise<void> {
    await db.query(
      `INSERT INTO bot_copies (id, seen_at, scraper) VALUES ($1, now(), $2)
       ON CONFLICT (id) DO UPDATE SET seen_at = now(), scraper = $2`,
      [id, scraper],
    );
    await db.query("DELETE FROM bot_copies WHERE seen_at < now() - interval '1 hour'");
    const { rows } = await db.query<{ alive: number }>(
      `SELECT count(*)::int AS alive FROM bot_copies WHERE seen_at > now() - make_interval(secs => $1)`,
      [COPY_TTL_SECONDS],
    );
    // The others recount every HEARTBEAT_MS: past that, they all count this copy too.
    if (Date.now() - joinedAt > HEARTBEAT_MS) share = 1 / Math.max(1, rows[0]?.alive ?? 1);
  }

  let timer: NodeJS.Timeout | undefined;
  async function tick(): Promise<void> {
    try {
      await tryLease();
      await beat();
    } catch (error) {
      log.warn({ error: describeError(error) }, "copy heartbeat failed");
    }
    if (!stopped) timer = setTimeout(() => void tick(), HEARTBEAT_MS);
  }
  await tick();
  // One extra beat just past HEARTBEAT_MS, so that a new copy starts sending without waiting a second period.
  const firstShare = setTimeout(() => void beat().catch(() => {}), HEARTBEAT_MS + 200);

  const claims: DeliveryClaims = {
    async claim(chat) {
      const { rowCount } = await db.query(
        `INSERT INTO delivery_claims (chat, owner, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
         ON CONFLICT (chat) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
         WHERE delivery_claims.owner = EXCLUDED.owner OR delivery_claims.expires_at < now()`,
        [chat, id, claimSeconds],
      );
      if (rowCount === 1) held.add(chat);
      else held.delete(chat);
      return rowCount === 1;
    },
    async release(chat) {
      held.delete(chat);
      await db.query("DELETE FROM delivery_claims WHERE chat = $1 AND owner = $2", [chat, id]);
    },
  };

  return {
    id,
    isScraper: () => scraper,
    watchLease(listener) {
      leaseListeners.push(listener);
      if (scraper) listener(true);
    },
    share: () => share,
    claimCount: () => held.size,
    claims,
    async announceAlerts() {
      await db.query(`NOTIFY ${channel}`);
    },
    async leave() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(firstShare);
      await db.query("DELETE FROM delivery_claims WHERE owner = $1", [id]).catch(() => {});
      await db.query("DELETE FROM bot_copies WHERE id = $1", [id]).catch(() => {});
      await session?.end().catch(() => {});
      await db.end();
    },
  };
}
