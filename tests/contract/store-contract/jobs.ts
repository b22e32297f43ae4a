/** The store contract: reading jobs, recognising the same posting, capping, and record safety. */
import { expect, it } from "vitest";
import { makeCommit, makeJob } from "../../fakes/builders.js";
import { storeJobs, type OpenStore } from "./fixture.js";

const LIMIT = 16_384;

export function jobContract(open: OpenStore): void {
  it("starts empty, with lastSeq 0", async () => {
    const store = await open();
    expect(await store.lastSeq()).toBe(0);
    expect(await store.recentJobs()).toEqual([]);
    expect(await store.getJob("test:1")).toBeUndefined();
  });

  it("returns a stored job by id", async () => {
    const store = await open();
    const job = makeJob({ salary: { min: 100_000, currency: "USD", period: "year" } });
    await storeJobs(store, job);
    expect(await store.getJob(job.id)).toEqual(job);
  });

  it("lists jobs newest first, across cycles", async () => {
    const store = await open();
    const [a, b, c] = [makeJob(), makeJob(), makeJob()];
    await storeJobs(store, a, b);
    await storeJobs(store, c);
    expect((await store.recentJobs()).map((j) => j.id)).toEqual([c.id, b.id, a.id]);
  });

  it("recognises the same posting by id", async () => {
    const store = await open();
    const job = makeJob();
    await storeJobs(store, job);
    const probe = { id: job.id, fingerprint: "other|thing", url: "https://elsewhere.example/1" };
    expect(await store.findSameJob(probe)).toEqual(job);
  });

  it("recognises the same posting on another board by fingerprint", async () => {
    const store = await open();
    const job = makeJob({ id: "weworkremotely:acme-rust", title: "Rust Engineer" });
    await storeJobs(store, job);
    const probe = makeJob({ id: "remoteok:123", title: "Rust Engineer", url: "https://remoteok.com/123" });
    expect(await store.findSameJob(probe)).toEqual(job);
  });

  it.each([
    ["with www.", "https://www.boards.example.com/acme/jobs/42"],
    ["with a trailing slash", "https://boards.example.com/acme/jobs/42/"],
    ["with tracking parameters", "https://boards.example.com/acme/jobs/42?utm_source=x&utm_medium=rss&ref=feed"],
    ["with another scheme and case", "HTTP://Boards.Example.com/acme/jobs/42#apply"],
  ])("recognises the same posting by its URL %s", async (_variant, url) => {
    const store = await open();
    const job = makeJob({ url: "https://boards.example.com/acme/jobs/42" });
    await storeJobs(store, job);
    expect(await store.findSameJob({ id: "other:1", fingerprint: "other|title", url })).toEqual(job);
  });

  it("finds nothing for a new posting", async () => {
    const store = await open();
    await storeJobs(store, makeJob({ url: "https://boards.example.com/jobs/42?id=1" }));
    const probe = makeJob({ url: "https://boards.example.com/jobs/42?id=2" });
    expect(await store.findSameJob(probe)).toBeUndefined();
  });

  it("keeps descriptions up to 16 KB whole", async () => {
    const store = await open();
    const job = makeJob({ description: "word ".repeat(LIMIT / 5 - 1) + "last" });
    expect(job.description.length).toBeLessThanOrEqual(LIMIT);
    await storeJobs(store, job);
    expect((await store.getJob(job.id))?.description).toBe(job.description);
  });

  it("caps a longer description at 16 KB on a word boundary, ending with …", async () => {
    const store = await open();
    const job = makeJob({ description: "lorem ipsum ".repeat(3000) });
    await storeJobs(store, job);
    const stored = (await store.getJob(job.id))?.description ?? "";
    expect(stored.length).toBeLessThanOrEqual(LIMIT);
    expect(stored.length).toBeGreaterThan(LIMIT - 20);
    expect(stored).toMatch(/(lorem|ipsum)…$/);
    expect(job.description.startsWith(stored.slice(0, -1))).toBe(true);
  });

  it("caps updated jobs too", async () => {
    const store = await open();
    const job = makeJob();
    await storeJobs(store, job);
    await store.commitCycle(makeCommit({ updatedJobs: [{ ...job, description: "x ".repeat(LIMIT) }] }));
    expect((await store.getJob(job.id))?.description.length).toBeLessThanOrEqual(LIMIT);
  });

  it("is not changed by editing a job after storing it", async () => {
    const store = await open();
    const job = makeJob({ title: "Rust Engineer" });
    await storeJobs(store, job);
    job.title = "Edited";
    job.tags.push("edited");
    expect(await store.getJob(job.id)).toMatchObject({ title: "Rust Engineer", tags: ["typescript"] });
  });

  it("is not changed by editing what it returned", async () => {
    const store = await open();
    const job = makeJob({ title: "Rust Engineer" });
    await storeJobs(store, job);
    const returned = (await store.recentJobs())[0];
    const edits = [() => void (returned && (returned.title = "Edited")), () => void returned?.tags.push("edited")];
    for (const edit of edits) {
      try {
        edit();
      } catch {
        // Refusing the edit (a frozen record) is as good as ignoring it (a copy).
      }
    }
    (await store.recentJobs()).pop();
    expect(await store.getJob(job.id)).toMatchObject({ title: "Rust Engineer", tags: ["typescript"] });
    expect(await store.recentJobs()).toHaveLength(1);
  });
}
