/**
 * A parsed query (docs/ARCHITECTURE.md, The query language): every `include` clause must match and no `exclude` clause may. A
 * clause matches when any of its atoms does (`a|b`, `a OR b`); most clauses have one atom.
 * Words are canonical (tokenize.ts), so the matcher never sees spellings or punctuation.
 */

/** Fields searched in the job's own text. */
export const TEXT_FIELDS = ["title", "company", "location", "tag", "source", "type"] as const;
/**
 * Fields whose words Jobhound derives (document.ts): `level:senior` (seniority.ts), `years>=5` (a
 * word "years>=5" the job has when its description asks for five years or more), `closed:yes`.
 * The parser makes only single words of them, so they flow through the index like any field's.
 */
export const DERIVED_FIELDS = ["level", "years", "closed"] as const;
export const FIELDS = [...TEXT_FIELDS, ...DERIVED_FIELDS] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type DerivedField = (typeof DERIVED_FIELDS)[number];
export type Field = TextField | DerivedField;

export function isDerivedField(field: Field | undefined): field is DerivedField {
  return field === "level" || field === "years" || field === "closed";
}

interface Shown {
  /** How the person wrote it (folded), for describeQuery. */
  text: string;
}

export type Atom =
  | (Shown & { kind: "word"; field?: Field; term: string })
  /** Words in this order; each may also appear as an equivalent phrase (ml = machine learning). */
  | (Shown & { kind: "phrase"; field?: Field; terms: string[] })
  /** Any word starting with these letters. */
  | (Shown & { kind: "prefix"; field?: Field; prefix: string })
  /** `location:` naming a place in places.ts: the job's location overlaps it, or is worldwide. */
  | (Shown & { kind: "place"; place: string })
  /** The top of the job's stated salary, per year, in this currency, is at least `atLeast`. */
  | (Shown & { kind: "salary"; atLeast: number; currency: string });

/** Letters a prefix needs before its `*`: fewer would match half of every posting. */
export const MIN_PREFIX_LETTERS = 2;

export interface Clause {
  atoms: Atom[];
}

export interface Query {
  include: Clause[];
  exclude: Clause[];
}

/**
 * A stable text for an atom or a query: equal keys mean equal matches and equal explanations. Order
 * is kept, because explanations list matched words in the order the query names them.
 */
export function atomKey(atom: Atom): string {
  let key = atomKeys.get(atom);
  if (key === undefined) atomKeys.set(atom, (key = keyOfAtom(atom)));
  return key;
}

/**
 * Keys made before, by atom: the parser hands out one frozen atom per distinct term (parse.ts),
 * and a start parses a million stored queries made of a few thousand terms.
 */
const atomKeys = new WeakMap<Atom, string>();

function keyOfAtom(atom: Atom): string {
  switch (atom.kind) {
    case "word":
      return `${atom.field ?? ""}:${atom.term}`;
    case "phrase":
      return `${atom.field ?? ""}:"${atom.terms.join(" ")}"`;
    case "prefix":
      return `${atom.field ?? ""}:${atom.prefix}*`;
    case "place":
      return `place:${atom.place}`;
    case "salary":
      return `salary>=${atom.atLeast}${atom.currency}`;
  }
}

export function clauseKey(clause: Clause): string {
  return clause.atoms.length === 1 ? atomKey(clause.atoms[0] as Atom) : clause.atoms.map(atomKey).join("|");
}

export function queryKey(query: Query): string {
  return [...query.include.map(clauseKey), ...query.exclude.map((clause) => `-${clauseKey(clause)}`)].join(" ");
}
