import { bold, code, list, paragraph, reply, type Inline } from "../src/core/reply.js";
import { DEFAULT_TIME_ZONE } from "../src/core/schedule.js";
import { describeQuietHours, describeSchedule } from "../src/core/schedule-words.js";
import type { Command } from "./command.js";

export const settings: Command = {
  name: "settings",
  description: "This chat's time zone, digest schedule per subscription, quiet hours and pause state",
  access: "anyone",
  personal: true,
  async run({ chat, store }) {
    const state = await store.getChat(chat);
    const subs = await store.subscriptionsOf(chat);
    const chatSchedule = state?.digest ? `a digest ${describeSchedule(state.digest)}` : "each job instantly";
    const zone = state?.timeZone ?? `${DEFAULT_TIME_ZONE} (the default)`;
    const blocks = [
      paragraph(bold("Time zone: "), zone),
      paragraph(bold("Alerts: "), chatSchedule, "."),
      paragraph(
        bold("Quiet hours: "),
        state?.quietHours
          ? `${describeQuietHours(state.quietHours)}; instant alerts found then are sent when they end.`
          : "none.",
      ),
      paragraph(
        bold("Paused: "),
        state?.paused
          ? `yes${state.pausedReason ? ` (${state.pausedReason})` : ""}: nothing is sent until /resume, digests included.`
          : "no.",
      ),
    ];
    if (subs.length > 0) {
      const rows: Inline[][] = subs.map((s) => [
        bold(`#${s.id}`),
        " ",
        code(s.query),
        ` — ${s.schedule ? describeSchedule(s.schedule) : `as the chat: ${state?.digest ? describeSchedule(state.digest) : "instantly"}`}`,
      ]);
      blocks.push(paragraph("Per subscription:"), list(rows));
    }
    blocks.push(
      paragraph(
        "Change them with ",
        code("/timezone"),
        ", ",
        code("/digest"),
        ", ",
        code("/quiet"),
        " and ",
        code("/pause"),
        ".",
      ),
    );
    return { ...reply(...blocks), ephemeral: true };
  },
};
