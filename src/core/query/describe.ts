/**
 * A query back in words, as /subscribe confirms it: "jobs mentioning rust and remote, not php",
 * "jobs mentioning rust or go, with senior in the title, located in europe or open worldwide,
 * paying at least $120,000 a year". Shows the words as the person wrote them.
 */
import { WORLDWIDE } from "../location.js";
import type { Atom, Clause, Field, Query } from "./ast.js";

const FIELD_WORDS: Readonly<Record<Field, string>> = {
  title: "in the title",
  company: "in the company name",
  location: "in the location",
  tag: "in the tags",
  source: "in the source",
  type: "in the job type",
  level: "as the level",
  years: "",
  closed: "",
};
const SYMBOLS: Readonly<Record<string, string>> = { USD: "$", EUR: "€", GBP: "£" };

export function describeQuery(query: Query): string {
  const mentions = query.include.filter(isMention);
  const conditions = query.include.filter((clause) => !isMention(clause));
  const parts: string[] = [];
  if (mentions.length > 0) {
    const grouped = mentions.length > 1;
    parts.push(
      `mentioning ${joinWords(
        mentions.map((c) => clauseText(c, grouped)),
        "and",
      )}`,
    );
  }
  for (const clause of conditions) parts.push(clause.atoms.map((atom) => condition(atom)).join(" or "));
  const not =
    query.exclude.length > 0
      ? `, not ${joinWords(
          query.exclude.map((c) => clauseText(c, false)),
          "or",
        )}`
      : "";
  return `jobs ${parts.join(", ")}${not}`;
}

/** A clause of plain words, phrases and prefixes, which reads as "mentioning …". */
function isMention(clause: Clause): boolean {
  return clause.atoms.every(
    (atom) => (atom.kind === "word" || atom.kind === "phrase" || atom.kind === "prefix") && !atom.field,
  );
}

function clauseText(clause: Clause, grouped: boolean): string {
  const text = clause.atoms.map(atomText).join(" or ");
  return grouped && clause.atoms.length > 1 ? `(${text})` : text;
}

/** An included condition on a field, salary or place, as it follows "jobs …". */
function condition(atom: Atom): string {
  const text = atomText(atom);
  return atom.kind === "place" || atom.kind === "salary" ? text : `with ${text}`;
}

function atomText(atom: Atom): string {
  switch (atom.kind) {
    case "word":
    case "phrase":
    case "prefix": {
      if (atom.field === "years") {
        const [bound, count] = atom.text.startsWith("years>=")
          ? ["at least", atom.text.slice(7)]
          : ["at most", atom.text.slice(7)];
        return `${bound} ${count} years of experience asked for`;
      }
      if (atom.field === "closed")
        return `their board ${atom.text === "closed:yes" ? "no longer" : "still"} listing them`;
      const value = atom.field ? atom.text.slice(atom.field.length + 1) : atom.text;
      const shown = atom.kind === "prefix" ? `words starting with ${value.replace(/\*$/, "")}` : value;
      return atom.field ? `${shown} ${FIELD_WORDS[atom.field]}` : shown;
    }
    case "place":
      return atom.place === WORLDWIDE
        ? "open worldwide"
        : `located in ${atom.text.slice("location:".length)} or open worldwide`;
    case "salary":
      return `paying at least ${money(atom.atLeast, atom.currency)} a year`;
  }
}

function money(value: number, currency: string): string {
  const amount = value.toLocaleString("en-US");
  const symbol = SYMBOLS[currency];
  return symbol ? `${symbol}${amount}` : `${amount} ${currency}`;
}

function joinWords(words: readonly string[], conjunction: string): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}
