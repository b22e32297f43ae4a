import { textReply } from "../src/core/reply.js";
import type { Command } from "./command.js";

export const resume: Command = {
  name: "resume",
  description: "Restart alerts in this chat",
  access: "chat-admin",
  personal: true,
  async run({ chat, store }) {
    const state = await store.getChat(chat);
    if (!state?.paused) return textReply("Alerts are not paused in this chat.");
    await store.setPaused(chat, false);
    return textReply("Alerts resumed. New matching jobs will arrive from now on.");
  },
};
