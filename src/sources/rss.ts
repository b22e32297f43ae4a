/**
 * Any RSS 2.0 or Atom feed (`rss=<URL>`), for boards Jobhound has no kind for. A feed says nothing
 * about companies, salaries or remoteness in a standard way, so a job gets what a feed has: title,
 * link, date, categories as tags, and the content as description. Its company is left unknown (the
 * job is then recognised across boards by its link, not by title), and it counts as remote when its
 * title or categories say "remote".
 */
import type * as cheerio from "cheerio";
import type { Cheerio, CheerioAPI } from "cheerio";
import type { JobDraft } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { ACCEPT_FEED, endpointSource } from "./endpoint-source.js";
import { dateMs, displayText, httpUrl } from "./field-values.js";
import { htmlText } from "./html-text.js";
import type { HttpClient } from "./http.js";
import { collectJobs, describeUnexpected, parseSlices, PayloadError, type ParsedJobs } from "./payload.js";
import { elementsAt, loadXml } from "./xml-document.js";

type AnyNode = Parameters<typeof cheerio.contains>[0];

const KIND = "rss";

export function rssSource({
  url,
  http,
  minIntervalMs,
}: {
  url: string;
  http: HttpClient;
  minIntervalMs: number;
}): JobSource {
  const parsed = new URL(url);
  const where = `${parsed.host}${parsed.pathname.replace(/\/+$/, "")}${parsed.search}`;
  return endpointSource({
    id: `${KIND}:${where}`,
    kind: KIND,
    label: `Feed · ${where}`,
    url,
    http,
    minIntervalMs,
    accept: ACCEPT_FEED,
    emptyIsBroken: false,
    parse: parseFeed,
  });
}

export async function parseFeed(xml: string, log: Logger, slices: Slices = parseSlices()): Promise<ParsedJobs> {
  const $ = await loadXml(xml.replace(/^\uFEFF/, ""), slices);
  if (elementsAt($, ["rss", "channel"]).length > 0)
    return collectJobs(
      elementsAt($, ["rss", "channel", "item"]),
      (element) => rssItem($, $(element)),
      log,
      (element, index) => field($(element), "title") || `item ${index + 1}`,
      slices,
    );
  if (elementsAt($, ["feed"]).length > 0)
    return collectJobs(
      elementsAt($, ["feed", "entry"]),
      (element) => atomEntry($, $(element)),
      log,
      (element, index) => field($(element), "title") || `entry ${index + 1}`,
      slices,
    );
  throw new PayloadError(`not an RSS or Atom feed: ${describeUnexpected(xml)}`);
}

function rssItem($: CheerioAPI, item: Cheerio<AnyNode>): JobDraft | string {
  const url = httpUrl(field(item, "link")) ?? httpUrl(field(item, "guid"));
  const date = field(item, "pubDate") || field(item, "dc\\:date");
  const html = item.children("content\\:encoded").first().text() || item.children("description").first().text();
  const tags = item
    .children("category")
    .toArray()
    .map((category) => displayText($(category).text()));
  return draft({ key: field(item, "guid") || url, url, title: field(item, "title"), date, html, tags });
}

function atomEntry($: CheerioAPI, entry: Cheerio<AnyNode>): JobDraft | string {
  const links = entry
    .children("link")
    .toArray()
    .map((link) => $(link));
  const alternate = links.find((link) => (link.attr("rel") ?? "alternate") === "alternate") ?? links[0];
  const url = httpUrl(alternate?.attr("href"));
  const content = entry.children("content").first();
  const body = content.length > 0 ? content : entry.children("summary").first();
  // type="xhtml" content is markup inside the element; "html" is escaped markup; "text" is text.
  const html = body.attr("type") === "xhtml" ? (body.html() ?? "") : body.text();
  const tags = entry
    .children("category")
    .toArray()
    .map((category) => displayText($(category).attr("term") ?? $(category).text()));
  return draft({
    key: field(entry, "id") || url,
    url,
    title: field(entry, "title"),
    date: field(entry, "published") || field(entry, "updated"),
    html,
    tags,
  });
}

function draft({
  key,
  url,
  title,
  date,
  html,
  tags,
}: {
  key: string | undefined;
  url: string | undefined;
  title: string;
  date: string;
  html: string;
  tags: string[];
}): JobDraft | string {
  const postedAt = dateMs(date);
  if (!title) return "no title";
  if (!url || !key) return "no http(s) link";
  if (postedAt === undefined) return `no valid date ("${date}")`;
  // A guid that is not a URI ("1234", where Atom ids and URLs are "tag:…", "urn:…", "https:…") is
  // only unique within its feed: qualify it with the job's site, so two feeds cannot collide.
  const qualified = /^[a-z][a-z\d+.-]*:/i.test(key) ? key : `${new URL(url).host}:${key}`;
  return {
    id: `${KIND}:${qualified}`,
    source: KIND,
    url,
    title: displayText(title),
    company: "",
    remote: /\bremote\b/i.test([title, ...tags].join(" ")),
    tags: tags.filter(Boolean),
    postedAt,
    description: htmlText(html),
  };
}

function field(element: Cheerio<AnyNode>, tag: string): string {
  return element.children(tag).first().text().trim();
}
