/** Slack's part of the configuration schema (src/config.ts spreads it in). */
import { z } from "zod";

export const slackConfig = {
  /** The bot token (xoxb-…) from the app's OAuth page; the Slack adapter runs when it is set. */
  SLACK_BOT_TOKEN: z.string().optional(),
  /** Checks that requests to /slack/events come from Slack (HTTP mode). */
  SLACK_SIGNING_SECRET: z.string().optional(),
  /** An app-level token (xapp-…) with connections:write: Socket Mode instead of HTTP. */
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, "must be an app-level token (xapp-…)")
    .optional(),
  /** Web API base; change only for a test server. Bolt's client expects a trailing slash. */
  SLACK_API_ROOT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .transform((url) => `${url.replace(/\/+$/, "")}/`)
    .default("https://slack.com/api/"),
  /** "true": only workspace admins and owners may change a channel's subscriptions. */
  // Kept as text: the plug-in parses its part again from the parsed configuration.
  SLACK_ADMINS_ONLY: z.enum(["true", "false"], { error: "must be true or false" }).default("false"),
};
