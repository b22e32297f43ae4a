/**
 * The words of a job or of one of its fields, asked "is this word there?" and "is a word starting
 * with this there?". Two forms: a Set for matching new jobs (fast, short-lived), and a packed
 * string for documents kept across commands (about a fifth of the memory, still fast enough for
 * /latest over every stored job).
 */

export interface Words extends Iterable<string> {
  has(word: string): boolean;
  hasPrefix(prefix: string): boolean;
  /** The words starting with `prefix`, alphabetically. */
  withPrefix(prefix: string): string[];
}

export function setWords(set: ReadonlySet<string>): Words {
  let sorted: string[] | undefined;
  // Prefix questions come from few queries: sort once, on the first, then binary search.
  const ordered = () => (sorted ??= [...set].sort());
  return {
    has: (word) => set.has(word),
    hasPrefix: (prefix) => (ordered()[firstAtOrAfter(ordered(), prefix)] ?? "").startsWith(prefix),
    withPrefix(prefix) {
      const words = ordered();
      const found: string[] = [];
      for (let i = firstAtOrAfter(words, prefix); words[i]?.startsWith(prefix); i += 1) found.push(words[i] as string);
      return found;
    },
    [Symbol.iterator]: () => set[Symbol.iterator](),
  };
}

/** Words never contain a newline (the tokenizer splits on it), so "\nword\n" finds exactly a word. */
export function packedWords(words: Iterable<string>): Words {
  const sorted = [...words].sort();
  const packed = `\n${sorted.join("\n")}\n`;
  const list = () => packed.slice(1, -1).split("\n").filter(Boolean);
  return {
    has: (word) => packed.includes(`\n${word}\n`),
    hasPrefix: (prefix) => packed.includes(`\n${prefix}`),
    withPrefix: (prefix) => list().filter((word) => word.startsWith(prefix)),
    [Symbol.iterator]: () => list()[Symbol.iterator](),
  };
}

function firstAtOrAfter(sorted: readonly string[], wanted: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < wanted) low = middle + 1;
    else high = middle;
  }
  return low;
}
