/**
 * Lists in path order that a workspace keeps between reports: the order of
 * every path list of a report, binary search in it, and a sorted list that
 * reports share until it changes.
 */

/** Code-unit order of paths: the order of every path list of a report. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The index of the first item whose key is not below `key` (items sorted by key). */
export function lowerBound<T>(items: readonly T[], key: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(items[mid]) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A list sorted by path that reports share: once handed out (`share`), the
 * next change works on a copy, so an earlier report never sees later ones.
 * One item per path.
 */
export class SharedSortedList<T> {
  private items: T[] = [];
  private shared = false;

  constructor(private readonly keyOf: (item: T) => string) {}

  /** The current items (read-only). */
  get current(): readonly T[] {
    return this.items;
  }

  /** The list for a report: later changes copy it first. */
  share(): T[] {
    this.shared = true;
    return this.items;
  }

  /** Inserts `item`, or replaces the item with its key. */
  put(item: T): void {
    const key = this.keyOf(item);
    const i = lowerBound(this.items, key, this.keyOf);
    if (this.items[i] === item) return;
    const own = this.own();
    if (i < own.length && this.keyOf(own[i]) === key) own[i] = item;
    else own.splice(i, 0, item);
  }

  /** Removes the item with `key`, if any. */
  delete(key: string): void {
    const i = lowerBound(this.items, key, this.keyOf);
    if (i < this.items.length && this.keyOf(this.items[i]) === key) this.own().splice(i, 1);
  }

  /** Replaces every item (already sorted). */
  reset(items: T[]): void {
    this.items = items;
    this.shared = false;
  }

  private own(): T[] {
    if (this.shared) {
      this.items = this.items.slice();
      this.shared = false;
    }
    return this.items;
  }
}

/** True when two lists hold the same items in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A sorted list of paths with `path` in it (`present`) or not: a new array, or the same list when nothing changes. */
export function withPath(paths: string[], path: string, present: boolean): string[] {
  const i = lowerBound(paths, path, (p) => p);
  const has = paths[i] === path;
  if (has === present) return paths;
  const out = paths.slice();
  if (present) out.splice(i, 0, path);
  else out.splice(i, 1);
  return out;
}
