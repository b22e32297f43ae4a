import { Api } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { telegramTransport } from "../../../../src/adapters/telegram/transport.js";
import type { Alert } from "../../../../src/core/alert.js";
import { chatEvents, followMoves } from "../../../../src/delivery/chat-events.js";
import { DeliveryError } from "../../../../src/delivery/transport.js";
import { memoryStore } from "../../../../src/store/memory-store.js";
import { makeJob } from "../../../fakes/builders.js";
import { fixedClock } from "../../../fakes/clock.js";
import { failures, startFakeBotApi, toChat, type ApiFailure, type FakeBotApi } from "../../../fakes/fake-bot-api.js";
import { recordingLogger } from "../../../fakes/recording-logger.js";
import { privateChat, supergroup } from "../../../fakes/telegram-updates.js";

const CHAT = -100200;

function alertTo(chat: number, count = 1): Alert {
  const items = Array.from({ length: count }, () => ({
    job: makeJob({ title: "Rust & <Go> dev" }),
    matches: [{ subscriptionId: "1", query: "rust", words: ["rust"] }],
  }));
  return { chat: `telegram:${chat}`, items };
}

describe("the Telegram transport", () => {
  let api: FakeBotApi;
  let removeHooks: (() => void)[] = [];
  const store = memoryStore();
  const events = chatEvents({ store, log: recordingLogger(), wake: async () => {} });
  const transport = () =>
    followMoves(telegramTransport(new Api(api.token, { apiRoot: api.apiRoot }), fixedClock()), events);
  const failureOf = async (alert: Alert): Promise<DeliveryError> => {
    const error = await transport()
      .send(alert)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
    return error;
  };

  beforeAll(async () => {
    api = await startFakeBotApi();
    api.addChat(supergroup(CHAT));
    api.addChat(privateChat(7));
  });
  afterAll(() => api.close());
  beforeEach(() => {
    for (const remove of removeHooks) remove();
    removeHooks = [];
  });
  const inject = (failure: () => ApiFailure) => removeHooks.push(api.hook("sendMessage", toChat(CHAT, failure)));

  it("sends an alert as valid HTML with its Apply button", async () => {
    const alert = alertTo(CHAT);
    await transport().send(alert);
    const [sent] = api.messages(CHAT);
    expect(sent?.text).toContain("Rust & <Go> dev");
    expect(sent?.reply_markup?.inline_keyboard[0]?.[0]?.url).toBe(alert.items[0]?.job.url);
    expect(api.calls("sendMessage").at(-1)?.params).toMatchObject({
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
    expect(api.violations).toEqual([]);
  });

  it.each([
    ["blocked by the person (403)", failures.blocked],
    ["kicked from the group (403)", failures.kicked],
    ["chat not found (400)", failures.chatNotFound],
  ])("calls a chat that will not take alerts permanent: %s", async (_, failure) => {
    inject(failure);
    expect((await failureOf(alertTo(CHAT))).kind).toBe("permanent");
  });

  it("says when Telegram asks to wait (429 retry_after)", async () => {
    inject(() => failures.tooManyRequests(7));
    const error = await failureOf(alertTo(CHAT));
    expect(error).toMatchObject({ kind: "rate-limited", retryAfterMs: 7000 });
  });

  it("moves the chat when its group became a supergroup, and says the alert moved with it", async () => {
    await store.addSubscription({ chat: `telegram:${CHAT}`, createdBy: "1", query: "rust", createdAt: 0 });
    inject(() => failures.migrated(-100999));
    expect((await failureOf(alertTo(CHAT))).kind).toBe("moved");
    expect((await store.subscriptionsOf("telegram:-100999")).map((s) => s.query)).toEqual(["rust"]);
  });

  it("calls server errors and lost connections transient", async () => {
    inject(failures.serverError);
    expect((await failureOf(alertTo(CHAT))).kind).toBe("transient");
    removeHooks.push(api.hook("sendMessage", () => "drop"));
    const dropped = await failureOf(alertTo(7));
    expect(dropped.kind).toBe("transient");
    expect(dropped.message).not.toContain(api.token);
  });

  it("lets delivery pace each further message of an alert too long for one", async () => {
    const longQuery = "engineer ".repeat(9).trim();
    const alert = alertTo(7, 10);
    for (const item of alert.items)
      item.matches = [1, 2, 3].map((n) => ({
        subscriptionId: String(n),
        query: `${longQuery} ${n}`,
        words: ["engineer"],
      }));
    for (const item of alert.items)
      item.job = { ...item.job, title: "Senior Staff Principal Engineer ".repeat(6), location: "Anywhere ".repeat(11) };
    const before = api.messages(7).length;
    let paced = 0;
    await transport().send(alert, { nextMessage: async () => void (paced += 1) });
    const messages = api.messages(7).length - before;
    expect(messages).toBeGreaterThan(1);
    expect(paced).toBe(messages - 1);
  });

  it("gives up a send when delivery aborts it", async () => {
    removeHooks.push(api.hook("sendMessage", () => "hang"));
    const controller = new AbortController();
    const sending = transport().send(alertTo(7), { signal: controller.signal });
    controller.abort();
    await expect(sending).rejects.toMatchObject({ kind: "transient" });
  });

  it("does not silence a chat over a message Telegram refused as malformed", async () => {
    inject(() => ({ error_code: 400, description: "Bad Request: can't parse entities: unsupported start tag" }));
    expect((await failureOf(alertTo(CHAT))).kind).toBe("transient");
  });
});
