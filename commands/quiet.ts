import { code, paragraph, reply, textReply } from "../src/core/reply.js";
import { DEFAULT_TIME_ZONE } from "../src/core/schedule.js";
import { describeQuietHours, parseQuietHours } from "../src/core/schedule-words.js";
import type { Command } from "./command.js";

export const quiet: Command = {
  name: "quiet",
  description: "Hold instant alerts during these local hours, e.g. 22:00-07:00, or off",
  argument: {
    name: "hours",
    description: "From-to in this chat's time zone, e.g. 22:00-07:00, or off",
    required: true,
    maxLength: 20,
  },
  access: "chat-admin",
  personal: true,
  async run({ args, chat, store, scheduleChanged }) {
    const typed = args.trim();
    if (typed === "") {
      return reply(
        paragraph("Write the hours to keep quiet, e.g. ", code("/quiet 22:00-07:00"), ", or ", code("/quiet off"), "."),
      );
    }
    if (typed.toLowerCase() === "off") {
      await store.updateChatSettings(chat, { quietHours: null });
      scheduleChanged?.(chat);
      return textReply("Quiet hours off: instant alerts arrive at any hour.");
    }
    const hours = parseQuietHours(typed);
    const zone = (await store.getChat(chat))?.timeZone;
    await store.updateChatSettings(chat, { quietHours: hours });
    scheduleChanged?.(chat);
    const clock = zone ? zone : `${DEFAULT_TIME_ZONE}: /timezone sets yours`;
    return textReply(
      `Quiet hours ${describeQuietHours(hours)} (${clock}): instant alerts found then are held and sent as one message when they end. Digests keep their own time.`,
    );
  },
};
