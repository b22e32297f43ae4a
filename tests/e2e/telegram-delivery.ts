/**
 * The set-up shared by the delivery end-to-end tests: a fake board whose feed gains one job after
 * the baseline, a fake Bot API enforcing Telegram's flood limits, and a store (files or
 * PostgreSQL) where N Telegram chats already subscribed (written through the store, not typed as
 * /subscribe: the confirmations would themselves be a flood).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import { startFakeBotApi, type FakeBotApi } from "../fakes/fake-bot-api.js";
import { fixture } from "../fixtures.js";
import { cyclesDone, startBot, type BotProcess } from "./bot-process.js";
import { openStoreOf, type E2eStore } from "./stores.js";

const BASELINE = fixture("wwr-programming-2020.rss");
const NEW_ITEMS = fixture("wwr-remote-jobs-2026.rss").match(/<item>[\s\S]*<\/item>/)?.[0] ?? "";
/** Of the five new jobs, "engineer" matches one: each chat gets exactly one alert. */
export const QUERY = "engineer";
export const NEW_JOB_URL =
  "https://weworkremotely.com/remote-jobs/summedd-full-stack-engineer-with-ai-coding-expertise-for-saas-platform";

/** Private chats 1001, 1002, …; groups −1001, −1002, … */
export const privateChats = (count: number): number[] => Array.from({ length: count }, (_, i) => 1_001 + i);

export interface DeliveryWorld {
  api: FakeBotApi;
  board: FakeBoard;
  dataDir: string;
  env: Record<string, string>;
  /** Alerts (messages naming the new job) each chat received. */
  alertsTo(chatId: number): number;
  close(): Promise<void>;
}

export async function deliveryWorld(
  kind: E2eStore,
  chatIds: readonly number[],
  env: Record<string, string> = {},
): Promise<DeliveryWorld> {
  const api = await startFakeBotApi({ floodControl: true });
  const board = await startFakeBoard();
  board.serve("/feed.rss", BASELINE);
  const dataDir = await mkdtemp(join(tmpdir(), "jobhound-delivery-"));
  const storeEnv = await kind.env(dataDir);
  const store = await openStoreOf(storeEnv);
  await Promise.all(
    chatIds.map((id) => {
      api.addChat(
        id > 0 ? { id, type: "private", first_name: `Person ${id}` } : { id, type: "group", title: `Group ${id}` },
      );
      return store.addSubscription({
        chat: `telegram:${id}`,
        createdBy: String(Math.abs(id)),
        query: QUERY,
        createdAt: Date.now(),
      });
    }),
  );
  await store.close();
  return {
    api,
    board,
    dataDir,
    env: {
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      ...storeEnv,
      SOURCES: `weworkremotely=${board.url("/feed.rss")}`,
      SCRAPE_SCHEDULE: "* * * * * *",
      LOG_LEVEL: "info",
      ...env,
    },
    // The job page is the button under the alert.
    alertsTo: (chatId) =>
      api.messages(chatId).filter((m) => JSON.stringify(m.reply_markup ?? {}).includes(NEW_JOB_URL)).length,
    async close() {
      await api.close();
      await board.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the bot, lets it take its baseline, then puts the new job on the board. */
export async function startAndPublish(world: DeliveryWorld): Promise<BotProcess> {
  const bot = startBot(world.env);
  await bot.waitFor("the baseline cycle", () => cyclesDone(bot) >= 1, 30_000);
  publish(world);
  return bot;
}

/** Puts the new jobs on the board (after the baseline): one of them matches QUERY. */
export function publish(world: DeliveryWorld): void {
  world.board.serve("/feed.rss", BASELINE.replace("</channel>", `${NEW_ITEMS}\n</channel>`));
}

/** Stops the bot with SIGTERM and waits for it to exit. */
export async function stop(bot: BotProcess): Promise<void> {
  if (bot.child.exitCode !== null) return;
  bot.child.kill("SIGTERM");
  await bot.exited;
}
