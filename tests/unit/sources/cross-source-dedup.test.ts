/**
 * The same job on We Work Remotely and on Remote OK, as each board really words it (WWR keeps the
 * title's punctuation, Remote OK strips it and adds "Inc."-less company names), read by the real
 * parsers and announced once.
 */
import { describe, expect, it } from "vitest";
import { alertCycle } from "../../../src/core/alert-cycle.js";
import { silentLogger } from "../../../src/core/logger.js";
import { naiveMatcher } from "../../../src/core/query/matcher.js";
import { deliveryEngine } from "../../../src/delivery/dispatcher.js";
import { remoteOkSource } from "../../../src/sources/remoteok.js";
import { weWorkRemotelySource } from "../../../src/sources/weworkremotely.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { fakeHttp, ok } from "../../fakes/fake-http.js";
import { manualTime } from "../../fakes/manual-time.js";
import { recordingTransport } from "../../fakes/recording-transport.js";
import { fixture } from "../../fixtures.js";

const remoteOkItems = JSON.parse(fixture("remoteok-api-2024.json")) as Record<string, unknown>[];
const teleportOnRemoteOk = remoteOkItems.find((item) => item["id"] === "1057874") as Record<string, unknown>;
const otherOnRemoteOk = remoteOkItems[1] as Record<string, unknown>;

const wwrFeed = (...items: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss"><channel><title>We Work Remotely</title>${items.join("")}</channel></rss>`;
const wwrItem = (slug: string, heading: string, description: string) =>
  `<item><title>${heading}</title><region>Anywhere in the World</region><category>Full-Stack Programming</category><type>Full-Time</type>` +
  `<description>${description}</description><pubDate>Tue, 26 Nov 2024 18:02:11 +0000</pubDate>` +
  `<guid>https://weworkremotely.com/remote-jobs/${slug}</guid><link>https://weworkremotely.com/remote-jobs/${slug}</link></item>`;
const TELEPORT_ON_WWR = wwrItem(
  "teleport-senior-full-stack-engineer-machine-id-united-kingdom",
  "Teleport: Senior Full-Stack Engineer, Machine ID (United Kingdom)",
  "&lt;p&gt;&lt;strong&gt;Headquarters:&lt;/strong&gt; Oakland, CA &lt;br /&gt;&lt;strong&gt;URL:&lt;/strong&gt; &lt;a href=&quot;https://goteleport.com&quot;&gt;https://goteleport.com&lt;/a&gt;&lt;/p&gt;&lt;p&gt;We help companies stay secure while moving fast.&lt;/p&gt;",
);
const OTHER_ON_WWR = wwrItem("acme-designer", "Acme: Product Designer", "&lt;p&gt;Design things.&lt;/p&gt;");

function boards(order: "wwr first" | "remoteok first") {
  let wwrBody = wwrFeed(OTHER_ON_WWR);
  let remoteOkBody = JSON.stringify([remoteOkItems[0], otherOnRemoteOk]);
  const wwr = weWorkRemotelySource({
    url: "https://weworkremotely.com/categories/remote-full-stack-programming-jobs.rss",
    minIntervalMs: 0,
    http: fakeHttp(() => ok(wwrBody)),
  });
  const remoteOk = remoteOkSource({ minIntervalMs: 0, http: fakeHttp(() => ok(remoteOkBody)) });
  return {
    sources: order === "wwr first" ? [wwr, remoteOk] : [remoteOk, wwr],
    postTeleport() {
      wwrBody = wwrFeed(OTHER_ON_WWR, TELEPORT_ON_WWR);
      remoteOkBody = JSON.stringify([remoteOkItems[0], teleportOnRemoteOk, otherOnRemoteOk]);
    },
  };
}

describe("the same job on We Work Remotely and Remote OK", () => {
  it.each(["wwr first", "remoteok first"] as const)(
    "is announced once (%s), and the second sighting fills in what the first lacked",
    async (order) => {
      const store = memoryStore();
      // The day after the captured postings: older ones are not announced (MAX_JOB_AGE_DAYS).
      const clock = manualTime(Date.UTC(2024, 10, 27));
      const transport = recordingTransport("telegram");
      const board = boards(order);
      // Parallel fetches would race; run the boards one after another, in the order under test.
      const sources = board.sources.map((source) => ({ ...source, host: "one-at-a-time" }));
      const cycle = alertCycle({ store, sources, createMatcher: naiveMatcher, clock, log: silentLogger });
      const delivery = deliveryEngine({ store, transports: [transport], clock, timers: clock, log: silentLogger });
      const deliver = async () => {
        await delivery.wake();
        await clock.runAll();
      };

      await cycle.run();
      await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "engineer", createdAt: clock.now() });
      board.postTeleport();
      await clock.advance(10 * 60_000);
      await cycle.run();
      await deliver();
      await clock.advance(10 * 60_000);
      await cycle.run();
      await deliver();

      const sent = transport.jobIdsSentTo("telegram:1");
      expect(sent).toHaveLength(1);
      const teleport = (await store.recentJobs()).filter((job) => job.company.startsWith("Teleport"));
      expect(teleport).toHaveLength(1);
      const [job] = teleport;
      if (order === "wwr first") {
        expect(sent).toEqual(["weworkremotely:teleport-senior-full-stack-engineer-machine-id-united-kingdom"]);
        expect(job).toMatchObject({
          url: "https://weworkremotely.com/remote-jobs/teleport-senior-full-stack-engineer-machine-id-united-kingdom",
          salary: { min: 60000, max: 105000, currency: "USD", period: "year" },
          logoUrl: expect.stringContaining("remoteok.com"),
        });
      } else {
        expect(sent).toEqual(["remoteok:1057874"]);
        expect(job).toMatchObject({
          url: expect.stringContaining("remoteok.com/remote-jobs/"),
          companyUrl: "https://goteleport.com",
          employmentType: "Full-Time",
          category: "Full-Stack Programming",
        });
      }
    },
  );
});
