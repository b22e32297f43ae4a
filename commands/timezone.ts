import { localTime } from "../src/core/schedule.js";
import { formatClockTime, parseTimeZone } from "../src/core/schedule-words.js";
import { code, paragraph, reply } from "../src/core/reply.js";
import { DEFAULT_TIME_ZONE } from "../src/core/schedule.js";
import type { Command } from "./command.js";

export const timezone: Command = {
  name: "timezone",
  description: "Set this chat's time zone for digests and quiet hours, e.g. Europe/Berlin",
  argument: {
    name: "zone",
    description: "An IANA time zone name, e.g. Europe/Berlin, America/New_York or UTC",
    required: true,
    maxLength: 64,
    suggests: "timezone",
  },
  access: "chat-admin",
  personal: true,
  async run({ args, chat, store, clock, scheduleChanged }) {
    if (args.trim() === "") {
      const current = (await store.getChat(chat))?.timeZone ?? DEFAULT_TIME_ZONE;
      return reply(
        paragraph(
          `This chat's time zone is ${current}. Set another with an IANA name, e.g. `,
          code("/timezone Europe/Berlin"),
          ".",
        ),
      );
    }
    const zone = parseTimeZone(args);
    await store.updateChatSettings(chat, { timeZone: zone });
    scheduleChanged?.(chat);
    const local = localTime(clock.now(), zone);
    return reply(
      paragraph(
        `Time zone set to ${zone}: it is ${formatClockTime(local.hour * 60 + local.minute)} there now. Digests and quiet hours follow this clock, summer time included. `,
        code("/settings"),
        " shows them.",
      ),
    );
  },
};
