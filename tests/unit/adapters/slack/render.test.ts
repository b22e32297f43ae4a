import { describe, expect, it } from "vitest";
import { truncateMrkdwn } from "../../../../src/adapters/slack/mrkdwn.js";
import { renderReply } from "../../../../src/adapters/slack/render.js";
import { code, list, paragraph, reply, type Reply } from "../../../../src/core/reply.js";
import { makeJob, T0 } from "../../../fakes/builders.js";
import { activeMentions, blockKitBreaches, visibleText } from "../../../fakes/slack-blocks.js";

const pagedJobs = (count: number): Reply => ({
  blocks: [
    paragraph("Newest jobs, page 1 of 2:"),
    { kind: "jobs", jobs: Array.from({ length: count }, (_, i) => makeJob({ title: `Job ${i}` })) },
  ],
  pager: { command: "latest", query: "rust <!channel>", page: 0, hasPrevious: false, hasNext: true },
});

describe("Slack replies as Block Kit", () => {
  it("keeps within 50 blocks, says how many jobs it left out, and keeps the Next button", () => {
    const message = renderReply(pagedJobs(80), T0);
    expect(blockKitBreaches(message.text, message.blocks)).toEqual([]);
    expect(message.blocks).toHaveLength(50);
    const seen = visibleText(message);
    expect(seen).toContain("…and 33 more");
    expect(message.blocks.at(-1)).toMatchObject({ type: "actions", elements: [{ action_id: "pager:next" }] });
  });

  it("carries the page and the query verbatim in the button's value", () => {
    const next = renderReply(pagedJobs(2), T0).blocks.at(-1);
    const value = next?.type === "actions" ? next.elements[0]?.value : undefined;
    expect(JSON.parse(value ?? "{}")).toEqual({ command: "latest", page: 1, query: "rust <!channel>" });
  });

  it("names commands as they are typed on Slack and escapes what people typed", () => {
    const message = renderReply(reply(paragraph("Try ", code("/latest rust"), " or /help, not <!here> & co")), T0);
    expect(visibleText(message)).toContain("Try `/jobhound latest rust` or /jobhound help, not <!here> & co");
    expect(activeMentions(message)).toEqual([]);
  });

  it("packs a long list into sections of at most 3,000 characters without cutting an item", () => {
    const items = Array.from({ length: 200 }, (_, i) => [`#${i} ${"rust remote ".repeat(5)}`]);
    const message = renderReply(reply(list(items)), T0);
    expect(blockKitBreaches(message.text, message.blocks)).toEqual([]);
    expect(message.blocks.length).toBeGreaterThan(1);
    const seen = visibleText(message);
    for (let i = 0; i < 200; i++) expect(seen).toContain(`#${i} rust`);
  });

  it("cuts mrkdwn without breaking an escape or a link", () => {
    expect(truncateMrkdwn("ab &amp; cd", 5)).toBe("ab …");
    expect(truncateMrkdwn("see <https://x.example|the job> now", 12)).toBe("see …");
  });
});
