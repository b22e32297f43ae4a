/**
 * Where a job can be done, from the free text a board gives ("USA Only", "Remote EMEA",
 * "Anywhere in the World", "Lithuania - Remote"), for `location:` queries.
 *
 * A query place matches a job whose places overlap it: one lies within the other. So
 * `location:europe` matches "Germany" (in Europe), "EMEA" (Europe lies within it) and worldwide
 * jobs; `location:germany` matches "Europe" too, since a Europe-wide job is open in Germany; but
 * "Latin America" and "North America" do not overlap, although both are in the Americas.
 * Only `location:worldwide` (or anywhere) asks for jobs open everywhere and nothing narrower.
 */
import { PLACES, WORLDWIDE_NAMES } from "./places.js";
import { tokenize } from "./query/tokenize.js";

export const WORLDWIDE = "worldwide";

const KEYS = PLACES.map((row) => row.key);
const WITHIN = new Map(PLACES.map((row) => [row.key, row.within]));

/** Place names as canonical words joined by spaces → place key. */
const NAMES = new Map<string, string>([
  ...WORLDWIDE_NAMES.map((name) => [tokenize(name).join(" "), WORLDWIDE] as const),
  ...PLACES.flatMap((row) => row.names.map((name) => [tokenize(name).join(" "), row.key] as const)),
]);
const LONGEST_NAME = Math.max(...[...NAMES.keys()].map((name) => name.split(" ").length));

function ancestors(key: string): string[] {
  return (WITHIN.get(key) ?? []).flatMap((parent) => [parent, ...ancestors(parent)]);
}

/** Each place → every place it overlaps: itself, what it lies within, and what lies within it. */
const OVERLAPS = new Map(KEYS.map((key) => [key, new Set([key, ...ancestors(key)])]));
for (const key of KEYS) for (const above of ancestors(key)) OVERLAPS.get(above)?.add(key);

const EVERYWHERE: ReadonlySet<string> = new Set([WORLDWIDE, ...KEYS]);
const NOWHERE: ReadonlySet<string> = new Set();

/** The place a query names ("us", "united states" → usa; "anywhere" → worldwide), if any. */
export function placeNamed(terms: readonly string[]): string | undefined {
  return NAMES.get(terms.join(" "));
}

/**
 * Every place key a `location:` query may name that overlaps this location text. A location that
 * names only worldwide words is open everywhere; one that names a place ("Anywhere in the US") is not.
 */
export function placesOf(location: string): ReadonlySet<string> {
  const terms = tokenize(location);
  const found = new Set<string>();
  for (let i = 0; i < terms.length;) {
    const match = longestNameAt(terms, i);
    if (match) found.add(match.key);
    i += match?.length ?? 1;
  }
  const named = [...found].filter((key) => key !== WORLDWIDE);
  if (named.length === 0) return found.has(WORLDWIDE) ? EVERYWHERE : NOWHERE;
  return new Set(named.flatMap((key) => [...(OVERLAPS.get(key) ?? [])]));
}

function longestNameAt(terms: readonly string[], at: number): { key: string; length: number } | undefined {
  for (let length = Math.min(LONGEST_NAME, terms.length - at); length > 0; length -= 1) {
    const key = NAMES.get(terms.slice(at, at + length).join(" "));
    if (key) return { key, length };
  }
  return undefined;
}
