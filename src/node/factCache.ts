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
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { SopDocument } from '../core/parse/facts';
import type { Report } from '../core/report/types';
import type { FactCache } from '../core/audit/workspace';
import { sha1 } from '../core/text';
import { processAlive, writeFileAtomic } from './atomic';
import { ENGINE_ID } from '../core/version';

/** Bumped when the file layout changes; older files are then ignored. */
const FORMAT = 2;

/** Told, in one line, why a cache file was not used (a damaged file, another build's); nothing for a missing file. */
export type CacheDiscard = (message: string) => void;

export interface CacheFileOptions {
  onDiscard?: CacheDiscard;
}

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

  constructor(
    readonly file: string,
    private readonly options: CacheFileOptions = {},
  ) {}

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
    const problem = writeCacheFile(
      this.file,
      'facts',
      serialize({ format: FORMAT, entries: kept } satisfies CacheFile),
    );
    if (problem) return problem;
    for (const key of [...entries.keys()]) if (!this.used.has(key)) entries.delete(key);
    this.changed = false;
    return undefined;
  }

  private load(): Map<string, SopDocument> {
    this.entries ??= readEntries(this.file, this.options.onDiscard);
    return this.entries;
  }
}

/** A short stable name for an audited root's cache files. */
function rootId(root: string): string {
  return sha1(path.resolve(root)).slice(0, 16);
}

function readEntries(file: string, onDiscard: CacheDiscard | undefined): Map<string, SopDocument> {
  const payload = readCacheFile(file, 'facts', onDiscard);
  if (!payload) return new Map();
  try {
    const data = deserialize(payload) as Partial<CacheFile> | null;
    if (data && data.format === FORMAT && Array.isArray(data.entries)) return new Map(data.entries);
  } catch {
    // Checked bytes that do not hold facts of this layout: treated like a damaged file.
  }
  onDiscard?.(discardMessage(file, 'facts', 'does not hold facts of this version'));
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
  constructor(
    readonly file: string,
    private readonly options: CacheFileOptions = {},
  ) {}

  /** The memo file of an audited root inside a cache folder, beside its facts. */
  static fileFor(cacheDir: string, root: string): string {
    return path.join(cacheDir, `${rootId(root)}.report`);
  }

  /** The report memoised under `key`, if every probe still answers the same. */
  get(key: string, fileExists: (path: string) => boolean): Report | undefined {
    const payload = readCacheFile(this.file, 'report', this.options.onDiscard);
    if (!payload) return undefined;
    let memo: Partial<MemoFile>;
    try {
      memo = JSON.parse(payload.toString('utf8')) as Partial<MemoFile>;
    } catch {
      this.options.onDiscard?.(discardMessage(this.file, 'report', 'does not hold a report of this version'));
      return undefined;
    }
    if (memo.format !== FORMAT || memo.key !== key || !Array.isArray(memo.probes) || !memo.report) return undefined;
    return memo.probes.every(([p, exists]) => fileExists(p) === exists) ? memo.report : undefined;
  }

  /**
   * Stores `report` under `key` with the file-existence answers it used; returns an error message instead of throwing.
   */
  save(key: string, probes: ReadonlyMap<string, boolean>, report: Report): string | undefined {
    return writeCacheFile(
      this.file,
      'report',
      Buffer.from(JSON.stringify({ format: FORMAT, key, probes: [...probes], report } satisfies MemoFile), 'utf8'),
    );
  }
}

/*
 * A cache file checks itself: MAGIC, the engine build (one length byte and
 * its bytes), a SHA-256 of all of that and the payload, then the payload.
 * One changed byte anywhere (a bit flip on the disk, a hand edit, a file of
 * another build) fails the check, and the file is treated as absent: the
 * audit parses again and writes a good one. Facts or a report that do not
 * belong to this build and these bytes are never served.
 */
const MAGIC = Buffer.from('SOPMCACHE\n', 'latin1');
const DIGEST_BYTES = 32;

type CacheKind = 'facts' | 'report';

function digest(kind: CacheKind, engine: Buffer, payload: Uint8Array): Buffer {
  return createHash('sha256').update(MAGIC).update(kind).update(engine).update(payload).digest();
}

/** The checked payload of a cache file; undefined when it is missing or fails the check (`onDiscard` says which). */
function readCacheFile(file: string, kind: CacheKind, onDiscard: CacheDiscard | undefined): Buffer | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const engine = Buffer.from(ENGINE_ID, 'utf8');
  const magicOk = data.length > MAGIC.length && data.subarray(0, MAGIC.length).equals(MAGIC);
  const engineStart = MAGIC.length + 1;
  const storedEngine = magicOk ? data.subarray(engineStart, engineStart + data[MAGIC.length]) : undefined;
  if (!storedEngine || !storedEngine.equals(engine)) {
    onDiscard?.(
      discardMessage(
        file,
        kind,
        magicOk ? 'was written by another build of sop-maturity' : 'is not a cache file of this version',
      ),
    );
    return undefined;
  }
  const payloadStart = engineStart + engine.length + DIGEST_BYTES;
  const stored = data.subarray(engineStart + engine.length, payloadStart);
  const payload = data.subarray(payloadStart);
  if (stored.length !== DIGEST_BYTES || !stored.equals(digest(kind, engine, payload))) {
    onDiscard?.(discardMessage(file, kind, 'failed its checksum (damaged)'));
    return undefined;
  }
  return payload;
}

/**
 * Writes a cache file with its check, atomically (see `writeFileAtomic`),
 * removing temporary files a killed run left beside it. Returns an error
 * message instead of throwing: a cache that cannot be written must not fail an audit.
 */
function writeCacheFile(file: string, kind: CacheKind, payload: Uint8Array): string | undefined {
  const engine = Buffer.from(ENGINE_ID, 'utf8');
  if (engine.length > 255) return 'cannot write the cache: the engine build name is too long';
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    removeLegacyTemps(path.dirname(file));
    writeFileAtomic(
      file,
      Buffer.concat([MAGIC, Buffer.from([engine.length]), engine, digest(kind, engine, payload), payload]),
      { cleanLeftovers: true },
    );
    return undefined;
  } catch (err) {
    return `cannot write the cache ${path.basename(file)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
}

/** Temporary files of earlier versions (`ID.facts.PID.tmp`), which a killed run left for good. */
const LEGACY_TEMP = /^[0-9a-f]{16}\.(?:facts|report\.json)\.(\d+)\.tmp$/;

function removeLegacyTemps(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = LEGACY_TEMP.exec(name);
    // A live process of that number may still be writing it.
    if (m && !processAlive(Number(m[1]))) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * "the fact cache 1a2b….facts failed its checksum (damaged): discarded, …" (the file's name only: no home folder in a
 * log).
 */
function discardMessage(file: string, kind: CacheKind, why: string): string {
  const what = kind === 'facts' ? `the fact cache ${path.basename(file)}` : `the report memo ${path.basename(file)}`;
  return `${what} ${why}: discarded, ${kind === 'facts' ? 'parsing the files again' : 'auditing afresh'}`;
}
