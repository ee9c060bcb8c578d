/**
 * A fact cache kept in one file between audits: every document's facts
 * (never its syntax tree) by `Workspace.cacheKey`, which covers the engine
 * version, the rubric fingerprint, the path and the text. A changed rubric
 * or engine therefore simply misses; nothing has to be invalidated by hand.
 *
 * The file is written with `v8.serialize`: it keeps `undefined` members and
 * `Date` values of front matter exactly (JSON would not, and the report must
 * not depend on whether facts came from the cache), and reads faster than
 * JSON.parse for this shape of data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { SopDocument } from './types';
import type { FactCache } from './workspace';
import { sha1 } from './text';

/** Bumped when the file layout changes; older files are then ignored. */
const FORMAT = 1;

interface CacheFile {
  format: number;
  entries: [string, SopDocument][];
}

/**
 * A `FactCache` loaded from and saved to one file. Entries not read or
 * written since loading are dropped on `save()`, so the file holds only what
 * the last audit used and does not grow with every edit.
 */
export class FileFactCache implements FactCache {
  private readonly entries: Map<string, SopDocument>;
  private readonly used = new Set<string>();
  private changed = false;

  private constructor(
    readonly file: string,
    entries: Map<string, SopDocument>,
  ) {
    this.entries = entries;
  }

  /** Loads the cache file; a missing, unreadable, corrupt or outdated file gives an empty cache. */
  static load(file: string): FileFactCache {
    return new FileFactCache(file, readEntries(file));
  }

  /** The cache file for an audited root inside a cache folder (one file per root). */
  static fileFor(cacheDir: string, root: string): string {
    return path.join(cacheDir, `${sha1(path.resolve(root)).slice(0, 16)}.facts`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): SopDocument | undefined {
    const doc = this.entries.get(key);
    if (doc) this.used.add(key);
    return doc;
  }

  set(key: string, doc: SopDocument): void {
    this.entries.set(key, doc);
    this.used.add(key);
    this.changed = true;
  }

  /**
   * Writes the entries used since loading (atomically: a temporary file,
   * then a rename, so a concurrent reader never sees half a file). Skips the
   * write when nothing changed. Returns an error message instead of
   * throwing: a cache that cannot be written must not fail an audit.
   */
  save(): string | undefined {
    if (!this.changed && this.used.size === this.entries.size) return undefined;
    const kept: [string, SopDocument][] = [];
    for (const key of this.used) kept.push([key, this.entries.get(key) as SopDocument]);
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(tmp, serialize({ format: FORMAT, entries: kept } satisfies CacheFile));
      fs.renameSync(tmp, this.file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      return `cannot write the cache ${this.file}: ${(err as Error).message}`;
    }
    for (const key of [...this.entries.keys()]) if (!this.used.has(key)) this.entries.delete(key);
    this.changed = false;
    return undefined;
  }
}

function readEntries(file: string): Map<string, SopDocument> {
  try {
    const data = deserialize(fs.readFileSync(file)) as Partial<CacheFile> | null;
    if (data && data.format === FORMAT && Array.isArray(data.entries)) return new Map(data.entries);
  } catch {
    // A missing or damaged cache is an empty cache: the audit parses again and rewrites it.
  }
  return new Map();
}
