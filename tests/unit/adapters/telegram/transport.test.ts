import { Api } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { telegramTransport } from "../../../../src/adapters/telegram/transport.js";
import type { Alert } from "../../../../src/core/alert.js";
import { DeliveryError } from "../../../../src/delivery/transport.js";
import { makeJob } from "../../../fakes/builders.js";
import { fixedClock } from "../../../fakes/clock.js";
import { failures, startFakeBotApi, toChat, type ApiFailure, type FakeBotApi } from "../../../fakes/fake-bot-api.js";
import { privateChat, supergroup } from "../../../fakes/telegram-updates.js";

const CHAT = -100200;

function alertTo(chat: number, count = 1): Alert {
  const items = Array.from({ length: count }, () => ({ job: makeJob({ title: "Rust & <Go> dev" }), matches: [{ subscriptionId: "1", query: "rust", words: ["rust"] }] }));
  return { chat: `telegram:${chat}`, items };
}

describe("the Telegram transport", () => {
  let api: FakeBotApi;
  let removeHooks: (() => void)[] = [];
  const transport = () => telegramTransport(new Api(api.token, { apiRoot: api.apiRoot }), fixedClock());
  const failureOf = async (alert: Alert): Promise<DeliveryError> => {
    const error = await transport().send(alert).then(
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
    expect(api.calls("sendMessage").at(-1)?.params).toMatchObject({ parse_mode: "HTML", link_preview_options: { is_disabled: true } });
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

  it("says where a group moved when it became a supergroup", async () => {
    inject(() => failures.migrated(-100999));
    expect((await failureOf(alertTo(CHAT))).movedTo).toBe("telegram:-100999");
  });

  it("calls server errors and lost connections transient", async () => {
    inject(failures.serverError);
    expect((await failureOf(alertTo(CHAT))).kind).toBe("transient");
    removeHooks.push(api.hook("sendMessage", () => "drop"));
    const dropped = await failureOf(alertTo(7));
    expect(dropped.kind).toBe("transient");
    expect(dropped.message).not.toContain(api.token);
  });

  it("does not silence a chat over a message Telegram refused as malformed", async () => {
    inject(() => ({ error_code: 400, description: "Bad Request: can't parse entities: unsupported start tag" }));
    expect((await failureOf(alertTo(CHAT))).kind).toBe("transient");
  });
});
