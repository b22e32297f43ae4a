/**
 * Jobs made from the real captured postings in tests/fixtures/sources (every board's payload),
 * normalised as the bot would store them. Boards whose source is not built yet are read here
 * directly, field by field; only what matching looks at is filled in.
 */
import { readFileSync } from "node:fs";
import * as cheerio from "cheerio";
import { normaliseJob, type Job, type JobDraft } from "../src/core/job.js";
import { silentLogger } from "../src/core/logger.js";
import { plainText } from "../src/sources/html-text.js";
import { parseWeWorkRemotelyFeed } from "../src/sources/weworkremotely.js";

const DIR = new URL("../tests/fixtures/sources/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DIR), "utf8").replace(/^\uFEFF/, "");
const json = (name: string) => JSON.parse(read(name));
const text = (html: string | null | undefined) => plainText(cheerio.load(html ?? ""));

type Fields = Pick<JobDraft, "title" | "company" | "location" | "tags" | "description" | "employmentType"> & {
  remote?: boolean;
};

// Parsing a feed is async (it pauses for the event loop): read both once, when the module loads.
const wwr = (
  await Promise.all(
    ["wwr-programming-2020.rss", "wwr-remote-jobs-2026.rss"].map((name) =>
      parseWeWorkRemotelyFeed(read(name), silentLogger),
    ),
  )
).flatMap((parsed) => parsed.jobs);

function drafts(): { source: string; fields: Fields }[] {
  return [
    ...wwr.map((d) => ({ source: "weworkremotely", fields: d })),
    ...json("remoteok-api-2024.json")
      .slice(1)
      .map((j: Record<string, string & string[]>) => ({
        source: "remoteok",
        fields: {
          title: j.position,
          company: j.company,
          location: j.location,
          tags: j.tags,
          description: text(j.description),
          remote: true,
        },
      })),
    ...json("remotive-api-2025.json").jobs.map((j: Record<string, string & string[]>) => ({
      source: "remotive",
      fields: {
        title: j.title,
        company: j.company_name,
        location: j.candidate_required_location,
        tags: j.tags,
        description: `${text(j.description)}\n${j.salary}`,
        employmentType: j.job_type,
        remote: true,
      },
    })),
    ...[...json("jobicy-api-2024.json").jobs, ...json("jobicy-jobs-only-2026.json")].map(
      (j: Record<string, string & string[]>) => ({
        source: "jobicy",
        fields: {
          title: j.jobTitle,
          company: j.companyName,
          location: j.jobGeo,
          tags: [j.jobIndustry].flat(),
          description: text(j.jobDescription),
          employmentType: [j.jobType].flat()[0],
          remote: true,
        },
      }),
    ),
    ...json("himalayas-api-2025.json").jobs.map((j: Record<string, string & string[]>) => ({
      source: "himalayas",
      fields: {
        title: j.title,
        company: j.companyName,
        location: [j.locationRestrictions].flat().join(", "),
        tags: j.categories,
        description: text(j.description),
        employmentType: j.employmentType,
        remote: true,
      },
    })),
    ...json("arbeitnow-data-only-2026.json").map((j: Record<string, string & string[] & boolean>) => ({
      source: "arbeitnow",
      fields: {
        title: j.title,
        company: j.company_name,
        location: j.location,
        tags: j.tags,
        description: text(j.description),
        remote: j.remote,
      },
    })),
  ];
}

/**
 * `count` jobs: posting i's title, company, place and tags over the description of another posting
 * (i·7+3), so repeated postings still differ, at the real postings' sizes.
 */
export function realJobs(count: number): Job[] {
  const postings = drafts().filter(({ fields }) => fields.title && fields.description);
  return Array.from({ length: count }, (_, i) => {
    const { source, fields } = postings[i % postings.length] as (typeof postings)[number];
    const other = postings[(i * 7 + 3) % postings.length] as (typeof postings)[number];
    const draft: JobDraft = {
      ...fields,
      id: `${source}:${i}`,
      source,
      url: `https://jobs.example.com/${i}`,
      postedAt: Date.UTC(2026, 0, 1),
      description: i < postings.length ? fields.description : other.fields.description,
    };
    return { ...normaliseJob(draft), firstSeenAt: draft.postedAt, seq: i + 1 };
  });
}
