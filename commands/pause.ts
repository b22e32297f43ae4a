import { textReply } from "../src/core/reply.js";
import type { Command } from "./command.js";

export const pause: Command = {
  name: "pause",
  description: "Stop alerts in this chat until /resume",
  access: "chat-admin",
  personal: true,
  async run({ chat, store }) {
    await store.setPaused(chat, true);
    return textReply("Alerts paused. /resume starts them again; jobs found meanwhile are not replayed.");
  },
};
