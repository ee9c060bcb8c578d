/**
 * Owners assigned outside a document: a `CODEOWNERS` file (root, `.github/`
 * or `docs/`, first one found, as GitHub reads it) or Kubernetes-style
 * `OWNERS` files in a document's folder or above.
 */
import { parse as parseYaml } from 'yaml';
import { MAX_YAML_ALIASES } from './frontmatter';
import { MAX_GLOB_LENGTH, compileGlobs } from '../config/glob';
import type { ReportError } from '../report/types';

/** Where a CODEOWNERS file is read, in GitHub's order: the first one found is the one used. */
const CODEOWNERS_PLACES: readonly string[] = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** A Kubernetes-style owners file, read in any folder. */
const OWNERS = 'OWNERS';

/** The names of owner files, for file watchers (a CODEOWNERS file counts only where `isOwnerFile` says). */
export const OWNER_FILE_NAMES: readonly string[] = ['CODEOWNERS', OWNERS];

/** True for files the owner rules come from: CODEOWNERS at the root, in `.github/` or `docs/`; any OWNERS file. */
export function isOwnerFile(path: string): boolean {
  return CODEOWNERS_PLACES.includes(path) || isOwnersFile(path);
}

function isOwnersFile(path: string): boolean {
  return path === OWNERS || path.endsWith(`/${OWNERS}`);
}

interface CodeownersRule {
  match: (path: string) => boolean;
  owners: string[];
  line: number;
}

/** Owner rules of one workspace, rebuilt when an owner file changes. */
export class OwnerRules {
  private codeowners: { path: string; rules: CodeownersRule[] } | undefined;
  private readonly ownersFiles = new Map<string, string[]>();
  /** CODEOWNERS lines that were ignored (a pattern refused as too long), with file, line and column. */
  readonly errors: ReportError[] = [];

  /** Builds the rules from the owner files' texts (path → text). */
  constructor(files: ReadonlyMap<string, string>) {
    const co = CODEOWNERS_PLACES.find((p) => files.has(p));
    if (co) this.codeowners = { path: co, rules: parseCodeowners(co, files.get(co) ?? '', this.errors) };
    for (const [path, text] of files) {
      if (isOwnersFile(path)) {
        const dir = path === OWNERS ? '' : path.slice(0, -`/${OWNERS}`.length);
        const owners = parseOwnersFile(text);
        if (owners.length > 0) this.ownersFiles.set(dir, owners);
      }
    }
  }

  /** The owner of `path` from CODEOWNERS (last matching rule wins) or the nearest OWNERS file. */
  ownerOf(path: string): { value: string; source: 'codeowners' | 'owners-file'; origin: string } | undefined {
    if (this.codeowners) {
      const rules = this.codeowners.rules;
      for (let i = rules.length - 1; i >= 0; i--) {
        if (rules[i].match(path)) {
          if (rules[i].owners.length === 0) break;
          return {
            value: rules[i].owners.join(', '),
            source: 'codeowners',
            origin: `${this.codeowners.path}:${rules[i].line}`,
          };
        }
      }
    }
    let dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    for (;;) {
      const owners = this.ownersFiles.get(dir);
      if (owners) return { value: owners.join(', '), source: 'owners-file', origin: dir ? `${dir}/${OWNERS}` : OWNERS };
      if (dir === '') return undefined;
      dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    }
  }
}

/**
 * Reads CODEOWNERS lines: `pattern owner owner ...`, `#` comments. A line
 * whose pattern is refused is skipped, as GitHub skips a line it cannot read,
 * and recorded in `errors`.
 */
function parseCodeowners(file: string, text: string, errors: ReportError[]): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line || line.startsWith('[')) return;
    const [pattern, ...owners] = line.split(/\s+/);
    const column = raw.indexOf(pattern) + 1;
    const refuse = (why: string) =>
      errors.push({ path: file, line: i + 1, column, message: `CODEOWNERS pattern ${why}: the line is ignored` });
    if (pattern.length > MAX_GLOB_LENGTH) {
      refuse(`is ${pattern.length} characters long, over the limit of ${MAX_GLOB_LENGTH}`);
      return;
    }
    const { match, problems } = codeownersMatcher(pattern);
    if (problems.length > 0) refuse(problems[0].message);
    else rules.push({ match, owners, line: i + 1 });
  });
  return rules;
}

/**
 * A CODEOWNERS pattern (gitignore rules: wildcards match dot files; GitHub
 * supports no braces and no `!` negation, so both are plain characters) as a
 * path matcher. Matching never backtracks (see glob.ts), so a
 * hostile pattern such as `**\/*a*a*a*a*a*a*b` costs no more than a plain one.
 */
function codeownersMatcher(pattern: string): ReturnType<typeof compileGlobs> {
  let p = pattern;
  const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
  p = p.replace(/^\//, '');
  const dirOnly = p.endsWith('/');
  p = p.replace(/\/$/, '');
  if (p === '*' || p === '**') return { match: () => true, problems: [] };
  const base = anchored ? p : `**/${p}`;
  const globs = dirOnly ? [`${base}/**`] : [base, `${base}/**`];
  // The user's pattern was checked against MAX_GLOB_LENGTH; the prefix and suffix added here do not count.
  return compileGlobs(globs, { dot: true, braces: false, negation: false, maxLength: MAX_GLOB_LENGTH + 6 });
}

/** `approvers:` and `reviewers:` of a Kubernetes-style OWNERS file. */
function parseOwnersFile(text: string): string[] {
  try {
    const data = parseYaml(text, { maxAliasCount: MAX_YAML_ALIASES }) as Record<string, unknown> | null;
    if (!data || typeof data !== 'object') return [];
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const approvers = list(data.approvers);
    return approvers.length > 0 ? approvers : list(data.reviewers);
  } catch {
    return [];
  }
}
