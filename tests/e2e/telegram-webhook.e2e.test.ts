import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi, type StoredMessage } from "../fakes/fake-bot-api.js";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import { freePort } from "../fakes/free-port.js";
import { person, privateChat, textMessage } from "../fakes/telegram-updates.js";
import { fixture } from "../fixtures.js";
import { cyclesDone, startBot, type BotProcess } from "./bot-process.js";

// The 2020 feed is the baseline; the 2026 feed adds two marketing jobs (Ottimate and WEX).
const BASELINE = fixture("wwr-programming-2020.rss");
const NEW_ITEMS = fixture("wwr-remote-jobs-2026.rss").match(/<item>[\s\S]*<\/item>/)?.[0] ?? "";
const UPDATED = BASELINE.replace("</channel>", `${NEW_ITEMS}\n</channel>`);

const alice = person(1001, "Alice");
const aliceChat = privateChat(alice.id, "Alice");
/** Starting a process takes a few seconds on a busy machine. */
const START_MS = 60_000;
const alertsIn = (messages: StoredMessage[]) => messages.filter((m) => m.text.startsWith("🔔"));

describe("Telegram by webhook, end to end", () => {
  let board: FakeBoard;
  let api: FakeBotApi;
  let dataDir: string;
  let env: Record<string, string>;
  let hookUrl: string;
  const started: BotProcess[] = [];
  const start = (overrides: Record<string, string> = {}): BotProcess => {
    const bot = startBot({ ...env, ...overrides });
    started.push(bot);
    return bot;
  };

  beforeAll(async () => {
    board = await startFakeBoard();
    board.serve("/feed.rss", BASELINE);
    api = await startFakeBotApi();
    dataDir = await mkdtemp(join(tmpdir(), "jobhound-webhook-e2e-"));
    const port = await freePort();
    hookUrl = `http://127.0.0.1:${port}/telegram/updates`;
    env = {
      DATA_DIR: dataDir,
      SOURCES: `weworkremotely=${board.url("/feed.rss")}`,
      SCRAPE_SCHEDULE: "* * * * * *",
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      HTTP_PORT: String(port),
    };
  });

  afterAll(async () => {
    for (const bot of started) if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
    await api.close();
    await board.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("answers updates POSTed with the secret, refuses forgeries, handles a redelivery once, and polls again without the URL", async () => {
    const bot = start({ TELEGRAM_WEBHOOK_URL: hookUrl });
    await api.waitFor("setWebhook", () => api.calls("setWebhook").length > 0, START_MS);
    const [set] = api.calls("setWebhook");
    expect(set?.params.url).toBe(hookUrl);
    const secret = String(set?.params.secret_token);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{20,256}$/);
    // The secret is as secret as the token: it never reaches a log line.
    await bot.waitFor("the baseline cycle", () => cyclesDone(bot) >= 1);
    expect(bot.stderr()).not.toContain(secret);

    api.enqueue(textMessage(aliceChat, alice, "/subscribe marketing"));
    await api.waitFor("the reply", () => api.messages(aliceChat.id).length === 1);
    expect(api.messages(aliceChat.id)[0]?.text).toContain("Subscribed #1");
    expect(api.calls("getUpdates")).toHaveLength(0);

    // A forged update (wrong secret, or none) is refused and changes nothing.
    const forged = { update_id: 900_001, ...textMessage(aliceChat, alice, "/unsubscribe all") } as Update;
    expect(await api.webhook.post(forged, "not-the-secret")).toBe(401);
    expect(await api.webhook.post(forged, null)).toBe(401);

    // Telegram delivers an update again when it missed the answer: it is handled once.
    const list = { update_id: 900_002, ...textMessage(aliceChat, alice, "/subscriptions") } as Update;
    expect(await api.webhook.post(list)).toBe(200);
    expect(await api.webhook.post(list)).toBe(200);
    await api.waitFor("the list", () => api.messages(aliceChat.id).length === 2);
    expect(api.messages(aliceChat.id)[1]?.text).toContain("marketing");

    board.serve("/feed.rss", UPDATED);
    await api.waitFor("two alerts", () => alertsIn(api.messages(aliceChat.id)).length === 2);
    expect(api.messages(aliceChat.id)).toHaveLength(4);

    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);

    // Without the URL the bot deletes the webhook and polls: the subscription is still there.
    const polling = start();
    await api.waitFor("deleteWebhook", () => api.calls("deleteWebhook").length > 0, START_MS);
    api.enqueue(textMessage(aliceChat, alice, "/subscriptions"));
    await api.waitFor("a reply by polling", () => api.messages(aliceChat.id).length === 5);
    expect(api.messages(aliceChat.id)[4]?.text).toContain("marketing");
    polling.child.kill("SIGTERM");
    expect(await polling.exited).toBe(0);
  }, 180_000);

  it("refuses a plain-http webhook URL for Telegram's own Bot API, and a webhook without HTTP_PORT", async () => {
    const https = start({ TELEGRAM_WEBHOOK_URL: hookUrl, TELEGRAM_API_ROOT: "" });
    expect(await https.exited).toBe(1);
    expect(https.stderr()).toContain("TELEGRAM_WEBHOOK_URL must be an https URL");

    const noPort = start({ TELEGRAM_WEBHOOK_URL: hookUrl, HTTP_PORT: "" });
    expect(await noPort.exited).toBe(1);
    expect(noPort.stderr()).toContain("TELEGRAM_WEBHOOK_URL needs HTTP_PORT");
  }, 120_000);
});
