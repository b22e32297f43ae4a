import { bold, code, list, paragraph, reply, textReply, type Inline } from "../src/core/reply.js";
import type { Command } from "./command.js";

export const subscriptions: Command = {
  name: "subscriptions",
  aliases: ["list"],
  description: "List this chat's subscriptions",
  access: "anyone",
  personal: true,
  async run({ chat, store }) {
    const subs = await store.subscriptionsOf(chat);
    if (subs.length === 0)
      return textReply("This chat has no subscriptions yet. Start one with /subscribe rust remote");
    const state = await store.getChat(chat);
    const rows: Inline[][] = subs.map((s) => [
      bold(`#${s.id}`),
      " ",
      code(s.query),
      ` — ${s.matchCount} ${s.matchCount === 1 ? "alert" : "alerts"} so far`,
    ]);
    const blocks = [
      paragraph(`This chat has ${subs.length} ${subs.length === 1 ? "subscription" : "subscriptions"}:`),
      list(rows),
    ];
    if (state?.paused) {
      const why = state.pausedReason ? ` (${state.pausedReason})` : "";
      blocks.push(paragraph(`Alerts are paused${why}. /resume starts them again.`));
    }
    return { ...reply(...blocks), ephemeral: true };
  },
};
