/**
 * Words, not substrings: "java" must not match "JavaScript", nor "go" match "Google". Text is
 * case- and accent-folded and split on anything that is not a letter or digit.
 */

export function foldCase(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

const WORD = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  return foldCase(text).match(WORD) ?? [];
}
