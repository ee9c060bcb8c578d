/**
 * A fact cache kept in one file between audits: every document's facts
 * (never its syntax tree) by `Workspace.cacheKey`, which covers the engine
 * version, the rubric fingerprint, the path and the text. A changed rubric
 * or engine therefore simply misses; nothing has to be invalidated by hand.
 *
 * Facts are written with `v8.serialize`. JSON reads about 2.5x faster
 * (10k documents, 124 MB: 2.0 s against 5.6 s) but loses `undefined` members
 * and the `Date` values TOML and YAML 1.1 front matter produce, and a report
 * must not depend on whether its facts came from the cache. The report memo
 * (below) is what keeps the warm audit from reading the facts at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Report, SopDocument } from './types';
import type { FactCache } from './workspace';
import { sha1 } from './text';

/** Bumped when the file layout changes; older files are then ignored. */
const FORMAT = 1;

interface CacheFile {
  format: number;
  entries: [string, SopDocument][];
}

/**
 * A `FactCache` kept in one file. The file is read on first use, so an audit
 * answered from the report memo never pays for it. Entries not read or
 * written since loading are dropped on `save()`, so the file holds only what
 * the last audit used and does not grow with every edit.
 */
export class FileFactCache implements FactCache {
  private entries: Map<string, SopDocument> | undefined;
  private readonly used = new Set<string>();
  private changed = false;

  constructor(readonly file: string) {}

  /** The facts file of an audited root inside a cache folder (one per root). */
  static fileFor(cacheDir: string, root: string): string {
    return path.join(cacheDir, `${rootId(root)}.facts`);
  }

  /** Entries held now (loading the file if it was not read yet). */
  get size(): number {
    return this.load().size;
  }

  get(key: string): SopDocument | undefined {
    const doc = this.load().get(key);
    if (doc) this.used.add(key);
    return doc;
  }

  set(key: string, doc: SopDocument): void {
    // Running out of time says more about this machine's load than about the file: parse it again next time.
    if (doc.timedOut) return;
    this.load().set(key, doc);
    this.used.add(key);
    this.changed = true;
  }

  /**
   * Writes the entries used since loading; skips the write when the file was
   * never read or nothing changed. Returns an error message instead of
   * throwing: a cache that cannot be written must not fail an audit.
   */
  save(): string | undefined {
    const entries = this.entries;
    if (!entries || (!this.changed && this.used.size === entries.size)) return undefined;
    const kept: [string, SopDocument][] = [];
    for (const key of this.used) kept.push([key, entries.get(key) as SopDocument]);
    const problem = writeAtomically(this.file, serialize({ format: FORMAT, entries: kept } satisfies CacheFile));
    if (problem) return problem;
    for (const key of [...entries.keys()]) if (!this.used.has(key)) entries.delete(key);
    this.changed = false;
    return undefined;
  }

  private load(): Map<string, SopDocument> {
    this.entries ??= readEntries(this.file);
    return this.entries;
  }
}

/** A short stable name for an audited root's cache files. */
function rootId(root: string): string {
  return sha1(path.resolve(root)).slice(0, 16);
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

/** What a memoised report was computed from, beyond its key: every file-existence answer it relied on. */
interface MemoFile {
  format: number;
  key: string;
  probes: [string, boolean][];
  report: Report;
}

/**
 * The last report of an audited root, for the warm audit where nothing
 * changed: valid while the key (engine, rubric, configuration, audit date,
 * every file's cache key, owner files) is the same and every path the
 * link check asked about still exists or not as before. Kept apart from the
 * facts so that a warm audit never has to read them.
 */
export class ReportMemo {
  constructor(readonly file: string) {}

  /** The memo file of an audited root inside a cache folder, beside its facts. */
  static fileFor(cacheDir: string, root: string): string {
    return path.join(cacheDir, `${rootId(root)}.report.json`);
  }

  /** The report memoised under `key`, if every probe still answers the same. */
  get(key: string, fileExists: (path: string) => boolean): Report | undefined {
    try {
      const memo = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<MemoFile>;
      if (memo.format !== FORMAT || memo.key !== key || !Array.isArray(memo.probes) || !memo.report) return undefined;
      return memo.probes.every(([p, exists]) => fileExists(p) === exists) ? memo.report : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores `report` under `key` with the file-existence answers it used; returns an error message instead of throwing. */
  save(key: string, probes: ReadonlyMap<string, boolean>, report: Report): string | undefined {
    return writeAtomically(this.file, JSON.stringify({ format: FORMAT, key, probes: [...probes], report } satisfies MemoFile));
  }
}

/** Writes through a temporary file and a rename, so a concurrent reader never sees half a file. */
function writeAtomically(file: string, data: string | Uint8Array): string | undefined {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
    return undefined;
  } catch (err) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // The folder itself is unusable: there is no temporary file to remove.
    }
    return `cannot write the cache ${file}: ${(err as Error).message}`;
  }
}
