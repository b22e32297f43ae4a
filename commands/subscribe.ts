import { UserError } from "../src/core/errors.js";
import { describeQuery, MAX_QUERY_LENGTH, parseQuery } from "../src/core/query/parse.js";
import { searchStoredJobs } from "../src/core/query/search.js";
import { bold, code, paragraph, reply } from "../src/core/reply.js";
import type { Command } from "./command.js";
import { examplesBlock } from "./examples.js";

/** What a stored query means, or undefined when it no longer parses (the language changed). */
function describedOrNot(stored: string): string | undefined {
  try {
    return describeQuery(parseQuery(stored));
  } catch {
    return undefined;
  }
}

export const subscribe: Command = {
  name: "subscribe",
  description: "Get an alert for every new job matching a query",
  argument: {
    name: "query",
    description: "What to look for, e.g. rust remote -php or title:senior salary>=120k",
    required: true,
    maxLength: MAX_QUERY_LENGTH,
  },
  access: "chat-admin",
  personal: true,
  async run({ args, chat, user, store, clock, settings }) {
    if (args.trim() === "") {
      return reply(
        paragraph("Tell me what to look for after ", code("/subscribe"), ". For example:"),
        examplesBlock("subscribe"),
      );
    }
    const query = parseQuery(args);
    const existing = await store.subscriptionsOf(chat);
    if (existing.length >= settings.maxSubscriptionsPerChat) {
      throw new UserError(
        `This chat has ${existing.length} subscriptions, the limit is ${settings.maxSubscriptionsPerChat}. Remove one with /unsubscribe first.`,
      );
    }
    const typed = args.trim();
    // The same query however it is spaced or capitalised: compare what the queries mean.
    const meaning = describeQuery(query);
    const duplicate = existing.find((s) => s.query === typed || describedOrNot(s.query) === meaning);
    if (duplicate) throw new UserError(`This chat already has that subscription (#${duplicate.id}).`);

    const subscription = await store.addSubscription({ chat, createdBy: user, query: typed, createdAt: clock.now() });
    const recent = (await searchStoredJobs(query, await store.recentJobs())).length;
    return reply(
      paragraph("Subscribed ", bold(`#${subscription.id}`), `: ${describeQuery(query)}.`),
      paragraph(
        `${recent} of the jobs seen in the last ${settings.retentionDays} days match it. You will get each new one once, as it appears. `,
        code(`/latest ${typed}`),
        " shows the recent ones.",
      ),
    );
  },
};
