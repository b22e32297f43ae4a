import { describe, expect, it } from "vitest";
import { parseQuery } from "../../../../src/core/query/parse.js";
import { SharedClauses } from "../../../../src/core/query/shared-clauses.js";

describe("shared clauses", () => {
  it("gives queries with a clause in common the same clause object", () => {
    const clauses = new SharedClauses();
    const a = clauses.share(parseQuery("title:kotlin remote -php"));
    const b = clauses.share(parseQuery("remote title:kotlin android"));
    expect(b.include[1]).toBe(a.include[0]);
    expect(b.include[0]).toBe(a.include[1]);
    expect(clauses.size).toBe(4);
    expect(a).toEqual(parseQuery("title:kotlin remote -php"));
  });

  it("keeps apart clauses that match alike but were written differently", () => {
    const clauses = new SharedClauses();
    const [us] = clauses.share(parseQuery("location:us")).include;
    const [usa] = clauses.share(parseQuery("location:usa")).include;
    expect(usa).not.toBe(us);
    expect(usa?.atoms[0]?.text).toBe("location:usa");
  });

  it("drops a clause once no query holding it is left", () => {
    const clauses = new SharedClauses();
    const a = clauses.share(parseQuery("rust remote"));
    const b = clauses.share(parseQuery("rust"));
    clauses.release(a);
    expect(clauses.size).toBe(1);
    clauses.release(b);
    expect(clauses.size).toBe(0);
    expect(clauses.share(parseQuery("rust")).include[0]).not.toBe(b.include[0]);
  });

  it("freezes what it shares, so no holder can change another's query", () => {
    const query = new SharedClauses().share(parseQuery('"machine learning" rust'));
    expect(Object.isFrozen(query.include[0])).toBe(true);
    expect(() => (query.include[0]?.atoms as unknown[]).push("x")).toThrow(TypeError);
  });
});
