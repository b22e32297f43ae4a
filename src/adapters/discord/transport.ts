/**
 * Delivery to Discord: a channel subscription posts in its channel, a personal one opens (once per
 * run) the DM channel with its person and posts there. Rate limits stay with @discordjs/rest's
 * queue, which waits out 429s by itself; what reaches delivery is either a refusal that will not
 * change (the chat is paused) or something worth retrying later.
 */
import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST } from "discord.js";
import type { AlertActionCodec } from "../../core/alert-action-payload.js";
import type { Alert } from "../../core/alert.js";
import { nativeChatId, type ChatId } from "../../core/chat.js";
import { describeError } from "../../core/errors.js";
import { DeliveryError, type ChatTransport, type FailureKind, type SendOptions } from "../../delivery/transport.js";
import { DISCORD } from "./addressing.js";
import { NO_MENTIONS, renderAlert, type DiscordMessage } from "./render.js";

/** Refusals that will not go away by themselves: the bot lost access, or the person shut DMs. */
const PERMANENT_CODES: ReadonlySet<number | string> = new Set([
  RESTJSONErrorCodes.MissingAccess, // 50001
  RESTJSONErrorCodes.MissingPermissions, // 50013
  RESTJSONErrorCodes.UnknownChannel, // 10003
  RESTJSONErrorCodes.CannotSendMessagesToThisUser, // 50007
  RESTJSONErrorCodes.UnknownUser, // 10013
]);

/** How delivery should treat a failed Discord request. */
export function failureKind(error: unknown): FailureKind {
  if (!(error instanceof DiscordAPIError)) return "transient";
  // Any other 403/404 is a refusal too; repeating those is what gets a bot's IP banned.
  if (PERMANENT_CODES.has(error.code) || error.status === 403 || error.status === 404) return "permanent";
  return "transient";
}

/** Where a chat address points: "discord:channel:<id>" or "discord:user:<id>". */
export function discordTarget(chat: ChatId): { kind: "channel" | "user"; id: string } {
  const match = /^(channel|user):(\d{1,25})$/.exec(nativeChatId(chat));
  if (!match) throw new DeliveryError(`not a Discord chat address: ${chat}`, "permanent");
  return { kind: match[1] as "channel" | "user", id: match[2] as string };
}

/** The REST body of a message: snake_case, with the mention rule on every message. */
export function messageBody(message: DiscordMessage): object {
  return { embeds: message.embeds, components: message.components, allowed_mentions: NO_MENTIONS };
}

/** `codec` signs the alert buttons' payloads, each for the chat its alert goes to. */
export function discordTransport(rest: Pick<REST, "post">, codec: AlertActionCodec): ChatTransport {
  const dmChannels = new Map<string, string>();

  async function channelFor(
    target: { kind: "channel" | "user"; id: string },
    signal: AbortSignal | undefined,
  ): Promise<string> {
    if (target.kind === "channel") return target.id;
    const known = dmChannels.get(target.id);
    if (known) return known;
    const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: target.id }, signal })) as {
      id: string;
    };
    dmChannels.set(target.id, channel.id);
    return channel.id;
  }

  return {
    platform: DISCORD,
    // The signal matters: after a delivery timeout the dispatcher retries, and a request left in
    // discord.js's queue (which waits out 429s by itself) would otherwise be posted as well.
    async send(alert: Alert, { signal }: SendOptions = {}) {
      const target = discordTarget(alert.chat);
      try {
        const channel = await channelFor(target, signal);
        await rest.post(Routes.channelMessages(channel), {
          body: messageBody(renderAlert(alert, Date.now(), codec)),
          signal,
        });
      } catch (error) {
        if (target.kind === "user") dmChannels.delete(target.id);
        throw new DeliveryError(describeError(error), failureKind(error));
      }
    },
  };
}
