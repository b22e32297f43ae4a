/**
 * What is left to check of each entry of the query index (query-index.ts) once its filing has
 * proven some clauses, as one run of codes per entry in one Int32Array, and how a job is checked
 * against it. Per entry: included clauses not proven by its filing (count, then each: its size and
 * its atoms' codes), then clauses to exclude alike. An atom a key answers is coded as the key's
 * number (the job has it when the index marked that key for it); any other (phrases, salaries) as
 * ~its number in `tested`, tested against the job the first time an entry asks, the answer kept
 * for the rest of that job.
 */
import { atomKey, type Atom, type Clause, type Query } from "./ast.js";
import type { JobDocument } from "./document.js";
import { atomMatches } from "./match.js";
import { answeredByKey } from "./query-filing.js";
import { atomKeys } from "./query-keys.js";

export class EntryChecks {
  private checks = new Int32Array(1024);
  private checksLength = 0;
  /** Per entry: where its checks start. */
  private readonly checkAt: number[] = [];
  /** The distinct atoms that keys cannot answer (phrases, salaries), by the number their code holds. */
  private readonly tested: Atom[] = [];
  private readonly atomCodes = new Map<string, number>();
  private readonly codeOfAtom = new WeakMap<Atom, number>();
  /** Per atom tested on demand: the last job (by stamp) it was tested for, and the answer. */
  private readonly testedFor: number[] = [];
  private readonly testedAnswer: boolean[] = [];

  /** `keyNumber` gives a key its number in the index, numbering it when new. */
  constructor(private readonly keyNumber: (key: string) => number) {}

  private atomCode(atom: Atom): number {
    // Queries share the atoms of their terms (parse.ts): most are known by identity, without
    // building their key.
    const known = this.codeOfAtom.get(atom);
    if (known !== undefined) return known;
    const key = atomKey(atom);
    let code = this.atomCodes.get(key);
    if (code === undefined) {
      if (answeredByKey(atom)) code = this.keyNumber(atomKeys(atom)[0] as string);
      else {
        code = ~this.tested.length;
        this.tested.push(atom);
        this.testedFor.push(0);
        this.testedAnswer.push(false);
      }
      this.atomCodes.set(key, code);
    }
    this.codeOfAtom.set(atom, code);
    return code;
  }

  /** Writes what is left to check of an entry: every clause but those its filing proves. */
  write(entry: number, query: Query, proven: readonly Clause[]): void {
    this.checkAt[entry] = this.checksLength;
    // Indexed loops and no filtered copy: a start writes 800,000 entries, and each iterator and
    // copy made here was garbage the collector then had to sweep (some 500 MB of it).
    const { include, exclude } = query;
    let left = include.length;
    for (let i = 0; i < include.length; i += 1) if (proven.includes(include[i] as Clause)) left -= 1;
    this.append(left);
    for (let i = 0; i < include.length; i += 1)
      if (!proven.includes(include[i] as Clause)) this.appendClause(include[i] as Clause);
    this.append(exclude.length);
    for (let i = 0; i < exclude.length; i += 1) this.appendClause(exclude[i] as Clause);
  }

  private appendClause({ atoms }: Clause): void {
    this.append(atoms.length);
    for (let i = 0; i < atoms.length; i += 1) this.append(this.atomCode(atoms[i] as Atom));
  }

  private append(code: number): void {
    if (this.checksLength === this.checks.length) {
      const larger = new Int32Array(this.checks.length * 2);
      larger.set(this.checks);
      this.checks = larger;
    }
    this.checks[this.checksLength++] = code;
  }

  /**
   * Whether the entry's checks allow the job: every clause to include has an atom the job has, no
   * clause to exclude has one. `markedFor[key] === stamp` says the job has the key (QueryIndex.mark).
   */
  passes(entry: number, doc: JobDocument, markedFor: readonly number[], stamp: number): boolean {
    const { checks } = this;
    let at = this.checkAt[entry] as number;
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const end = at + 1 + (checks[at] as number);
      let found = false;
      for (at += 1; at < end && !found; at += 1) {
        const code = checks[at] as number;
        found = code >= 0 ? markedFor[code] === stamp : this.test(~code, doc, stamp);
      }
      if (!found) return false;
      at = end;
    }
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const end = at + 1 + (checks[at] as number);
      for (at += 1; at < end; at += 1) {
        const code = checks[at] as number;
        if (code >= 0 ? markedFor[code] === stamp : this.test(~code, doc, stamp)) return false;
      }
    }
    return true;
  }

  /** Whether the job being matched has an atom its keys cannot answer: tested once per job. */
  private test(atom: number, doc: JobDocument, stamp: number): boolean {
    if (this.testedFor[atom] !== stamp) {
      this.testedFor[atom] = stamp;
      this.testedAnswer[atom] = atomMatches(this.tested[atom] as Atom, doc);
    }
    return this.testedAnswer[atom] as boolean;
  }
}
