/**
 * The Slack adapter: a Bolt App serving `/jobhound` and its buttons, over HTTP or Socket Mode.
 *
 * HTTP mode mounts Bolt's HTTPReceiver on Jobhound's own HTTP server (HTTP_PORT) at
 * /slack/events, where Slack sends slash commands, interactivity and events alike; the receiver
 * checks every request's signature with SLACK_SIGNING_SECRET and refuses one older than 5
 * minutes (401). Socket Mode (SLACK_APP_TOKEN) opens a WebSocket to Slack instead: no public URL.
 *
 * Every request is acknowledged at once, within Slack's 3 seconds; the answer follows through
 * the response_url, paced by the platform's budget (replies.ts). Alerts go through a Web API
 * client that rejects a 429 instead of waiting inside itself, so delivery sees it and honours
 * Retry-After with the budget (transport.ts).
 */
import { App, HTTPReceiver, SocketModeReceiver, webApi, type BlockButtonAction, type Receiver } from "@slack/bolt";
import { alertActionCodec, alertActionSecret } from "../../core/alert-action-payload.js";
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { HttpRoutes, PlatformContext, RunningPlatform } from "../platform.js";
import { handleAlertButton } from "./alert-action.js";
import { ALERT_ACTION, type ReceivedBlock } from "./alert-buttons.js";
import { boltLogger } from "./bolt-logger.js";
import { handlePagerButton, handleSlashCommand, type HandlerDeps } from "./handlers.js";
import { PAGER_ACTION } from "./pager.js";
import { SLASH_COMMAND } from "./render.js";
import { responder } from "./replies.js";
import { slackTransport } from "./transport.js";

export const EVENTS_PATH = "/slack/events";

export type SlackMode = { kind: "http"; signingSecret: string } | { kind: "socket"; appToken: string };

export interface SlackOptions {
  token: string;
  /** Web API base with a trailing slash. */
  apiRoot: string;
  mode: SlackMode;
  adminsOnly: boolean;
}

function webClient(options: SlackOptions, log: Logger): webApi.WebClient {
  return new webApi.WebClient(options.token, {
    slackApiUrl: options.apiRoot,
    logger: boltLogger(log),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
}

/** Mounts the receiver on the bot's HTTP server; anything but a POST there is answered 405. */
function mount(receiver: HTTPReceiver, http: HttpRoutes): void {
  http.add(EVENTS_PATH, (request, response) => {
    if (request.method !== "POST") return void response.writeHead(405, { allow: "POST" }).end();
    receiver.requestListener(request, response);
  });
}

async function whoAmI(client: webApi.WebClient): Promise<{ userId: string; botId: string; team: string }> {
  try {
    const me = await client.auth.test();
    return { userId: String(me.user_id), botId: String(me.bot_id), team: String(me.team ?? me.team_id) };
  } catch (error) {
    throw new Error(`Slack refused SLACK_BOT_TOKEN (auth.test: ${describeError(error)}): copy the bot token again`, {
      cause: error,
    });
  }
}

export async function startSlack(options: SlackOptions, platform: PlatformContext): Promise<RunningPlatform> {
  const { log, budget, clock } = platform;
  if (options.mode.kind === "http" && !platform.http) {
    throw new Error("invalid configuration: HTTP_PORT must be set for Slack's HTTP mode (or set SLACK_APP_TOKEN)");
  }
  const client = webClient(options, log);
  const me = await whoAmI(client);
  const logger = boltLogger(log);

  let connected = options.mode.kind === "http";
  let receiver: Receiver;
  if (options.mode.kind === "http") {
    const http = new HTTPReceiver({ signingSecret: options.mode.signingSecret, endpoints: EVENTS_PATH, logger });
    if (platform.http) mount(http, platform.http);
    receiver = http;
  } else {
    const socket = new SocketModeReceiver({
      appToken: options.mode.appToken,
      logger,
      // apps.connections.open, which hands out the WebSocket's URL, is a Web API call too.
      installerOptions: { clientOptions: { slackApiUrl: options.apiRoot } },
    });
    socket.client.on("connected", () => (connected = true));
    socket.client.on("disconnected", () => (connected = false));
    receiver = socket;
  }
  const app = new App({
    token: options.token,
    receiver,
    logger,
    botId: me.botId,
    botUserId: me.userId,
    clientOptions: { slackApiUrl: options.apiRoot, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } },
  });

  const deps: HandlerDeps = {
    context: { ...platform.commands, log },
    respond: responder({ budget, clock, log }),
    adminsOnly: options.adminsOnly,
    async isWorkspaceAdmin(user) {
      const { user: info } = await client.users.info({ user });
      return info?.is_admin === true || info?.is_owner === true || info?.is_primary_owner === true;
    },
    async directChannel(user) {
      const { channel } = await client.conversations.open({ users: user });
      if (!channel?.id) throw new Error("conversations.open returned no channel");
      return channel.id;
    },
    codec: alertActionCodec(alertActionSecret(options.token)),
  };

  app.command(SLASH_COMMAND, async ({ command, ack }) => {
    await ack();
    await handleSlashCommand(
      { user: command.user_id, channelId: command.channel_id, text: command.text, responseUrl: command.response_url },
      deps,
    );
  });
  app.action<BlockButtonAction>(PAGER_ACTION, async ({ body, action, ack }) => {
    await ack();
    await handlePagerButton(
      { user: body.user.id, channelId: body.channel?.id ?? "", value: action.value, responseUrl: body.response_url },
      deps,
    );
  });
  app.action<BlockButtonAction>(ALERT_ACTION, async ({ body, action, ack }) => {
    await ack();
    const message = body.message && {
      text: String(body.message.text ?? ""),
      blocks: (body.message.blocks ?? []) as ReceivedBlock[],
    };
    await handleAlertButton(
      {
        user: body.user.id,
        channelId: body.channel?.id ?? "",
        value: action.value,
        blockId: action.block_id,
        responseUrl: body.response_url,
        ...(message ? { message } : {}),
      },
      deps,
    );
  });
  // A link button still tells the app it was pressed: acknowledge it, or Slack shows an error.
  app.action(/^open/, async ({ ack }) => ack());
  app.error(async (error) => log.error({ error }, "slack request failed"));

  if (options.mode.kind === "socket") await app.start();
  log.info({ mode: options.mode.kind, bot: me.userId, team: me.team }, "Slack ready");

  return {
    transport: slackTransport(client, clock, deps.codec),
    connected: () => connected,
    stop: async () => {
      if (options.mode.kind === "socket") await app.stop();
    },
  };
}
