/**
 * We Work Remotely: one RSS feed per category. Each <item> carries "Company: Job title", the
 * region and (since about 2024) country, state, skills, type and expires_at. The description is
 * entity-escaped HTML: the XML parser decodes it once into HTML, which is then loaded as HTML to
 * lift out the "Headquarters / URL" header and the closing "To apply" link, neither of which is part
 * of the posting itself. The URL becomes companyUrl; Job has no field for the headquarters, so it
 * opens the description as one plain line, where matching and readers still find it.
 */
import type * as cheerio from "cheerio";
import type { Cheerio, CheerioAPI } from "cheerio";
import type { JobDraft } from "../core/job.js";
import { cleanText } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { ACCEPT_FEED, endpointSource } from "./endpoint-source.js";
import type { HttpClient } from "./http.js";
import { loadHtml, plainText } from "./html-text.js";
import { collectJobs, describeUnexpected, parseSlices, PayloadError, type ParsedJobs } from "./payload.js";
import { elementsAt, loadXml } from "./xml-document.js";

/** cheerio's node type, named through cheerio rather than its undeclared dependency domhandler. */
type AnyNode = Parameters<typeof cheerio.contains>[0];

const KIND = "weworkremotely";
const BOARD = "We Work Remotely";
const BOARD_HOST = "weworkremotely.com";
const FEED_BASE = `https://${BOARD_HOST}/categories/`;

/** What plain `weworkremotely` in SOURCES watches: the programming categories. */
export const WWR_PROGRAMMING_FEEDS: readonly string[] = [
  "remote-back-end-programming-jobs",
  "remote-front-end-programming-jobs",
  "remote-full-stack-programming-jobs",
  "remote-devops-sysadmin-jobs",
].map((slug) => `${FEED_BASE}${slug}.rss`);

/** Category names as the board shows them, for source labels. */
const CATEGORY_NAMES: Readonly<Record<string, string>> = {
  "remote-back-end-programming-jobs": "Back-End Programming",
  "remote-front-end-programming-jobs": "Front-End Programming",
  "remote-full-stack-programming-jobs": "Full-Stack Programming",
  "remote-devops-sysadmin-jobs": "DevOps and Sysadmin",
  "remote-programming-jobs": "Programming",
  "remote-design-jobs": "Design",
  "remote-product-jobs": "Product",
  "remote-customer-support-jobs": "Customer Support",
  "remote-sales-and-marketing-jobs": "Sales and Marketing",
  "remote-management-and-finance-jobs": "Management and Finance",
  "all-other-remote-jobs": "All Other Remote",
  "remote-jobs": "All jobs",
};

export interface WeWorkRemotelyOptions {
  url: string;
  http: HttpClient;
  minIntervalMs: number;
  /**
   * Overrides the id suffix, which is otherwise the feed's file name ("remote-devops-sysadmin-jobs"),
   * after its host when that is not the board's own (two mirrors may serve files of one name).
   */
  slug?: string;
}

export function weWorkRemotelySource({ url, http, minIntervalMs, slug }: WeWorkRemotelyOptions): JobSource {
  const file = feedSlug(url);
  const label = `${BOARD} · ${CATEGORY_NAMES[slug ?? file] ?? slug ?? file}`;
  const host = new URL(url).host.toLowerCase();
  const suffix = slug ?? (host.replace(/^www\./, "") === BOARD_HOST ? file : `${host}/${file}`);
  return endpointSource({
    id: `${KIND}:${suffix}`,
    kind: KIND,
    label,
    url,
    http,
    minIntervalMs,
    accept: ACCEPT_FEED,
    emptyIsBroken: true,
    parse: parseWeWorkRemotelyFeed,
  });
}

/** Parses a feed; an item that cannot be used is logged and counted, the rest still count. */
export async function parseWeWorkRemotelyFeed(
  xml: string,
  log: Logger,
  slices: Slices = parseSlices(),
): Promise<ParsedJobs> {
  const $ = await loadXml(xml, slices);
  if (elementsAt($, ["rss", "channel"]).length === 0)
    throw new PayloadError(`not an RSS feed: ${describeNonFeed($, xml)}`);
  return collectJobs(
    elementsAt($, ["rss", "channel", "item"]),
    (element) => parseItem($(element)),
    log,
    (element, index) => field($(element), "title") || `item ${index + 1}`,
    slices,
  );
}

function parseItem(item: Cheerio<AnyNode>): JobDraft | string {
  const heading = field(item, "title");
  if (!heading) return "no title";
  const { company, title } = splitHeading(heading);
  if (!title) return "no job title after the company name";

  const url = field(item, "link") || field(item, "guid");
  const slug = jobSlug(url);
  if (!slug) return `no usable job link (${url || "missing"})`;

  const pubDate = field(item, "pubDate");
  const postedAt = Date.parse(pubDate);
  if (Number.isNaN(postedAt)) return `bad pubDate "${pubDate}"`;

  // Raw text, not field(): whitespace in the HTML is for plainText to judge.
  const description = parseDescription(item.children("description").first().text());
  const headquarters = description.headquarters ? `Headquarters: ${description.headquarters}\n\n` : "";
  const job: JobDraft = {
    id: `${KIND}:${slug}`,
    source: KIND,
    url,
    title,
    company,
    location: joinLocation(field(item, "region"), field(item, "state"), field(item, "country")),
    remote: true, // the board lists remote jobs only; region says where from
    tags: splitSkills(field(item, "skills")),
    postedAt,
    description: headquarters + description.text,
  };
  const optional = {
    companyUrl: description.companyUrl,
    logoUrl: item.children("media\\:content").attr("url") || description.logoUrl,
    category: field(item, "category") || undefined,
    employmentType: field(item, "type") || undefined,
    expiresAt: validDate(field(item, "expires_at")),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(job, { [key]: value });
  }
  return job;
}

/**
 * "Company: Job title", split on the first ": " because titles may hold colons of their own. No
 * company stays empty: normalisation names it and keeps such postings apart (job.ts).
 */
function splitHeading(heading: string): { company: string; title: string } {
  const colon = heading.indexOf(": ");
  if (colon === -1) return { company: "", title: heading };
  return { company: heading.slice(0, colon).trim(), title: heading.slice(colon + 2).trim() };
}

interface Description {
  text: string;
  headquarters?: string;
  companyUrl?: string;
  logoUrl?: string;
}

function parseDescription(html: string): Description {
  const $ = loadHtml(html);
  const logoUrl = $("img").first().attr("src");
  $("img").remove();

  const header = paragraphStartingWith($, "Headquarters:");
  const headquarters = header.length
    ? /Headquarters:\s*(.*?)\s*(?:URL:|$)/.exec(cleanText(header.text()))?.[1]
    : undefined;
  const companyUrl = header.find("a[href]").attr("href");
  header.remove();
  paragraphStartingWith($, "To apply:").last().remove();

  return { text: plainText($), headquarters: headquarters || undefined, companyUrl, logoUrl };
}

/** The <p> elements whose bold lead-in is `label` ("Headquarters:", "To apply:"). */
function paragraphStartingWith($: CheerioAPI, label: string) {
  // The children are looked at directly: a selector per paragraph costs too much on 8,000 of them.
  return $("p").filter((_, p) => {
    const strong = p.children.find((child) => "name" in child && child.name === "strong");
    return strong !== undefined && $(strong).text().trim() === label;
  });
}

/** Region as the board words it, then state and country when they add something. */
function joinLocation(region: string, ...details: string[]): string {
  let location = region;
  for (const detail of details) {
    if (!detail || location.toLowerCase().includes(detail.toLowerCase())) continue;
    location = location ? `${location}, ${detail}` : detail;
  }
  return location;
}

/** "A, B, and C" → [A, B, C]. Commas only: "Monitoring and Analytics" is one skill. */
function splitSkills(skills: string): string[] {
  return skills
    .split(",")
    .map((skill) => skill.trim().replace(/^and\s+/i, ""))
    .filter(Boolean);
}

/** The job page's last path segment, which is the board's stable slug for the posting. */
function jobSlug(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).pathname.split("/").filter(Boolean).pop();
  } catch {
    return undefined;
  }
}

/** The feed's file name without ".rss": ".../categories/remote-devops-sysadmin-jobs.rss" → "remote-devops-sysadmin-jobs". */
function feedSlug(url: string): string {
  const parsed = new URL(url);
  const last = parsed.pathname.split("/").filter(Boolean).pop();
  return last ? last.replace(/\.(rss|xml)$/i, "") : parsed.hostname;
}

/** Why a payload is not a feed, in a few words: usually a block page served in its place. */
function describeNonFeed($: CheerioAPI, payload: string): string {
  const described = describeUnexpected(payload);
  if (described !== "got an XML document" && described !== "got plain text") return described;
  const root = $.root().children().get(0)?.tagName;
  // htmlparser2 is lenient and names elements after garbage too ("<<>>"), hence the name check.
  return root && /^[a-z][\w:.-]*$/i.test(root) ? `got a <${root}> document` : "got something that is not XML";
}

function field(item: Cheerio<AnyNode>, tag: string): string {
  return cleanText(item.children(tag).first().text());
}

function validDate(text: string): number | undefined {
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}
