/**
 * The indexed matcher's slot of each subscription, by id. The stores number subscriptions (a
 * counter in the files, a sequence in PostgreSQL): those ids are kept as numbers in an
 * open-addressing table of typed arrays, which the collector never walks and which takes no
 * allocation per id. Any other id is kept as given, in a Map.
 */

/**
 * A subscription id as the matcher holds it: a number when it is decimal without leading zeros
 * and a double holds it exactly (a million ids then take no string each, 23 MB), else as given.
 */
export type HeldId = number | string;
const DECIMAL = /^[1-9][0-9]{0,14}$/;
export const heldId = (id: string): HeldId => (DECIMAL.test(id) ? Number(id) : id);

/**
 * Cells of the numeric table: empty, or freed by a delete (a probe goes on past it). Neither is an
 * id heldId makes a number of (those are 1 and above).
 */
const EMPTY = 0;
const FREED = -1;

export class IdSlots {
  private keys = new Float64Array(1024);
  private slots = new Int32Array(1024);
  /** Cells holding a key or freed: what makes probes long. */
  private taken = 0;
  private numbers = 0;
  private readonly others = new Map<string, number>();

  get size(): number {
    return this.numbers + this.others.size;
  }

  get(id: HeldId): number | undefined {
    if (typeof id === "string") return this.others.get(id);
    const cell = this.find(id);
    return cell < 0 ? undefined : this.slots[cell];
  }

  set(id: HeldId, slot: number): void {
    if (typeof id === "string") {
      this.others.set(id, slot);
      return;
    }
    const found = this.find(id);
    if (found >= 0) {
      this.slots[found] = slot;
      return;
    }
    if ((this.taken + 1) * 2 > this.keys.length) this.rehash();
    const cell = this.freeCellFor(id);
    if (this.keys[cell] === EMPTY) this.taken += 1;
    this.keys[cell] = id;
    this.slots[cell] = slot;
    this.numbers += 1;
  }

  delete(id: HeldId): boolean {
    if (typeof id === "string") return this.others.delete(id);
    const cell = this.find(id);
    if (cell < 0) return false;
    this.keys[cell] = FREED;
    this.numbers -= 1;
    return true;
  }

  /** The cell holding the key, or -1. */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    for (let cell = spread(key) & mask; ; cell = (cell + 1) & mask) {
      const held = this.keys[cell] as number;
      if (held === key) return cell;
      if (held === EMPTY) return -1;
    }
  }

  /** The first empty or freed cell on the key's probe (the key is not in the table). */
  private freeCellFor(key: number): number {
    const mask = this.keys.length - 1;
    let cell = spread(key) & mask;
    while (this.keys[cell] !== EMPTY && this.keys[cell] !== FREED) cell = (cell + 1) & mask;
    return cell;
  }

  /** Twice the cells when more than a quarter hold keys, else as many: freed cells are dropped. */
  private rehash(): void {
    const [keys, slots] = [this.keys, this.slots];
    const length = this.numbers * 4 > keys.length ? keys.length * 2 : keys.length;
    this.keys = new Float64Array(length);
    this.slots = new Int32Array(length);
    this.taken = this.numbers;
    for (let cell = 0; cell < keys.length; cell += 1) {
      const key = keys[cell] as number;
      if (key === EMPTY || key === FREED) continue;
      const to = this.freeCellFor(key);
      this.keys[to] = key;
      this.slots[to] = slots[cell] as number;
    }
  }
}

/** Consecutive ids to cells far apart (Fibonacci hashing of both halves of the double's integer). */
function spread(key: number): number {
  const low = key >>> 0;
  const high = (key / 4294967296) >>> 0;
  return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) ^ (low >>> 16);
}
