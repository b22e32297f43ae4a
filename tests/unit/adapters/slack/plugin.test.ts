import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../../../commands/command.js";
import { slackMode, slackPlatform } from "../../../../src/adapters/slack/plugin.js";
import { loadConfig } from "../../../../src/config.js";
import { silentLogger } from "../../../../src/core/logger.js";
import { configuredPlatforms } from "../../../../src/platforms.js";
import { memoryStore } from "../../../../src/store/memory-store.js";
import { fixedClock } from "../../../fakes/clock.js";
import { platformContext } from "../../../fakes/platform-context.js";

const TOKEN = "xoxb-1-2-abc";

describe("Slack's configuration", () => {
  it("runs only with a bot token", () => {
    expect(slackPlatform.configure(loadConfig({}))).toBeUndefined();
    const names = configuredPlatforms(loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: "s" })).map(
      (p) => p.plugin.name,
    );
    expect(names).toEqual(["slack"]);
  });

  it("chooses Socket Mode when an app-level token is set, else HTTP mode with the signing secret", () => {
    expect(slackMode({ SLACK_APP_TOKEN: "xapp-1", SLACK_SIGNING_SECRET: "s" })).toEqual({
      kind: "socket",
      appToken: "xapp-1",
    });
    expect(slackMode({ SLACK_SIGNING_SECRET: "s" })).toEqual({ kind: "http", signingSecret: "s" });
    expect(() => slackMode({})).toThrow(/SLACK_SIGNING_SECRET must be set/);
  });

  it("keeps every secret out of the logs", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: "sign", SLACK_APP_TOKEN: "xapp-9" });
    expect(slackPlatform.configure(config)?.secrets).toEqual([TOKEN, "sign", "xapp-9"]);
  });

  it("gives the Web API base the trailing slash Bolt expects, and names a bad value", () => {
    expect(loadConfig({ SLACK_API_ROOT: "http://127.0.0.1:9/api" }).SLACK_API_ROOT).toBe("http://127.0.0.1:9/api/");
    expect(() => loadConfig({ SLACK_ADMINS_ONLY: "yes" })).toThrow("SLACK_ADMINS_ONLY must be true or false");
    expect(() => loadConfig({ SLACK_APP_TOKEN: "xoxb-wrong" })).toThrow(/^SLACK_APP_TOKEN/);
  });

  it("refuses HTTP mode without HTTP_PORT at start, naming the variable, before calling Slack", async () => {
    const configured = slackPlatform.configure(loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: "s" }));
    const context = platformContext({
      store: memoryStore(),
      clock: fixedClock(),
      log: silentLogger,
      sources: [],
      settings: defaultSettings,
    });
    await expect(configured?.start(context)).rejects.toThrow(/HTTP_PORT must be set/);
  });
});
