/**
 * A job's seniority (issue #18): the `level:` field and the level alerts show. The title decides
 * when it says anything ("Sr.", "Staff", "Head of", "Engineer III"); when it says nothing, the
 * experience the description asks for does ("5+ years of experience": senior). The rules were
 * checked against titles from the boards' captured payloads, labelled by hand
 * (tests/unit/core/seniority-titles.ts).
 */
import { foldCase } from "./query/tokenize.js";

export const LEVELS = ["intern", "junior", "mid", "senior", "lead", "staff", "principal", "manager"] as const;
export type Level = (typeof LEVELS)[number];

/** Experience above this is counted as this much: `years>=` and `years<=` take values up to it. */
export const MAX_YEARS = 15;

/**
 * Checked in this order, the first that matches wins: "Senior Staff Engineer" is staff, "Lead
 * Engineer II" lead, "Senior Engineering Manager" manager. A manager level is for managing
 * people; a product, project or account manager is a role, whose level its other words give.
 */
const TITLE_RULES: readonly [Level, RegExp][] = [
  [
    "intern",
    /\b(intern|interns|internship|trainee|apprentice|apprenticeship|werkstudent|praktikum|praktikant|working student)\b/,
  ],
  [
    "manager",
    /\b(head of|directors?|vp|vice president|chief|cto|ceo|cfo|coo|senior managers?|(development|software|engineering|people|team|it) managers?|manager of)\b/,
  ],
  ["principal", /\b(principal|distinguished)\b/],
  [
    "staff",
    /\bstaff (engineer|software|developer|data|machine|ml|backend|frontend|full|product|security|site|platform|infrastructure|designer|scientist|analyst)/,
  ],
  [
    "lead",
    /\b(lead|leads|tech lead|team lead|teamlead|leader)\b(?! (generation|gen|qualification|developer relations))/,
  ],
  ["senior", /\b(senior|sr|snr|iii|iv|level 3|l3|engineer 3|developer 3|experienced)\b/],
  [
    "junior",
    /\b(junior|jr|entry level|entry-level|graduate|grad|associate engineer|associate developer|engineer i|developer i|sde i|sde 1|level 1)\b/,
  ],
  ["mid", /\b(mid|mid level|mid-level|midlevel|intermediate|ii|engineer 2|developer 2|sde 2|level 2)\b/],
];

/** The level a title states; undefined when it states none. */
export function titleLevel(title: string): Level | undefined {
  const folded = foldCase(title).replace(/[^\p{L}\p{N}&-]+/gu, " ");
  for (const [level, pattern] of TITLE_RULES) if (pattern.test(folded)) return level;
  return undefined;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const COUNT = String.raw`(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)`;
// "5+ years of experience", "3-5 years' experience", "at least 4 years in", "minimum of 6 yrs".
const STATED = [
  new RegExp(
    String.raw`\b${COUNT}\s*(?:\+|plus|or more)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b[^.\n\d]{0,40}?\bexperience`,
    "g",
  ),
  new RegExp(
    String.raw`\b(?:at least|minimum of|minimum|min\.?|over|more than)\s+${COUNT}\s*\+?\s*(?:years?|yrs?)\b`,
    "g",
  ),
  new RegExp(String.raw`\bexperience of\s+${COUNT}\s*\+?\s*(?:years?|yrs?)\b`, "g"),
];

/**
 * The least experience the text asks for, in years: the highest of the minimums it states (a
 * posting asking for "2+ years of Go and 5+ years of experience overall" wants five), at most
 * MAX_YEARS; undefined when it states none.
 */
export function statedYears(text: string): number | undefined {
  const folded = foldCase(text);
  // Every pattern names years ("year", "yrs"): most texts are ruled out without running them.
  if (!folded.includes("year") && !folded.includes("yr")) return undefined;
  let years: number | undefined;
  for (const pattern of STATED) {
    for (const match of folded.matchAll(pattern)) {
      const raw = match[1] ?? "";
      const value = NUMBER_WORDS[raw] ?? Number(raw);
      // "20 years of experience in the industry" is about the company, not the candidate, as often as not.
      if (!Number.isInteger(value) || value > 25) continue;
      years = Math.max(years ?? 0, Math.min(value, MAX_YEARS));
    }
  }
  return years;
}

/** A level from years of experience asked for, for titles that state none. */
function levelOfYears(years: number | undefined): Level | undefined {
  if (years === undefined) return undefined;
  if (years < 2) return "junior";
  if (years < 5) return "mid";
  return "senior";
}

/** The job's level: the title's, else from the experience its description asks for. */
export function jobLevel(job: { title: string; description: string }): Level | undefined {
  return titleLevel(job.title) ?? levelOfYears(statedYears(job.description));
}

/** jobLevel for a caller that has read the description's stated years already (job documents). */
export function levelOf(title: string, years: number | undefined): Level | undefined {
  return titleLevel(title) ?? levelOfYears(years);
}
