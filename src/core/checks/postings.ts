/**
 * Shingle postings for `one-version`: per 32-bit shingle hash, the slots of the documents whose sketch holds it.
 *
 * A workspace of 10,000 procedures has about 2.5 million (hash, document) pairs, nearly all hashes held by a single
 * document. A `Map<number, number[]>` spent about 90 bytes on each (an entry, a boxed key, an array); this table keeps
 * them in an open-addressing hash table of two typed arrays (8 bytes a place, at most 75% full), and only hashes
 * held by two documents or more get an array.
 */

/** A place never used. */
const EMPTY = -1;
/** A place whose hash was removed (the probe goes on past it). */
const REMOVED = -2;
/** Values at or below this refer to `lists[LIST - value]`. */
const LIST = -3;

const MIN_CAPACITY = 1024;

export class Postings {
  private keys = new Uint32Array(MIN_CAPACITY);
  /** Per place: EMPTY, REMOVED, a slot (>= 0), or a reference to a list of slots (<= LIST). */
  private values = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  private readonly lists: (number[] | undefined)[] = [];
  private readonly freeLists: number[] = [];
  /** Places holding a hash, and places used at all (holding one, or removed). */
  private live = 0;
  private used = 0;

  /** Forgets every hash. */
  clear(): void {
    this.keys = new Uint32Array(MIN_CAPACITY);
    this.values = new Int32Array(MIN_CAPACITY).fill(EMPTY);
    this.lists.length = 0;
    this.freeLists.length = 0;
    this.live = 0;
    this.used = 0;
  }

  /** How many documents hold `hash`. */
  count(hash: number): number {
    const v = this.valueOf(hash);
    return v >= 0 ? 1 : v <= LIST ? (this.lists[LIST - v] as number[]).length : 0;
  }

  /** The slot of the one document that holds `hash`, the slots of several (do not change the array), or undefined. */
  slots(hash: number): number | readonly number[] | undefined {
    const v = this.valueOf(hash);
    return v >= 0 ? v : v <= LIST ? (this.lists[LIST - v] as number[]) : undefined;
  }

  /** Adds `slot` to the documents holding `hash` (at the end). */
  add(hash: number, slot: number): void {
    if ((this.used + 1) * 4 > this.keys.length * 3) this.resize();
    const i = this.placeOf(hash, true);
    const v = this.values[i];
    if (v === EMPTY || v === REMOVED) {
      if (v === EMPTY) this.used++;
      this.live++;
      this.keys[i] = hash;
      this.values[i] = slot;
    } else if (v >= 0) {
      const list = [v, slot];
      const at = this.freeLists.pop() ?? this.lists.length;
      this.lists[at] = list;
      this.values[i] = LIST - at;
    } else (this.lists[LIST - v] as number[]).push(slot);
  }

  /** Removes `slot` from the documents holding `hash` (the others keep their order). */
  remove(hash: number, slot: number): void {
    const i = this.placeOf(hash, false);
    if (i < 0) return;
    const v = this.values[i];
    if (v >= 0) {
      if (v !== slot) return;
      this.values[i] = REMOVED;
      this.live--;
      return;
    }
    const list = this.lists[LIST - v] as number[];
    const at = list.indexOf(slot);
    if (at < 0) return;
    list.splice(at, 1);
    if (list.length === 1) {
      this.values[i] = list[0];
      this.lists[LIST - v] = undefined;
      this.freeLists.push(LIST - v);
    }
  }

  private valueOf(hash: number): number {
    const i = this.placeOf(hash, false);
    return i < 0 ? EMPTY : this.values[i];
  }

  /**
   * The place of `hash`; when it is absent, -1, or with `forAdding` the first removed or empty place on its probe
   * sequence.
   */
  private placeOf(hash: number, forAdding: boolean): number {
    const mask = this.keys.length - 1;
    let i = (Math.imul(hash, 0x9e3779b1) >>> 0) & mask;
    let reuse = -1;
    for (;;) {
      const v = this.values[i];
      if (v === EMPTY) return forAdding ? (reuse >= 0 ? reuse : i) : -1;
      if (v === REMOVED) {
        if (reuse < 0) reuse = i;
      } else if (this.keys[i] === hash) return i;
      i = (i + 1) & mask;
    }
  }

  /** Rehashes into the smallest table the live hashes fill to at most 65% (removed places are dropped). */
  private resize(): void {
    const keys = this.keys;
    const values = this.values;
    let capacity = MIN_CAPACITY;
    while ((this.live + 1) * 20 > capacity * 13) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
    this.used = this.live;
    const mask = capacity - 1;
    for (let j = 0; j < keys.length; j++) {
      const v = values[j];
      if (v === EMPTY || v === REMOVED) continue;
      let i = (Math.imul(keys[j], 0x9e3779b1) >>> 0) & mask;
      while (this.values[i] !== EMPTY) i = (i + 1) & mask;
      this.keys[i] = keys[j];
      this.values[i] = v;
    }
  }
}
