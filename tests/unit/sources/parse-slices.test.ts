import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.js";
import type { Slices } from "../../../src/core/slices.js";
import { collectJobs, parseSlices } from "../../../src/sources/payload.js";
import { parseFeed } from "../../../src/sources/rss.js";
import { parseWeWorkRemotelyFeed } from "../../../src/sources/weworkremotely.js";
import { PayloadError } from "../../../src/sources/payload.js";
import { elementsAt, loadXml, MAX_XML_DEPTH } from "../../../src/sources/xml-document.js";
import { makeDraft } from "../../fakes/fake-source.js";
import { fixture } from "../../fixtures.js";

/** Slices that are always used up, counting the pauses the work makes. */
function countingSlices(): Slices & { pauses: number } {
  const slices = {
    pauses: 0,
    due: () => true,
    pause: async () => void (slices.pauses += 1),
  };
  return slices;
}

function bigFeed(items: number): string {
  const entries = Array.from(
    { length: items },
    (_, i) =>
      `<item><title>Acme: Go developer ${i}</title><link>https://weworkremotely.com/remote-jobs/go-${i}</link>` +
      `<pubDate>Mon, 07 Dec 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;Go ${i}&lt;/p&gt;</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>${entries.join("")}</channel></rss>`;
}

describe("parsing in slices (issue #14: a 10,000-item feed must not keep the bot deaf)", () => {
  it("pauses for the event loop between items once a slice is used up", async () => {
    const slices = countingSlices();
    const parsed = await collectJobs([1, 2, 3], () => makeDraft(), silentLogger, String, slices);
    expect(parsed.jobs).toHaveLength(3);
    expect(slices.pauses).toBe(3);
  });

  it("loads a large feed a chunk at a time, then reads its items one by one between pauses", async () => {
    const xml = bigFeed(3000);
    const slices = countingSlices();
    const { jobs } = await parseWeWorkRemotelyFeed(xml, silentLogger, slices);
    expect(jobs).toHaveLength(3000);
    expect(jobs[2999]).toMatchObject({ title: "Go developer 2999", description: "Go 2999" });
    // Over 300 KB of XML: several chunks, then one pause per item.
    expect(slices.pauses).toBeGreaterThan(3000 + 10);
  });

  it("builds the same document as loading the whole feed at once", async () => {
    for (const name of ["wwr-remote-jobs-2026.rss", "atom-rfc4287-example.atom"]) {
      const xml = fixture(name);
      const $ = await loadXml(xml, countingSlices());
      expect($.xml()).toBe(cheerio.load(xml, { xml: true }).xml());
    }
  });

  it("finds elements by their path below the root, and nothing deeper or elsewhere", async () => {
    const xml = `<rss><channel><item>a</item><x><item>nested</item></x><item>b</item></channel></rss><item>stray</item>`;
    const $ = await loadXml(xml, countingSlices());
    expect(elementsAt($, ["rss", "channel", "item"]).map((element) => $(element).text())).toEqual(["a", "b"]);
  });

  it("ends a parse at its next pause once the bot is shutting down", async () => {
    const stop = new AbortController();
    stop.abort(new Error("shutting down"));
    // 10,000 items take far longer than one 10 ms slice: the parse reaches a pause and stops there.
    await expect(parseFeed(bigFeed(10_000), silentLogger, parseSlices(stop.signal))).rejects.toThrow("shutting down");
  });

  it("refuses a feed nesting elements deeper than MAX_XML_DEPTH before parsing it (the parser is quadratic in depth)", async () => {
    const deep = `<rss><channel><item>${"<x>".repeat(100_000)}${"</x>".repeat(100_000)}</item></channel></rss>`;
    await expect(parseFeed(deep, silentLogger)).rejects.toThrow(
      new PayloadError(`the document nests elements more than ${MAX_XML_DEPTH} deep`),
    );
  });

  it("does not count markup inside CDATA sections and comments, nor self-closing tags, as nesting", async () => {
    const html = `<![CDATA[${"<ul><li>".repeat(MAX_XML_DEPTH)}deep]]><!--${"<x>".repeat(MAX_XML_DEPTH)}-->`;
    const xml =
      `<rss><channel><item><title>Engineer</title><link>https://jobs.example/1</link>` +
      `<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>${"<br/>".repeat(MAX_XML_DEPTH * 2)}` +
      `<description>${html}</description></item></channel></rss>`;
    const { jobs } = await parseFeed(xml, silentLogger);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.title).toBe("Engineer");
  });
});
