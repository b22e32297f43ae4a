import { UserError } from "../src/core/errors.js";
import { textReply } from "../src/core/reply.js";
import type { Command } from "./command.js";
import { savedNewestFirst } from "./saved.js";

export const unsave: Command = {
  name: "unsave",
  description: "Remove a job from your saved jobs by its number in /saved",
  argument: { name: "number", description: "The job's number in /saved", required: true, maxLength: 12 },
  access: "anyone",
  async run(ctx) {
    const { args, chat, user, store, personalChat } = ctx;
    const typed = args.trim().replace(/^#/, "");
    if (!/^\d{1,6}$/.test(typed)) throw new UserError("Which one? /unsave 2 removes the second job /saved lists.");
    const jobs = await savedNewestFirst(ctx);
    const entry = jobs[Number(typed) - 1];
    if (!entry) {
      throw new UserError(
        jobs.length === 0
          ? "You have no saved jobs."
          : `There is no saved job ${typed}: /saved lists ${jobs.length} ${jobs.length === 1 ? "job" : "jobs"}.`,
      );
    }
    await store.unsaveJob(personalChat?.(chat, user) ?? chat, entry.jobId);
    return { ...textReply(`Removed "${entry.title} — ${entry.company}" from your saved jobs.`), ephemeral: true };
  },
};
