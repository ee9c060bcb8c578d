/**
 * File discovery for the CLI: which Markdown files and owner files
 * (CODEOWNERS / OWNERS) lie under the audited directory, how to read them, and
 * whether a linked path exists. Paths handed to the core are always POSIX and
 * relative to the root, also on Windows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { SopConfig } from '../core/types';

/** Directories that are never audited, whatever the configuration says. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/** Folders where a CODEOWNERS file is honoured (GitHub's rule); '' is the root. */
const CODEOWNERS_FOLDERS = new Set(['', '.github', 'docs']);

/** What lies under the root. */
export interface Discovery {
  /** Markdown files to audit, sorted. */
  markdown: string[];
  /** CODEOWNERS and OWNERS files, sorted. */
  ownerFiles: string[];
  /** Entries that could not be listed; the walk goes on without them. */
  errors: { path: string; message: string }[];
}

/**
 * Walks `root` and returns the Markdown files the configuration selects
 * (include/exclude globs and Markdown extensions) and every owner file.
 * `node_modules` and `.git` are always skipped. Symlinked directories are
 * followed only when they point inside the root to a directory not walked yet,
 * so a link back to a parent cannot loop and no file is audited twice.
 */
export function discover(root: string, config: Pick<SopConfig, 'include' | 'exclude' | 'markdownExtensions'>): Discovery {
  const included = picomatch(config.include.length > 0 ? config.include : ['**/*']);
  const excluded = config.exclude.length > 0 ? picomatch(config.exclude) : () => false;
  const extensions = config.markdownExtensions.map((e) => e.toLowerCase());
  const isMarkdown = (rel: string) => {
    const lower = rel.toLowerCase();
    return extensions.some((ext) => lower.endsWith(ext));
  };

  const result: Discovery = { markdown: [], ownerFiles: [], errors: [] };
  const realRoot = realpathOrSelf(root);
  const visited = new Set<string>();
  // Symlinked folders wait until every real folder is walked, so a link to a
  // folder that is also reachable directly never wins over the real path.
  const linkedDirs: { abs: string; rel: string }[] = [];

  const walk = (absDir: string, relDir: string) => {
    visited.add(realpathOrSelf(absDir));
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(absDir, { withFileTypes: true });
    } catch (err) {
      result.errors.push({ path: relDir || '.', message: `cannot list the folder: ${errorText(err)}` });
      return;
    }
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      const abs = path.join(absDir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = statOrUndefined(abs);
        if (!target) continue; // dangling link: nothing to audit
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir) {
        if (ALWAYS_SKIPPED.has(entry.name) || excluded(rel)) continue;
        if (entry.isSymbolicLink()) linkedDirs.push({ abs, rel });
        else walk(abs, rel);
      } else if (isFile) {
        if (isOwnerFileName(rel)) result.ownerFiles.push(rel);
        if (isMarkdown(rel) && included(rel) && !excluded(rel)) result.markdown.push(rel);
      }
    }
  };
  walk(root, '');
  for (let i = 0; i < linkedDirs.length; i++) {
    const { abs, rel } = linkedDirs[i];
    const real = realpathOrSelf(abs);
    if (!visited.has(real) && isInside(realRoot, real)) walk(abs, rel);
  }
  result.markdown.sort();
  result.ownerFiles.sort();
  return result;
}

/** True for CODEOWNERS at the root, in `.github/` or `docs/`, and for any `OWNERS` file. */
export function isOwnerFileName(rel: string): boolean {
  const slash = rel.lastIndexOf('/');
  const name = rel.slice(slash + 1);
  const folder = slash < 0 ? '' : rel.slice(0, slash);
  if (name === 'OWNERS') return true;
  return name === 'CODEOWNERS' && CODEOWNERS_FOLDERS.has(folder);
}

/** A file read as UTF-8, with a leading byte-order mark removed and remembered. */
export type ReadResult = { ok: true; text: string; bom: boolean } | { ok: false; message: string };

/** Reads `rel` under `root`; a failure is returned, not thrown, so the audit can go on. */
export function readTextFile(root: string, rel: string): ReadResult {
  try {
    const raw = fs.readFileSync(path.join(root, ...rel.split('/')), 'utf8');
    const bom = raw.charCodeAt(0) === 0xfeff;
    return { ok: true, text: bom ? raw.slice(1) : raw, bom };
  } catch (err) {
    return { ok: false, message: `cannot read the file: ${errorText(err)}` };
  }
}

/** Writes `text` back to `rel` under `root`, restoring the byte-order mark the file had. */
export function writeTextFile(root: string, rel: string, text: string, bom: boolean): void {
  fs.writeFileSync(path.join(root, ...rel.split('/')), bom ? `\uFEFF${text}` : text, 'utf8');
}

/**
 * A `fileExists(relPosixPath)` for link checking. Paths that resolve outside
 * the root count as missing: a link out of the repository will not work for
 * the reader of the published docs either. Answers are cached because the
 * same targets (indexes, shared images) are linked from many documents.
 */
export function createFileExists(root: string): (relPosixPath: string) => boolean {
  const absRoot = path.resolve(root);
  const cache = new Map<string, boolean>();
  return (relPosixPath) => {
    const abs = path.resolve(absRoot, ...relPosixPath.split('/'));
    const cached = cache.get(abs);
    if (cached !== undefined) return cached;
    const exists = isInside(absRoot, abs) && statOrUndefined(abs) !== undefined;
    cache.set(abs, exists);
    return exists;
  };
}

function isInside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function statOrUndefined(abs: string): fs.Stats | undefined {
  try {
    return fs.statSync(abs);
  } catch {
    return undefined;
  }
}

function realpathOrSelf(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    return path.resolve(abs);
  }
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code} (${e.message})` : String(e.message ?? err);
}
