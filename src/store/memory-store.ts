/** The store kept in memory only: for tests, and the reference the contract suite pins down. */
import { emptyStoreData } from "./data.js";
import { storeOnData, type StoreLimits } from "./data-store.js";
import type { Store } from "./store.js";

export function memoryStore(limits?: StoreLimits): Store {
  return storeOnData(emptyStoreData(), { persist: async () => {}, close: async () => {} }, limits);
}
