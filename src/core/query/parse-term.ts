/**
 * One term of a query (parse.ts splits the text into clauses of terms): a word, a "phrase", a
 * prefix*, a field:value, salary>= or years>=, checked and read into an Atom, or a QueryError
 * saying where and what to write instead.
 */
import { placeNamed } from "../location.js";
import { parseAmount } from "../salary.js";
import { LEVELS, MAX_YEARS } from "../seniority.js";
import { FIELDS, MIN_PREFIX_LETTERS, isDerivedField, type Atom, type DerivedField, type Field } from "./ast.js";
import { QueryError } from "./query-error.js";
import { collapsePhrases, scanWords, tokenize } from "./tokenize.js";

const FIELD_NAMES: ReadonlyMap<string, Field> = new Map([...FIELDS.map((f) => [f, f] as const), ["tags", "tag"]]);
const FIELD_LIST = "title:, company:, location:, tag:, source:, type:, level:, closed:, salary>= and years>=";
const FIELD_PREFIX = /^(\p{L}+):/u;
const SALARY = /^salary\s*(>=|=>|≥|>|<=|=<|≤|<|=)(.*)$/isu;
const YEARS = /^years\s*(>=|=>|≥|>|<=|=<|≤|<|=)(.*)$/isu;
const COMPARISON = /^(>=|=>|≥|>|<=|=<|≤|<|=)/u;
const LOWEST_YEARLY_SALARY = 1000;

export function parseTerm(text: string, body: string, start: number, negated: boolean): Atom {
  if (body === "") {
    throw new QueryError(
      text,
      start - 1,
      'A lone "-"',
      negated ? "Write it right before a word to exclude it, like -php." : "Remove it.",
    );
  }
  if (COMPARISON.test(body)) {
    throw new QueryError(
      text,
      start,
      `"${body}" compares nothing`,
      "Write the comparison without spaces, like salary>=120k.",
    );
  }
  const salary = SALARY.exec(body);
  if (salary) return parseSalary(text, start, salary[1] ?? "", salary[2] ?? "");
  const years = YEARS.exec(body);
  if (years) return parseYears(text, start, years[1] ?? "", years[2] ?? "");
  const field = body.startsWith('"') ? undefined : FIELD_PREFIX.exec(body);
  if (!field) return parseValue(text, body, start, undefined);
  const name = (field[1] ?? "").toLowerCase();
  const known = FIELD_NAMES.get(name);
  if (name === "years")
    throw new QueryError(text, start, '"years:" is not how experience is asked for', "Write years>=5 or years<=3.");
  if (name === "salary")
    throw new QueryError(text, start, '"salary:" is not how salaries are asked for', "Write salary>=120k.");
  if (!known) {
    throw new QueryError(
      text,
      start,
      `Unknown field "${name}:"`,
      `The fields are ${FIELD_LIST}. To look for the text itself, put it in quotes, like "${body}".`,
    );
  }
  const value = body.slice(field[0].length);
  if (value === "")
    throw new QueryError(
      text,
      start,
      `"${name}:" with no value`,
      `Write what to look for right after the colon, like ${name}:${example(known)}.`,
    );
  if (isDerivedField(known)) return parseDerived(text, value, start, known);
  return parseValue(text, value, start + field[0].length, known);
}

const DERIVED_VALUES: Readonly<Record<Exclude<DerivedField, "years">, readonly string[]>> = {
  level: LEVELS,
  closed: ["yes", "no"],
};

/** `level:senior`, `closed:yes`: one of a few known values, as a single word of that field. */
function parseDerived(text: string, value: string, start: number, field: DerivedField): Atom {
  const allowed = field === "years" ? [] : DERIVED_VALUES[field];
  const word = value.toLowerCase();
  if (!allowed.includes(word)) {
    throw new QueryError(
      text,
      start + field.length + 1,
      `"${value}" is not a value of ${field}:`,
      `Write one of ${allowed.map((v) => `${field}:${v}`).join(", ")}.`,
    );
  }
  return { kind: "word", field, term: word, text: `${field}:${word}` };
}

/** `years>=5`, `years<=3`: the experience the posting asks for, as a word of the years field (document.ts). */
function parseYears(text: string, start: number, operator: string, countText: string): Atom {
  const count = countText.trim();
  const atLeast = [">=", "=>", "≥", ">"].includes(operator);
  const atMost = ["<=", "=<", "≤", "<"].includes(operator);
  if (!/^\d{1,2}$/.test(count) || (!atLeast && !atMost)) {
    throw new QueryError(
      text,
      start,
      `"years${operator}${count}" is not a comparison I can make`,
      "Write years>=5 (asks for five years or more) or years<=3 (three years or fewer).",
    );
  }
  // > and < are the same comparisons one year further: years>4 is years>=5.
  const value = Number(count) + (operator === ">" ? 1 : operator === "<" ? -1 : 0);
  if (atLeast && value > MAX_YEARS)
    throw new QueryError(text, start, `years>=${value} is more than I can tell apart`, `Write years>=${MAX_YEARS}.`);
  if (value < 0) throw new QueryError(text, start, `years${operator}${count} matches nothing`, "Write years<=1.");
  const term = atLeast ? `years>=${value}` : `years<=${Math.min(value, MAX_YEARS)}`;
  return { kind: "word", field: "years", term, text: term };
}

function example(field: Field): string {
  const examples: Record<Field, string> = {
    title: "senior",
    company: "acme",
    location: "europe",
    tag: "rust",
    source: "remoteok",
    type: "contract",
    level: "senior",
    years: "5",
    closed: "yes",
  };
  return examples[field];
}

/**
 * Atoms of values already read, by field and value: a million stored queries are made of a few
 * thousand terms, and reading a term (tokenising, phrases, places) was a third of parsing them at
 * start. Only what parsed is kept (an error names its place in the whole text), and atoms are never
 * changed once made, so queries can share them. Emptied when full: people's terms are unbounded.
 */
const parsedValues = new Map<string, Atom>();
const PARSED_VALUES_KEPT = 20_000;

function parseValue(text: string, value: string, start: number, field: Field | undefined): Atom {
  const key = `${field ?? ""}\u0000${value}`;
  let atom = parsedValues.get(key);
  if (!atom) {
    atom = readValue(text, value, start, field);
    if (parsedValues.size >= PARSED_VALUES_KEPT) parsedValues.clear();
    parsedValues.set(key, atom);
  }
  return atom;
}

function readValue(text: string, value: string, start: number, field: Field | undefined): Atom {
  const shown = `${field ? `${field}:` : ""}${value}`.toLowerCase();
  const quoted = value.startsWith('"');
  if (quoted && (!value.endsWith('"') || value.length < 2 || value.slice(1, -1).includes('"'))) {
    const after = value.indexOf('"', 1) + 1;
    throw new QueryError(text, start + after, "Text right after a closing quote", "Put a space after the quote.");
  }
  if (!quoted && value.includes('"')) {
    throw new QueryError(
      text,
      start + value.indexOf('"'),
      "A quote inside a word",
      'Put the whole phrase in quotes, like "machine learning".',
    );
  }
  if (!quoted && value.includes("*")) return parsePrefix(text, value, start, field, shown);

  const terms = collapsePhrases(tokenize(quoted ? value.slice(1, -1) : value));
  if (terms.length === 0) {
    throw new QueryError(
      text,
      start,
      `${quoted ? "The quotes contain" : `"${value}" has`} no letters or digits`,
      "Jobs are matched on words: use a word instead, or remove it.",
    );
  }
  const place = field === "location" ? placeNamed(terms) : undefined;
  if (place) return { kind: "place", place, text: shown };
  const located = field ? { field } : {};
  if (terms.length === 1) return { kind: "word", ...located, term: terms[0] as string, text: shown };
  return { kind: "phrase", ...located, terms, text: shown };
}

function parsePrefix(text: string, value: string, start: number, field: Field | undefined, shown: string): Atom {
  const star = value.indexOf("*");
  if (star !== value.length - 1) {
    throw new QueryError(
      text,
      start + star,
      "A * inside a word",
      "A * can only end a word, to look for words starting with it, like devop*.",
    );
  }
  const spellings: string[] = [];
  scanWords(value.slice(0, -1), (_, spelling) => spellings.push(spelling));
  const prefix = spellings[0] ?? "";
  if (value.startsWith(".") && !prefix.startsWith(".")) {
    throw new QueryError(
      text,
      start,
      `"${value}" starts with a dot no word starts with`,
      `Leave the dot out, like ${value.slice(1)}.`,
    );
  }
  if (spellings.length > 1) {
    throw new QueryError(
      text,
      start,
      `"${value}" is more than one word before the *`,
      "A * ends a single word, like devop*.",
    );
  }
  if ([...prefix].length < MIN_PREFIX_LETTERS) {
    throw new QueryError(
      text,
      start,
      `"${value}" has fewer than ${MIN_PREFIX_LETTERS} letters before the *`,
      "Write at least two, like devop* or ku* (fewer would match nearly every job).",
    );
  }
  return { kind: "prefix", ...(field ? { field } : {}), prefix, text: shown };
}

function parseSalary(text: string, start: number, operator: string, amountText: string): Atom {
  if (![">=", "=>", "≥"].includes(operator)) {
    throw new QueryError(
      text,
      start,
      `"salary${operator}" is not supported`,
      "Ask for a least salary, like salary>=120k.",
    );
  }
  const amount = parseAmount(amountText.trim());
  if (!amount) {
    throw new QueryError(
      text,
      start,
      amountText.trim() === "" ? "salary>= with no amount" : `"${amountText}" is not an amount`,
      "Write it like salary>=120k, salary>=$120,000 or salary>=€90k.",
    );
  }
  if (amount.value < LOWEST_YEARLY_SALARY) {
    throw new QueryError(
      text,
      start,
      `salary>=${amountText} asks for ${amount.value} a year`,
      `Salaries are compared per year: write thousands with a k, like salary>=${amount.value}k.`,
    );
  }
  const currency = amount.currency ?? "USD";
  return { kind: "salary", atLeast: amount.value, currency, text: `salary>=${amountText.trim().toLowerCase()}` };
}
