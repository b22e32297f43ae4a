/**
 * The one table of technology names and equivalent spellings (docs/ARCHITECTURE.md, The query language), applied to queries and
 * jobs alike by the tokenizer. To teach Jobhound a name, add a row here and nothing else:
 *
 * - the first entry of a row is the canonical word, which matching and explanations use;
 * - a name with punctuation (`c++`, `node.js`, `ci/cd`) is kept as one word instead of being split;
 * - a name with a space (`machine learning`) is an equivalent phrase: a job saying it also counts as
 *   saying the canonical word, and a query phrase made of it is the canonical word.
 */
export const EQUIVALENTS: readonly (readonly string[])[] = [
  ["c++", "cpp"],
  ["c#", "csharp"],
  ["f#", "fsharp"],
  [".net", "dotnet"],
  ["asp.net"],
  ["objective-c", "objc"],
  ["ci/cd", "cicd"],
  ["pl/sql"],
  ["t-sql"],
  ["go", "golang"],
  ["javascript", "js"],
  ["typescript", "ts"],
  ["kubernetes", "k8s"],
  ["postgresql", "postgres"],
  ["node.js", "nodejs", "node"],
  ["next.js", "nextjs"],
  ["nuxt.js", "nuxtjs"],
  ["vue.js", "vuejs", "vue"],
  ["react", "reactjs", "react.js"],
  ["frontend", "front-end", "front end"],
  ["backend", "back-end", "back end"],
  ["fullstack", "full-stack", "full stack"],
  ["ml", "machine learning"],
  ["ai", "artificial intelligence"],
];

/** Spelling → canonical word, for every single-word spelling in the table (punctuated or not). */
export const CANONICAL: ReadonlyMap<string, string> = new Map(
  EQUIVALENTS.flatMap(([canonical = "", ...variants]) =>
    [canonical, ...variants].filter((name) => !name.includes(" ")).map((name) => [name, canonical] as const),
  ),
);

/** An equivalent phrase: its words in order and the canonical word it stands for. */
export interface PhraseEquivalent {
  words: readonly string[];
  canonical: string;
}

/** First word → the equivalent phrases starting with it. */
export const PHRASES: ReadonlyMap<string, readonly PhraseEquivalent[]> = groupPhrases();

/** Canonical word → the phrases that say the same, for matching query phrases against job text. */
export const PHRASES_OF: ReadonlyMap<string, readonly (readonly string[])[]> = new Map(
  EQUIVALENTS.map(
    ([canonical = "", ...variants]) =>
      [canonical, variants.filter((v) => v.includes(" ")).map((v) => v.split(" "))] as const,
  ).filter(([, phrases]) => phrases.length > 0),
);

function groupPhrases(): Map<string, PhraseEquivalent[]> {
  const byFirst = new Map<string, PhraseEquivalent[]>();
  for (const [canonical = "", ...variants] of EQUIVALENTS) {
    for (const variant of variants.filter((v) => v.includes(" "))) {
      const words = variant.split(" ");
      const first = words[0] ?? "";
      byFirst.set(first, [...(byFirst.get(first) ?? []), { words, canonical }]);
    }
  }
  return byFirst;
}
