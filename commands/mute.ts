import { mutedAs } from "../src/core/chat-filters.js";
import { cleanText } from "../src/core/job.js";
import { UserError } from "../src/core/errors.js";
import { textReply } from "../src/core/reply.js";
import type { Command } from "./command.js";

/** Longer than any company name a board gives; the limit keeps a pasted paragraph out. */
export const MAX_COMPANY_LENGTH = 100;

/** The company a /mute or /unmute names, cleaned; a UserError when there is none. */
export function companyArgument(args: string, command: string): string {
  const company = cleanText(args);
  if (company === "" || !/[\p{L}\p{N}]/u.test(company))
    throw new UserError(`Which company? For example: /${command} Acme`);
  if ([...company].length > MAX_COMPANY_LENGTH)
    throw new UserError(`That is longer than a company name (at most ${MAX_COMPANY_LENGTH} characters).`);
  return company;
}

export const mute: Command = {
  name: "mute",
  description: "Never alert about this company's jobs in this chat again",
  argument: {
    name: "company",
    description: "The company's name, e.g. Acme",
    required: true,
    maxLength: MAX_COMPANY_LENGTH,
  },
  access: "chat-admin",
  async run({ args, chat, store }) {
    const company = companyArgument(args, "mute");
    const already = mutedAs(await store.getChat(chat), company);
    if (already !== undefined) return textReply(`${already} is already muted here. /muted lists muted companies.`);
    await store.updateChatFilters(chat, { kind: "mute", company });
    return textReply(
      `Muted ${company}: its jobs will not be announced in this chat, from any board. /unmute ${company} undoes it.`,
    );
  },
};
