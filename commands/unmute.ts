import { mutedAs } from "../src/core/chat-filters.js";
import { UserError } from "../src/core/errors.js";
import { textReply } from "../src/core/reply.js";
import type { Command } from "./command.js";
import { MAX_COMPANY_LENGTH, companyArgument } from "./mute.js";

export const unmute: Command = {
  name: "unmute",
  description: "Let a muted company's jobs through again",
  argument: { name: "company", description: "The muted company's name", required: true, maxLength: MAX_COMPANY_LENGTH },
  access: "chat-admin",
  async run({ args, chat, store }) {
    const company = companyArgument(args, "unmute");
    const mutedName = mutedAs(await store.getChat(chat), company);
    if (mutedName === undefined) throw new UserError(`${company} is not muted here. /muted lists muted companies.`);
    await store.updateChatFilters(chat, { kind: "unmute", company });
    return textReply(`Unmuted ${mutedName}: its new jobs can be announced here again.`);
  },
};
