/** Real postings' text from the captured board payloads, so benches work on realistic sizes. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface Posting {
  title: string;
  company: string;
  tags: string[];
  description: string;
}

const FIXTURES = fileURLToPath(new URL("../tests/fixtures/sources/", import.meta.url));

function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

let cached: Posting[] | undefined;

/** RemoteOK and Remotive postings (about 300), descriptions as plain text. */
export function realPostings(): Posting[] {
  if (cached) return cached;
  const remoteok = JSON.parse(readFileSync(`${FIXTURES}remoteok-api-2024.json`, "utf8")) as Record<string, unknown>[];
  const remotive = JSON.parse(readFileSync(`${FIXTURES}remotive-api-2025.json`, "utf8")) as { jobs: Record<string, unknown>[] };
  const fromRemoteOk = remoteok.slice(1).map((j) => ({
    title: String(j.position ?? ""),
    company: String(j.company ?? ""),
    tags: (j.tags as string[] | undefined) ?? [],
    description: plain(String(j.description ?? "")),
  }));
  const fromRemotive = remotive.jobs.map((j) => ({
    title: String(j.title ?? ""),
    company: String(j.company_name ?? ""),
    tags: (j.tags as string[] | undefined) ?? [],
    description: plain(String(j.description ?? "")),
  }));
  cached = [...fromRemoteOk, ...fromRemotive].filter((p) => p.title && p.description);
  return cached;
}
