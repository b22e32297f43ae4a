import { describe, expect, it } from "vitest";
import type { JobDraft } from "../../../src/core/job.js";
import { silentLogger } from "../../../src/core/logger.js";
import { PayloadError } from "../../../src/sources/payload.js";
import { parseRemoteOk, remoteOkSource } from "../../../src/sources/remoteok.js";
import { fakeHttp, ok } from "../../fakes/fake-http.js";
import { recordingLogger } from "../../fakes/recording-logger.js";
import { fixture } from "../../fixtures.js";

const payload = fixture("remoteok-api-2024.json");
const raw = JSON.parse(payload) as Record<string, unknown>[];

function job(jobs: JobDraft[], id: string): JobDraft {
  const found = jobs.find((candidate) => candidate.id === `remoteok:${id}`);
  if (!found) throw new Error(`no job ${id}`);
  return found;
}

describe("parseRemoteOk on the 2024 API response", async () => {
  const log = recordingLogger();
  const { jobs, skipped } = await parseRemoteOk(payload, log);

  it("skips the legal notice and reads the 98 postings but one empty one", () => {
    expect(jobs).toHaveLength(97);
    expect(skipped).toBe(1);
    expect(log.at("warn")).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ reason: "no position" }) }),
    ]);
  });

  it("reads every field of Mailgun's Senior Backend Golang Engineer posting", () => {
    const { description, ...fields } = job(jobs, "1059249");
    expect(fields).toEqual({
      id: "remoteok:1059249",
      source: "remoteok",
      url: "https://remoteok.com/remote-jobs/remote-senior-backend-golang-engineer-mailgun-send-mailgun-1059249",
      title: "Senior Backend Golang Engineer Mailgun Send",
      company: "Mailgun",
      location: "",
      remote: true,
      tags: ["golang", "senior", "golang", "engineer", "backend"],
      postedAt: Date.UTC(2024, 11, 3, 21, 15, 4),
      salary: { min: 70000, max: 110000, currency: "USD", period: "year" },
    });
    expect(description.startsWith("Remote - The Mailgun Sending Pipeline team at Sinch")).toBe(true);
  });

  it("links to the Remote OK job page (its terms), even when `url` is the employer's site", () => {
    for (const { url } of jobs) expect(url).toMatch(/^https:\/\/remoteok\.com\/remote-jobs\//);
    expect(raw.find((item) => item["id"] === "1059244")?.["url"]).toMatch(/^https:\/\/applicantai\.com\//);
    expect(job(jobs, "1059244").url).toBe("https://remoteok.com/remote-jobs/remote-software-engineer-jump-1059244");
  });

  it("removes the anti-spam 'mention the word' line from every description", () => {
    expect(raw.filter((item) => /Please mention the word/.test(String(item["description"])))).toHaveLength(98);
    for (const { description } of jobs)
      expect(description).not.toMatch(/mention the word|RMzguNjguMTM0LjE5NA|beta feature to avoid spam/);
  });

  it("decodes entities in titles and companies: CI&amp;T is CI&T", () => {
    expect(job(jobs, "1059247")).toMatchObject({
      company: "CI&T",
      title: "Job 19004 Junior Quality Assurance Engineer Brazil",
      location: "Campinas, SP",
    });
  });

  it("repairs UTF-8 read as Latin-1 in locations and descriptions", () => {
    expect(jobs.map((j) => j.location)).toContain("Florianópolis, Santa Catarina, Brazil");
    expect(jobs.map((j) => j.location)).toContain("Gothenburg, Västra Götaland, Sweden");
    const spaceback = jobs.find((j) => j.company === "Spaceback") as JobDraft;
    expect(spaceback.description).toContain("Spaceback’s platform allows advertisers");
    for (const { description, location } of jobs) expect(`${description} ${location}`).not.toMatch(/Ã|â\u0080/);
  });

  it("reads salary_min and salary_max of 0 as no salary", () => {
    const unknown = raw.filter((item) => item["salary_min"] === 0 && item["salary_max"] === 0 && item["position"]);
    expect(unknown.length).toBeGreaterThan(0);
    for (const item of unknown) expect(job(jobs, String(item["id"]))).not.toHaveProperty("salary");
  });

  it("takes the company logo when there is one", () => {
    expect(job(jobs, "1059247").logoUrl).toMatch(/^https:\/\/remoteok\.com\/assets\/img\/jobs\/a33f588b/);
    expect(job(jobs, "1059249")).not.toHaveProperty("logoUrl");
  });
});

describe("parseRemoteOk on format drift", () => {
  const base = raw[1] as Record<string, unknown>;
  const parse = async (item: Record<string, unknown>) =>
    (await parseRemoteOk(JSON.stringify([raw[0], { ...base, ...item }]), silentLogger)).jobs[0];

  it("reads epoch in milliseconds as well as seconds, and falls back to the ISO date", async () => {
    expect((await parse({ epoch: 1733260504000 }))?.postedAt).toBe(Date.UTC(2024, 11, 3, 21, 15, 4));
    expect((await parse({ epoch: undefined }))?.postedAt).toBe(Date.UTC(2024, 11, 3, 21, 15, 4));
  });

  it("reads salaries sent as strings, and a lone minimum", async () => {
    expect((await parse({ salary_min: "90000", salary_max: "120,000" }))?.salary).toEqual({
      min: 90000,
      max: 120000,
      currency: "USD",
      period: "year",
    });
    expect((await parse({ salary_min: 90000, salary_max: 0 }))?.salary).toEqual({
      min: 90000,
      currency: "USD",
      period: "year",
    });
  });

  it("reads a response without the legal notice", async () => {
    expect((await parseRemoteOk(JSON.stringify([base]), silentLogger)).jobs).toHaveLength(1);
  });
});

describe("parseRemoteOk on malformed payloads", () => {
  it.each([
    ["an object", '{"error":"rate limited"}', "not the Remote OK job list: got an object"],
    ["truncated JSON", payload.slice(0, 5000), "truncated JSON (the response ended early)"],
    ["an HTML page", "<!DOCTYPE html><html><body>Down for maintenance</body></html>", "not JSON: got an HTML page"],
  ])("fails with a short reason on %s", async (_, body, message) => {
    await expect(parseRemoteOk(body, silentLogger)).rejects.toThrow(new PayloadError(message));
  });

  it("skips an item it cannot read and keeps the rest", async () => {
    const { jobs, skipped } = await parseRemoteOk(
      JSON.stringify([raw[0], "nonsense", { ...raw[1], position: "  " }, raw[2]]),
      silentLogger,
    );
    expect(jobs.map((j) => j.id)).toEqual([`remoteok:${String((raw[2] as Record<string, unknown>)["id"])}`]);
    expect(skipped).toBe(2);
  });
});

describe("remoteOkSource", () => {
  it("fetches the API with validators and fails on a list with no jobs at all", async () => {
    const http = fakeHttp(() => ok(JSON.stringify([raw[0]])));
    const source = remoteOkSource({ http, minIntervalMs: 0 });
    await expect(source.fetch({ etag: '"a"' }, silentLogger)).rejects.toThrow("the board listed no jobs at all");
    expect(http.requests[0]).toMatchObject({
      url: "https://remoteok.com/api",
      options: { etag: '"a"', sourceId: "remoteok" },
    });
    expect(source).toMatchObject({ id: "remoteok", kind: "remoteok", host: "remoteok.com" });
  });

  it("is a separate source, with its own id, at another endpoint", () => {
    expect(
      remoteOkSource({ url: "http://127.0.0.1:8080/remoteok", http: fakeHttp(() => ok("")), minIntervalMs: 0 }),
    ).toMatchObject({ id: "remoteok:127.0.0.1:8080/remoteok", host: "127.0.0.1" });
  });
});
