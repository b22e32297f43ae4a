/**
 * Slack as a plug-in (docs/ARCHITECTURE.md "Platforms are plug-ins"): HTTP mode on the bot's
 * HTTP server, or Socket Mode when SLACK_APP_TOKEN is set (app.ts).
 */
import { definePlatform } from "../platform.js";
import { SLACK, slackAddressing, slackRates } from "./addressing.js";
import type { SlackMode } from "./app.js";
import { slackConfig } from "./config.js";

/** Socket Mode when an app-level token is set, else HTTP mode, which needs the signing secret. */
export function slackMode(settings: {
  SLACK_APP_TOKEN?: string | undefined;
  SLACK_SIGNING_SECRET?: string | undefined;
}): SlackMode {
  if (settings.SLACK_APP_TOKEN !== undefined) return { kind: "socket", appToken: settings.SLACK_APP_TOKEN };
  if (settings.SLACK_SIGNING_SECRET === undefined) {
    throw new Error(
      "invalid configuration: SLACK_SIGNING_SECRET must be set for Slack's HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  }
  return { kind: "http", signingSecret: settings.SLACK_SIGNING_SECRET };
}

export const slackPlatform = definePlatform({
  name: SLACK,
  config: slackConfig,
  addressing: slackAddressing,
  rates: slackRates,
  configure: (settings) => {
    const { SLACK_BOT_TOKEN: token, SLACK_API_ROOT: apiRoot } = settings;
    const adminsOnly = settings.SLACK_ADMINS_ONLY === "true";
    if (token === undefined) return undefined;
    return {
      secrets: [token, settings.SLACK_SIGNING_SECRET, settings.SLACK_APP_TOKEN].filter((s) => s !== undefined),
      start: async (context) => {
        const mode = slackMode(settings);
        // Bolt takes seconds to load: only a bot that serves Slack loads it.
        const { startSlack } = await import("./app.js");
        return startSlack({ token, apiRoot, adminsOnly, mode }, context);
      },
    };
  },
});
