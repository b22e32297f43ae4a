/**
 * A query someone typed that cannot be read. The message says what is wrong, where (a position
 * counted in characters as the person sees them, from 1), and what to write instead.
 */
import { UserError } from "../errors.js";

export class QueryError extends UserError {
  readonly position: number;

  constructor(text: string, index: number, problem: string, hint: string) {
    const position = [...text.slice(0, index)].length + 1;
    super(`${problem} (position ${position}). ${hint}`);
    this.position = position;
  }
}
