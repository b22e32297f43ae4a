import { MAX_QUERY_LENGTH, parseQuery } from "../src/core/query/parse.js";
import { searchStoredJobs } from "../src/core/query/search.js";
import { textReply, type Reply } from "../src/core/reply.js";
import type { Command } from "./command.js";

export const latest: Command = {
  name: "latest",
  description: "The newest jobs, optionally filtered by a query",
  argument: {
    name: "query",
    description: "Optional words to filter by, e.g. rust remote",
    required: false,
    maxLength: MAX_QUERY_LENGTH,
  },
  access: "anyone",
  pages: true,
  async run({ args, page, store, settings }): Promise<Reply> {
    const typed = args.trim();
    const query = typed === "" ? undefined : parseQuery(typed);
    // Jobs their boards stopped listing are left out unless the query asks about closed:.
    const asksClosed = query?.include.some((clause) =>
      clause.atoms.some((atom) => "field" in atom && atom.field === "closed"),
    );
    const stored = await store.recentJobs();
    const jobs = asksClosed ? stored : stored.filter((job) => job.closedAt === undefined);
    const matching = query ? await searchStoredJobs(query, jobs) : jobs;
    if (matching.length === 0) {
      return textReply(
        query
          ? "No recent job matches that query. Try fewer words."
          : "No jobs yet: the first fetch may still be running.",
      );
    }
    const pages = Math.ceil(matching.length / settings.pageSize);
    const current = Math.min(Math.max(0, page), pages - 1);
    const start = current * settings.pageSize;
    return {
      blocks: [
        { kind: "paragraph", content: [`Newest ${query ? "matching " : ""}jobs, page ${current + 1} of ${pages}:`] },
        { kind: "jobs", jobs: matching.slice(start, start + settings.pageSize) },
      ],
      pager: { command: "latest", query: typed, page: current, hasPrevious: current > 0, hasNext: current < pages - 1 },
      ephemeral: true,
    };
  },
};
