import type { Query } from "../../src/core/query/ast.js";
import { explainMatch, queryMatches, type JobDocument } from "../../src/core/query/match.js";

/** The words that made the job match, title and tag words first; null when it does not match. */
export function matchQuery(query: Query, doc: JobDocument): string[] | null {
  return queryMatches(query, doc) ? explainMatch(query, doc) : null;
}
