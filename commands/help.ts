import { code, list, paragraph, reply, type Block } from "../src/core/reply.js";
import type { Command } from "./command.js";
import { examplesBlock } from "./examples.js";

function argumentHint({ argument }: Command): string {
  if (!argument) return "";
  return argument.required ? ` <${argument.name}>` : ` [${argument.name}]`;
}

/** The command list is passed in, so help and the registry cannot drift apart. */
export function helpBlocks(all: () => readonly Command[]): Block[] {
  return [
    paragraph("Commands:"),
    list(all().map((c) => [code(`/${c.name}${argumentHint(c)}`), ` — ${c.description}`])),
    paragraph(
      "Queries match whole words (",
      code("java"),
      " does not match JavaScript) in the title, company, location, category, tags, employment type and description. Fields: ",
      code("title:"),
      " ",
      code("company:"),
      " ",
      code("location:"),
      " ",
      code("tag:"),
      " ",
      code("source:"),
      " ",
      code("type:"),
      " ",
      code("level:"),
      " ",
      code("years>="),
      " ",
      code("closed:yes"),
      ". Examples:",
    ),
    examplesBlock("subscribe"),
  ];
}

export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: "help",
    description: "How Jobhound works, its commands and query examples",
    access: "anyone",
    async run() {
      return { ...reply(...helpBlocks(all)), ephemeral: true };
    },
  };
}

export function startCommand(all: () => readonly Command[]): Command {
  return {
    name: "start",
    description: "What Jobhound does, with examples",
    access: "anyone",
    async run({ sources }) {
      return reply(
        paragraph(
          `Hi! I watch ${sources.length} job ${sources.length === 1 ? "board feed" : "board feeds"} and send you each new job that matches your subscriptions, once, minutes after it appears.`,
        ),
        paragraph("Start with ", code("/subscribe rust remote"), ", or see what is there with ", code("/latest"), "."),
        ...helpBlocks(all),
      );
    },
  };
}
