/**
 * Reading single values out of board payloads, whose formats drift: a date in seconds here and
 * milliseconds there, "2024-12-07 04:10:26" without a zone, a salary as "150000" or 150000, a
 * title with "&amp;" in it, or UTF-8 that was decoded as Latin-1 on the way ("SÃ£o Paulo").
 */
import { cleanText } from "../core/job.js";

/** A text field (a number as its digits: boards send ids both ways), or "" for anything else. */
export function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** A positive amount from a number or a numeric string ("150000", "150,000", "95000.50"); 0 means unknown. */
export function amount(value: unknown): number | undefined {
  const number =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\s*\d[\d,]*(\.\d+)?\s*$/.test(value)
        ? Number(value.replace(/,/g, ""))
        : NaN;
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

/** Epoch milliseconds from a unix time in seconds or in milliseconds (boards document one and send the other). */
export function epochMs(value: unknown): number | undefined {
  const number = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number) || number <= 0) return undefined;
  // 1e11 seconds is the year 5138; 1e11 milliseconds is 1973. Either side is unambiguous.
  return number < 1e11 ? number * 1000 : number;
}

/** A date string; one without a zone ("2025-12-14T20:45:43", "2024-12-07 04:10:26") is UTC. */
export function dateMs(value: unknown): number | undefined {
  if (typeof value !== "string" || value.trim() === "") return epochMs(value);
  const trimmed = value.trim();
  const zoneless = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed);
  const time = Date.parse(zoneless ? `${trimmed.replace(" ", "T")}Z` : trimmed);
  return Number.isNaN(time) ? undefined : time;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  bull: "•",
  middot: "·",
  copy: "©",
  reg: "®",
  trade: "™",
  euro: "€",
  pound: "£",
  eacute: "é",
  egrave: "è",
  uuml: "ü",
  ouml: "ö",
  auml: "ä",
  szlig: "ß",
};

/** Decodes HTML entities once ("CI&amp;T" → "CI&T"); unknown names are left as they are. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, code: string) => {
    if (code[0] !== "#") return NAMED_ENTITIES[code.toLowerCase()] ?? match;
    const point = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : Number(code.slice(1));
    return Number.isInteger(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : match;
  });
}

// A UTF-8 sequence read as Latin-1: a lead byte (Â-ô) followed by the right number of
// continuation bytes (U+0080-U+00BF), e.g. "Ã£" for "ã" or "â\u0080\u0099" for "’".
const MOJIBAKE = /[\u00c2-\u00df][\u0080-\u00bf]|[\u00e0-\u00ef][\u0080-\u00bf]{2}|[\u00f0-\u00f4][\u0080-\u00bf]{3}/g;

/**
 * Repairs text whose UTF-8 bytes were decoded as Latin-1 somewhere upstream (RemoteOK serves
 * "SÃ£o Paulo" and "Spacebackâ\u0080\u0099s"). Only sequences that form valid UTF-8 are
 * touched; real Latin-1 text ("Zürich", "café") does not look like that and is left alone.
 */
export function repairMojibake(value: string): string {
  return value.replace(MOJIBAKE, (sequence) => {
    const decoded = Buffer.from(sequence, "latin1").toString("utf8");
    return decoded.includes("\ufffd") ? sequence : decoded;
  });
}

/** A one-line field for people: entities decoded, mojibake repaired, whitespace collapsed. */
export function displayText(value: unknown): string {
  return cleanText(repairMojibake(decodeEntities(text(value))));
}

/** The value when it is an absolute http(s) URL, else undefined. */
export function httpUrl(value: unknown): string | undefined {
  const candidate = text(value).trim();
  if (!/^https?:\/\//i.test(candidate)) return undefined;
  try {
    return new URL(candidate).href;
  } catch {
    return undefined;
  }
}

/** The strings of an array field; anything else is []. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** A board slug as a company name when the payload has none: "zoox" → "Zoox", "Ashby" stays. */
export function nameFromSlug(slug: string): string {
  const words = slug.replace(/[-_]+/g, " ").trim();
  return words === words.toLowerCase() ? words.replace(/\b\w/g, (letter) => letter.toUpperCase()) : words;
}
