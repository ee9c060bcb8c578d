/**
 * Reading a git repository without touching its working tree: commands run
 * through `git` itself (no library, so every repository format git supports
 * works), blobs come through one long-lived `git cat-file --batch` process.
 * Used by the history engine and by `audit --changed-since`; no `vscode`.
 */
import { execFile, execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** A git command failed; the message says which and why, in words a user can act on. */
export class GitError extends Error {
  override name = 'GitError';
}

/** Large trees and long histories print a lot: allow up to 512 MiB of output. */
const MAX_OUTPUT = 512 * 1024 * 1024;

function describeFailure(args: readonly string[], err: unknown, stderr: string): GitError {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return new GitError('git is not installed or not on the PATH');
  const detail = stderr.trim().split('\n')[0] || e?.message || String(err);
  return new GitError(`git ${args[0]} failed: ${detail}`);
}

/** Runs `git ARGS` in `cwd` and returns its standard output. @throws GitError */
export function gitSync(cwd: string, args: readonly string[]): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: MAX_OUTPUT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    throw describeFailure(args, err, String((err as { stderr?: unknown }).stderr ?? ''));
  }
}

/** Runs `git ARGS` in `cwd` without blocking and resolves with its standard output. @throws GitError */
export function git(cwd: string, args: readonly string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: MAX_OUTPUT, signal }, (err, stdout, stderr) => {
      if (!err) resolve(stdout);
      else if (signal?.aborted) reject(signal.reason);
      else reject(describeFailure(args, err, stderr));
    });
  });
}

/** Splits NUL-terminated output (`-z`) into its records. */
export function splitNul(output: string): string[] {
  return output.split('\0').filter((s) => s !== '');
}

/** One entry of `git ls-tree -r`. */
export interface TreeEntry {
  /** Path relative to the listed tree, POSIX. */
  path: string;
  /** `100644`, `100755`, `120000` (symbolic link), `160000` (submodule). */
  mode: string;
  type: string;
  oid: string;
}

/** Parses `git ls-tree -r -z` output: `MODE SP TYPE SP OID TAB PATH NUL` per entry. */
export function parseLsTree(output: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of splitNul(output)) {
    const tab = record.indexOf('\t');
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    entries.push({ mode, type, oid, path: record.slice(tab + 1) });
  }
  return entries;
}

/**
 * Where `dir` lies in its repository: the work tree's top folder and the
 * prefix of `dir` inside it (`""` at the top, else ending in `/`).
 * @throws GitError when `dir` is not inside a git work tree.
 */
export function repositoryOf(dir: string): { top: string; prefix: string } {
  let out: string;
  try {
    out = gitSync(dir, ['rev-parse', '--show-toplevel', '--show-prefix']);
  } catch (err) {
    if (/not installed/.test((err as Error).message)) throw err;
    throw new GitError(`${dir} is not inside a git repository`);
  }
  const [top, prefix = ''] = out.split('\n');
  return { top, prefix };
}

/**
 * The files, relative to `dir`, that differ from revision `rev`: committed
 * since the merge base (`git diff REV...HEAD`, as a pull request shows them),
 * staged or unstaged changes, and untracked files that are not ignored.
 * @throws GitError outside a repository or when `rev` names no commit.
 */
export function changedFilesSince(dir: string, rev: string): Set<string> {
  repositoryOf(dir);
  try {
    gitSync(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  } catch {
    throw new GitError(`unknown revision "${rev}": expected a commit, branch or tag of this repository`);
  }
  const lists = [
    gitSync(dir, ['diff', '--name-only', '-z', '--relative', '--end-of-options', `${rev}...HEAD`]),
    gitSync(dir, ['diff', '--name-only', '-z', '--relative', 'HEAD']),
    gitSync(dir, ['ls-files', '--others', '--exclude-standard', '-z']),
  ];
  return new Set(lists.flatMap(splitNul));
}

interface PendingRead {
  resolve(content: Buffer | undefined): void;
  reject(err: Error): void;
}

/**
 * Reads blobs by id through one `git cat-file --batch` process, so reading
 * thousands of files costs one process start rather than thousands.
 * Requests are written as they come and answered in order, which pipelines
 * them: callers may issue many reads before awaiting any.
 */
export class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: PendingRead[] = [];
  /** What has arrived and not been answered yet, in chunks: joined only once the next answer is complete. */
  private chunks: Buffer[] = [];
  private received = 0;
  /** Bytes the next answer needs (header and content), once its header has been read; 0 before. */
  private needed = 0;
  private stderr = '';
  private failure: Error | undefined;

  constructor(cwd: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.child.on('error', (err) => this.fail(describeFailure(['cat-file'], err, this.stderr)));
    this.child.on('close', (code) =>
      this.fail(new GitError(`git cat-file ended (exit code ${code}): ${this.stderr.trim() || 'no message'}`)),
    );
    // A write after the process died raises EPIPE here; the close handler above already reports it.
    this.child.stdin.on('error', () => undefined);
  }

  /** The content of blob `oid`, or undefined when the repository does not have it. */
  read(oid: string): Promise<Buffer | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(`${oid}\n`);
    });
  }

  /** Ends the process; reads still waiting fail. */
  close(): void {
    this.fail(new GitError('the blob reader was closed'));
    this.child.stdin.end();
    if (this.child.exitCode === null) this.child.kill();
  }

  /** Answers are `OID TYPE SIZE LF CONTENT LF`, or `NAME missing LF` for an unknown object. */
  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.received += chunk.length;
    // A large blob comes in many chunks: they are joined once it is all there, not once per chunk.
    if (this.received < this.needed) return;
    let buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.received);
    this.needed = 0;
    while (this.pending.length > 0) {
      const lf = buffer.indexOf(10);
      if (lf < 0) break;
      const header = buffer.toString('latin1', 0, lf);
      const space = header.lastIndexOf(' ');
      const size = Number(header.slice(space + 1));
      if (!Number.isInteger(size)) {
        buffer = buffer.subarray(lf + 1);
        this.pending.shift()!.resolve(undefined);
        continue;
      }
      const end = lf + 1 + size;
      if (buffer.length < end + 1) {
        this.needed = end + 1;
        break;
      }
      // Copy the blob out so the (possibly large) chunk it came in can be freed.
      const content = Buffer.from(buffer.subarray(lf + 1, end));
      buffer = buffer.subarray(end + 1);
      this.pending.shift()!.resolve(content);
    }
    this.chunks = buffer.length > 0 ? [buffer] : [];
    this.received = buffer.length;
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.splice(0)) p.reject(this.failure);
  }
}
