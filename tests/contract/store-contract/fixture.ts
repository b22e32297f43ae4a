/** What the parts of the store contract share: how to get a fresh store, and short helpers. */
import type { ChatId } from "../../../src/core/chat.js";
import type { Job } from "../../../src/core/job.js";
import type { Store } from "../../../src/store/store.js";
import { makeCommit, T0 } from "../../fakes/builders.js";

/** A fresh, empty store; the contract closes it after the test. */
export type OpenStore = () => Promise<Store>;

export const ALICE: ChatId = "telegram:1";
export const BOB: ChatId = "telegram:2";
export const GROUP: ChatId = "telegram:-100";
export const SUPERGROUP: ChatId = "telegram:-100777";

export function subscribe(store: Store, chat: ChatId, query = "rust remote") {
  return store.addSubscription({ chat, createdBy: "1", query, createdAt: T0 });
}

/** Stores jobs as a cycle would, without alerts or cursor moves. */
export function storeJobs(store: Store, ...newJobs: Job[]) {
  return store.commitCycle(makeCommit({ newJobs }));
}
