import { list, paragraph, reply, textReply } from "../src/core/reply.js";
import type { Command } from "./command.js";

export const muted: Command = {
  name: "muted",
  description: "List the companies muted in this chat",
  access: "anyone",
  async run({ chat, store }) {
    const companies = (await store.getChat(chat))?.mutedCompanies ?? [];
    if (companies.length === 0) return textReply("No company is muted in this chat. /mute <company> mutes one.");
    return {
      ...reply(
        paragraph(`Muted in this chat (${companies.length}); /unmute <company> lets one through again:`),
        list(companies.map((company) => [company])),
      ),
      ephemeral: true,
    };
  },
};
