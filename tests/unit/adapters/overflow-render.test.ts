/** Every renderer shows the outbox bound's "N more jobs" line, escaped for its platform. */
import { describe, expect, it } from "vitest";
import { renderAlert as consoleAlert } from "../../../src/adapters/console/render.js";
import { renderAlert as discordAlert } from "../../../src/adapters/discord/render.js";
import { renderAlert as telegramAlert } from "../../../src/adapters/telegram/render.js";
import type { Alert } from "../../../src/core/alert.js";

const alert: Alert = { chat: "telegram:1", items: [], overflow: { jobs: 42, queries: ["c++ <remote>"] } };

describe("the 'more jobs' line of the outbox bound", () => {
  it("is shown by the console", () => {
    expect(consoleAlert(alert, 0)).toContain(
      "42 more jobs matched while alerts could not be delivered: /latest c++ <remote>",
    );
  });

  it("is shown by Telegram, HTML-escaped", () => {
    const messages = telegramAlert(alert, 0);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain(
      "42 more jobs matched while alerts could not be delivered: /latest c++ &lt;remote&gt;",
    );
  });

  it("is shown by Discord, markdown-escaped", () => {
    const { embeds } = discordAlert({ ...alert, chat: "discord:channel:1" });
    expect(embeds[0]?.description).toContain(
      "42 more jobs matched while alerts could not be delivered: /latest c++ \\<remote>",
    );
  });
});
