/**
 * The central documentation folder: configured, or found by the default
 * rule of RUBRIC.md (the conventional folder holding most procedures).
 */
import type { SopDocument } from '../parse/facts';

/**
 * Counts the procedures below each folder named like a knowledge base
 * (`docs`, `sops`, ...); the highest count wins, ties go to the shallowest,
 * then alphabetical, provided it holds at least half of all procedures.
 * '' (the root) otherwise, or when there is none: a folder with a minority
 * of the procedures is not where the team keeps them.
 */
export function defaultCentralFolder(procedures: readonly SopDocument[], names: readonly string[]): string {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const counts = new Map<string, number>();
  for (const d of procedures) {
    const parts = d.path.split('/').slice(0, -1);
    for (let i = 0; i < parts.length; i++) {
      if (!wanted.has(parts[i].toLowerCase())) continue;
      const folder = parts.slice(0, i + 1).join('/');
      counts.set(folder, (counts.get(folder) ?? 0) + 1);
    }
  }
  let best = '';
  let bestCount = 0;
  for (const [folder, n] of counts) {
    const depth = folder.split('/').length;
    const bestDepth = best.split('/').length;
    if (n > bestCount || (n === bestCount && (depth < bestDepth || (depth === bestDepth && folder < best)))) {
      best = folder;
      bestCount = n;
    }
  }
  return bestCount * 2 >= procedures.length ? best : '';
}

/** A folder's place in the default rule: procedures below it and its depth. */
interface FolderCount {
  count: number;
  depth: number;
}

/** True when folder `a` (with `ca`) wins over folder `b` (with `cb`) by the default rule's order. */
function beats(a: string, ca: FolderCount, b: string, cb: FolderCount): boolean {
  return ca.count > cb.count || (ca.count === cb.count && (ca.depth < cb.depth || (ca.depth === cb.depth && a < b)));
}

/**
 * `defaultCentralFolder` kept up to date procedure by procedure: per folder
 * named like a knowledge base, how many procedures lie below it, and the
 * winner, so that a procedure added or removed costs its own path (and,
 * when the winner loses one, a look over the counted folders, never over
 * the procedures).
 */
export class CentralFolderCounts {
  private readonly wanted: ReadonlySet<string>;
  private readonly counts = new Map<string, FolderCount>();
  private procedures = 0;
  /** The folder with the most procedures ('' when none is counted); undefined: to be found again. */
  private best: string | undefined = '';

  constructor(names: readonly string[]) {
    this.wanted = new Set(names.map((n) => n.toLowerCase()));
  }

  /** Counts a procedure at `path` in (`sign` 1) or out (-1). */
  add(path: string, sign: 1 | -1): void {
    this.procedures += sign;
    let start = 0;
    let depth = 0;
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      depth++;
      const name = path.slice(start, i);
      start = i + 1;
      if (!this.wanted.has(name.toLowerCase())) continue;
      const folder = path.slice(0, i);
      let c = this.counts.get(folder);
      if (!c) this.counts.set(folder, (c = { count: 0, depth }));
      c.count += sign;
      if (c.count <= 0) this.counts.delete(folder);
      this.moved(folder, c, sign);
    }
  }

  /** Keeps `best` right after `folder` went to `c` procedures, or drops it to be found again. */
  private moved(folder: string, c: FolderCount, sign: 1 | -1): void {
    const best = this.best;
    if (best === undefined) return;
    if (sign < 0) {
      if (folder === best) this.best = undefined;
      return;
    }
    if (folder === best) return;
    const held = best === '' ? undefined : this.counts.get(best);
    if (!held || beats(folder, c, best, held)) this.best = folder;
  }

  /** The central folder by the default rule (what `defaultCentralFolder` gives for the procedures counted). */
  get folder(): string {
    if (this.best === undefined) {
      let best = '';
      let held: FolderCount | undefined;
      for (const [folder, c] of this.counts)
        if (!held || beats(folder, c, best, held)) {
          best = folder;
          held = c;
        }
      this.best = best;
    }
    const count = this.best === '' ? 0 : (this.counts.get(this.best)?.count ?? 0);
    return count * 2 >= this.procedures ? this.best : '';
  }
}
