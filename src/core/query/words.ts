/**
 * The words of a job or of one of its fields, asked "is this word there?" and "is a word starting
 * with this there?". Two forms: a Set for matching new jobs (fast, short-lived), and a packed
 * string for documents kept across commands (a third of the memory, still fast enough for /latest
 * over every stored job). Classes, so each document carries data and no closures.
 */

export interface Words extends Iterable<string> {
  has(word: string): boolean;
  hasPrefix(prefix: string): boolean;
  /** The words starting with `prefix`, alphabetically. */
  withPrefix(prefix: string): string[];
}

export class SetWords implements Words {
  /** Sorted on the first hasPrefix (the naive loop's question), then binary searched. */
  private sorted: string[] | undefined;

  constructor(private readonly set: ReadonlySet<string>) {}

  has(word: string): boolean {
    return this.set.has(word);
  }

  hasPrefix(prefix: string): boolean {
    const sorted = this.ordered();
    return (sorted[firstAtOrAfter(sorted, prefix)] ?? "").startsWith(prefix);
  }

  withPrefix(prefix: string): string[] {
    // Explanations ask this of a few prefixes per job: picking then sorting the few words is
    // cheaper than sorting all of a posting's words.
    const found: string[] = [];
    for (const word of this.set) if (word.startsWith(prefix)) found.push(word);
    return found.sort();
  }

  [Symbol.iterator](): Iterator<string> {
    return this.set[Symbol.iterator]();
  }

  private ordered(): string[] {
    return (this.sorted ??= [...this.set].sort());
  }
}

/**
 * Words never contain a newline (the tokenizer splits on it), nor any character below it, so in
 * "\nword\n…" sorted by code units a word is found by binary search over the characters: /latest
 * asks this of every stored job, and scanning each job's whole string (includes) cost ten times
 * as much. No index of where words start is kept: a probe walks back to its word's start.
 */
export class PackedWords implements Words {
  private readonly packed: string;

  constructor(words: Iterable<string>) {
    this.packed = `\n${[...words].sort().join("\n")}\n`;
  }

  has(word: string): boolean {
    const at = this.firstAtOrAfter(word);
    return at < this.packed.length && compareAt(this.packed, at, word) === 0;
  }

  hasPrefix(prefix: string): boolean {
    const at = this.firstAtOrAfter(prefix);
    return at < this.packed.length && this.packed.startsWith(prefix, at);
  }

  withPrefix(prefix: string): string[] {
    return this.list().filter((word) => word.startsWith(prefix));
  }

  [Symbol.iterator](): Iterator<string> {
    return this.list()[Symbol.iterator]();
  }

  private list(): string[] {
    return this.packed.slice(1, -1).split("\n").filter(Boolean);
  }

  /** Where the first word not below `wanted` starts, or the length when there is none. */
  private firstAtOrAfter(wanted: string): number {
    const packed = this.packed;
    // Both bounds are where a word starts (or the end).
    let low = 1;
    let high = packed.length;
    while (low < high) {
      const start = packed.lastIndexOf("\n", ((low + high) >>> 1) - 1) + 1;
      if (compareAt(packed, start, wanted) < 0) low = packed.indexOf("\n", start) + 1;
      else high = start;
    }
    return low;
  }
}

/** The word starting at `at` in packed words against `word`: negative when it sorts before. */
function compareAt(packed: string, at: number, word: string): number {
  for (let i = 0; ; i += 1) {
    const stored = packed.charCodeAt(at + i);
    const wanted = i < word.length ? word.charCodeAt(i) : NEWLINE;
    if (stored !== wanted) return stored - wanted;
    if (stored === NEWLINE) return 0;
  }
}

const NEWLINE = 10;

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
