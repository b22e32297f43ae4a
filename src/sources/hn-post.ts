/**
 * One top-level comment of a Hacker News "Who is hiring?" thread, as a job. By convention the
 * first line reads `Company | Role | Location | REMOTE | Salary | URL`, though the order of the
 * parts after the company varies and older threads (2011) have no pipes at all. Each part is
 * recognised by what it looks like; what is left is the role, then the location.
 */
import type { JobDraft, Salary } from "../core/job.js";
import { parseSalaryText } from "../core/salary.js";

export interface FirstLine {
  company: string;
  title: string;
  location: string;
  remote: boolean;
  salary?: Salary;
  employmentType?: string;
  companyUrl?: string;
  tags: string[];
}

const REMOTE = /\bremote\b/i;
const NOT_REMOTE = /\b(no|not)\s+remote\b|\bremote:?\s*no\b|\bonsite\s+only\b/i;
const EMPLOYMENT =
  /^(full[\s-]?time|part[\s-]?time|contract(or)?|freelance|intern(ship)?s?|temporary|permanent)([\s,/&+]+(full[\s-]?time|part[\s-]?time|contract(or)?|freelance|intern(ship)?s?|temporary|permanent))*$/i;
const WORKPLACE = /^(remote|onsite|on-site|hybrid|in[\s-]office)\b/i;
const URL_PART =
  /^(https?:\/\/\S+|www\.\S+|[\w-]+(\.[\w-]+)*\.(com|io|ai|co|dev|org|net|app|tech|xyz|so|sh)(\/\S*)?)$/i;
const ROLE =
  /\b(engineers?|developers?|programmers?|designers?|managers?|scientists?|architects?|analysts?|sre|devops|lead|head|director|cto|vp|founding|staff|principal|researchers?|specialists?|consultants?|administrators?|writers?|marketers?|recruiters?|product|intern|qa|tester|ml|data|frontend|backend|full[\s-]?stack|mobile|ios|android|security)\b/i;
const MAX_TITLE = 120;

/** Reads the first line; undefined when it does not follow the pipe convention. */
export function parseFirstLine(line: string): FirstLine | undefined {
  const parts = line
    .split("|")
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length < 3) return undefined;
  const [company, ...rest] = parts as [string, ...string[]];
  const result: FirstLine = {
    company,
    title: "",
    location: "",
    remote: REMOTE.test(line) && !NOT_REMOTE.test(line),
    tags: [],
  };
  const unclaimed: string[] = [];
  for (const part of rest) {
    const salary = /\d/.test(part) ? parseSalaryText(part) : undefined;
    if (salary && !result.salary) result.salary = salary;
    else if (URL_PART.test(part) && !result.companyUrl)
      result.companyUrl = /^https?:/i.test(part) ? part : `https://${part}`;
    else if (EMPLOYMENT.test(part) && !result.employmentType) result.employmentType = part;
    else if (/^(visa|visa sponsorship|h-?1b)\b/i.test(part)) result.tags.push("visa");
    else if (WORKPLACE.test(part) && !/,/.test(part)) result.tags.push(part.replace(/\s*\(.*\)$/, "").toLowerCase());
    else unclaimed.push(part);
  }
  const role = unclaimed.find((part) => ROLE.test(part)) ?? unclaimed[0] ?? "";
  result.title = shorten(role);
  result.location = unclaimed.find((part) => part !== role) ?? rest.find((part) => WORKPLACE.test(part)) ?? "";
  return result.title ? result : undefined;
}

function isRemote(line: string): boolean {
  return REMOTE.test(line) && !NOT_REMOTE.test(line);
}

function shorten(textValue: string): string {
  if (textValue.length <= MAX_TITLE) return textValue;
  const cut = textValue.slice(0, MAX_TITLE - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > MAX_TITLE / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

type OpeningFields = Pick<
  JobDraft,
  "title" | "company" | "location" | "remote" | "tags" | "salary" | "employmentType" | "companyUrl"
>;

/**
 * The draft fields a post's opening lines give, for hackernews.ts to complete. Without the pipe
 * convention (older threads) a post often opens with a bare place ("San Francisco, CA"): that is
 * the location, and the next line naming a role is the better title. The company stays unknown.
 */
export function fieldsFromOpening(lines: readonly string[]): OpeningFields {
  const [first = "", ...next] = lines;
  const parsed = parseFirstLine(first);
  if (!parsed) {
    const placeOnly = first.length <= 60 && !ROLE.test(first) && next.length > 0;
    const title = placeOnly ? (next.slice(0, 2).find((line) => ROLE.test(line)) ?? next[0] ?? first) : first;
    return {
      title: shorten(title),
      company: "",
      location: placeOnly ? first : "",
      remote: isRemote(placeOnly ? `${first} ${title}` : first),
      tags: [],
    };
  }
  const { company, title, location, remote, tags, salary, employmentType, companyUrl } = parsed;
  return {
    company,
    title,
    location,
    remote,
    tags,
    ...(salary && { salary }),
    ...(employmentType && { employmentType }),
    ...(companyUrl && { companyUrl }),
  };
}
