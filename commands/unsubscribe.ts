import { UserError } from "../src/core/errors.js";
import { code, paragraph, reply, textReply } from "../src/core/reply.js";
import type { Command } from "./command.js";

export const unsubscribe: Command = {
  name: "unsubscribe",
  description: "Remove a subscription by its number, or all of them",
  argument: {
    name: "id",
    description: "The subscription's number from /subscriptions, or all",
    required: true,
    maxLength: 20,
    suggests: "subscription",
  },
  access: "chat-admin",
  personal: true,
  async run({ args, chat, store }) {
    const target = args.trim().replace(/^#/, "").toLowerCase();
    if (target === "") {
      return reply(
        paragraph(
          "Which one? ",
          code("/unsubscribe 3"),
          " removes #3, ",
          code("/unsubscribe all"),
          " removes every subscription. /subscriptions lists them.",
        ),
      );
    }
    if (target === "all") {
      const removed = await store.removeAllSubscriptions(chat);
      return textReply(
        removed === 0 ? "This chat has no subscriptions." : `Removed all ${removed} subscriptions of this chat.`,
      );
    }
    if (!/^\d{1,12}$/.test(target))
      throw new UserError(`"${args.trim().slice(0, 40)}" is not a subscription number. /subscriptions lists them.`);
    if (!(await store.removeSubscription(chat, target))) {
      throw new UserError(`This chat has no subscription #${target}. /subscriptions lists them.`);
    }
    return textReply(`Removed subscription #${target}.`);
  },
};
