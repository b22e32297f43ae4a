import { formatAge } from "../src/core/format.js";
import { bold, link, list, paragraph, textReply, type Inline, type Reply } from "../src/core/reply.js";
import type { SavedJob } from "../src/core/subscription.js";
import type { Command, CommandContext } from "./command.js";

/** A person's saved jobs, newest first: the numbers /saved shows and /unsave takes. */
export async function savedNewestFirst({
  store,
  chat,
  user,
  personalChat,
}: Pick<CommandContext, "store" | "chat" | "user" | "personalChat">): Promise<SavedJob[]> {
  const state = await store.getChat(personalChat?.(chat, user) ?? chat);
  return (state?.saved ?? []).slice().reverse();
}

export const saved: Command = {
  name: "saved",
  description: "Your saved jobs, newest first",
  access: "anyone",
  // Saved jobs belong to the person, not the chat: listed from their private chat with the bot.
  async run(ctx): Promise<Reply> {
    const { page, store, clock, settings } = ctx;
    const jobs = await savedNewestFirst(ctx);
    if (jobs.length === 0)
      return { ...textReply("You have no saved jobs. Tap Save under an alert to keep one here."), ephemeral: true };
    const pages = Math.ceil(jobs.length / settings.pageSize);
    const current = Math.min(Math.max(0, page), pages - 1);
    const start = current * settings.pageSize;
    const now = clock.now();
    const rows: Inline[][] = [];
    for (const [i, entry] of jobs.slice(start, start + settings.pageSize).entries()) {
      const job = await store.getJob(entry.jobId);
      const closed = job?.closedAt !== undefined ? " · closed" : "";
      rows.push([
        bold(`${start + i + 1}.`),
        " ",
        link(`${entry.title} — ${entry.company}`, entry.url),
        ` · saved ${formatAge(now - entry.savedAt)}${closed}`,
      ]);
    }
    return {
      blocks: [paragraph(`Your saved jobs, page ${current + 1} of ${pages} (/unsave <n> removes one):`), list(rows)],
      pager: { command: "saved", query: "", page: current, hasPrevious: current > 0, hasNext: current < pages - 1 },
      ephemeral: true,
    };
  },
};
