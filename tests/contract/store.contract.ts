/**
 * The one contract every Store implementation passes (docs/ARCHITECTURE.md, The store contract). Run it from a test file with a
 * function that opens a fresh, empty store; the suite closes each store after its test.
 */
import { afterEach, describe } from "vitest";
import type { Store } from "../../src/store/store.js";
import { chatFilterContract } from "./store-contract/chat-filters.js";
import { changesContract } from "./store-contract/changes.js";
import { cycleContract } from "./store-contract/cycle.js";
import { jobContract } from "./store-contract/jobs.js";
import { pruneContract } from "./store-contract/prune.js";
import { settingsContract } from "./store-contract/settings.js";
import { readsContract } from "./store-contract/reads.js";
import { subscriptionContract } from "./store-contract/subscriptions.js";

export function storeContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name} (store contract)`, () => {
    const opened: Store[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    const open = async () => {
      const store = await makeStore();
      opened.push(store);
      return store;
    };

    describe("subscriptions and chats", () => subscriptionContract(open));
    describe("following the subscriptions' changes", () => changesContract(open));
    describe("jobs", () => jobContract(open));
    describe("the cycle commit and the outbox", () => cycleContract(open));
    describe("pruning", () => pruneContract(open));
    describe("chat settings and schedules", () => settingsContract(open));
    describe("muted companies, hidden and saved jobs", () => chatFilterContract(open));
    describe("reads for many chats, one chat, and changes", () => readsContract(open));
  });
}
