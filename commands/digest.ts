import { UserError } from "../src/core/errors.js";
import { code, paragraph, reply, textReply, type Reply } from "../src/core/reply.js";
import { DEFAULT_TIME_ZONE, type Schedule } from "../src/core/schedule.js";
import { describeSchedule, parseClockTime, parseWeekday } from "../src/core/schedule-words.js";
import type { Command } from "./command.js";

const USAGE =
  "Write /digest daily 08:30, /digest weekly monday 08:30 or /digest off; put a subscription's number first for that one only, e.g. /digest 2 daily 08:30 (/digest 2 default: it follows the chat again).";

/** "daily 08:30", "weekly mon 08:30", "off" → a schedule; "default" (a subscription only) → undefined. */
function parseSchedule(words: readonly string[], forSubscription: boolean): Schedule | undefined {
  const [kind = "", ...rest] = words.map((w) => w.toLowerCase());
  if ((kind === "off" || kind === "instant") && rest.length === 0) return { every: "instant" };
  if (kind === "default" && forSubscription && rest.length === 0) return undefined;
  if (kind === "daily" && rest.length === 1) return { every: "day", at: parseClockTime(rest[0] ?? "") };
  if (kind === "weekly" && rest.length === 2)
    return { every: "week", day: parseWeekday(rest[0] ?? ""), at: parseClockTime(rest[1] ?? "") };
  throw new UserError(USAGE);
}

export const digest: Command = {
  name: "digest",
  description: "Collect alerts into a daily or weekly digest, for the chat or one subscription",
  argument: {
    name: "schedule",
    description: "daily 08:30, weekly monday 08:30 or off; a subscription's number first for that one",
    required: true,
    maxLength: 40,
  },
  access: "chat-admin",
  personal: true,
  async run({ args, chat, store, scheduleChanged }): Promise<Reply> {
    const words = args.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return textReply(USAGE);
    const state = await store.getChat(chat);
    const zone = state?.timeZone ?? DEFAULT_TIME_ZONE;
    const clock = state?.timeZone ? ` (${zone})` : ` (${zone}: /timezone sets yours)`;
    const target = /^#?\d{1,12}$/.test(words[0] ?? "") ? (words[0] ?? "").replace(/^#/, "") : undefined;

    if (target !== undefined) {
      const schedule = parseSchedule(words.slice(1), true);
      const updated = await store.setSubscriptionSchedule(chat, target, schedule);
      if (!updated) throw new UserError(`This chat has no subscription #${target}. /subscriptions lists them.`);
      scheduleChanged?.(chat);
      if (!schedule) {
        const follows = state?.digest ? describeSchedule(state.digest) : "instantly";
        return textReply(`Subscription #${target} follows the chat's schedule again: ${follows}.`);
      }
      const when = describeSchedule(schedule);
      return textReply(
        schedule.every === "instant"
          ? `Subscription #${target} sends each new job instantly, whatever the chat's digest.`
          : `Subscription #${target}: its jobs are collected and sent ${when}${clock}. Nothing is sent when nothing matched.`,
      );
    }

    const schedule = parseSchedule(words, false);
    if (!schedule || schedule.every === "instant") {
      await store.updateChatSettings(chat, { digest: null });
      scheduleChanged?.(chat);
      return textReply(
        "Digest off: each new job is sent as it appears (quiet hours still hold them). Anything collected goes out now.",
      );
    }
    await store.updateChatSettings(chat, { digest: schedule });
    scheduleChanged?.(chat);
    return reply(
      paragraph(
        `Digest on: matching jobs are collected and sent ${describeSchedule(schedule)}${clock}, as one message grouped by subscription. Nothing is sent when nothing matched. `,
        code("/digest off"),
        " goes back to instant alerts.",
      ),
    );
  },
};
