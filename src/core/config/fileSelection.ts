/**
 * The one file selection (include/exclude globs, Markdown extensions,
 * never-walked folders) that the CLI's discovery, the extension and the
 * history share: which files of a root the audit reads.
 */
import type { SopConfig } from './types';
import { NEVER_WALKED } from './builtinExcludes';
import { compileGlobs, type GlobProblem } from './glob';

const NEVER_WALKED_SET: ReadonlySet<string> = new Set(NEVER_WALKED);

/** Which files of a root the audit reads: the same answer in every shell. */
export interface FileSelection {
  /** True when the folder `rel` and everything below it are left out (node_modules, .git, an exclude glob). */
  skipsFolder(rel: string): boolean;
  /**
   * True when the file `rel` is Markdown, included and not excluded; the folders above it are not looked at (a walk
   * has done that).
   */
  takesFile(rel: string): boolean;
  /** `takesFile`, and no folder above `rel` is left out. */
  selects(rel: string): boolean;
  /** Include and exclude globs that were refused (they match nothing). */
  problems: (GlobProblem & { key: 'include' | 'exclude' })[];
}

/**
 * The selection of `config`: by extension and include globs, minus excluded files and anything below an excluded or
 * never-walked folder.
 */
export function fileSelection(config: Pick<SopConfig, 'include' | 'exclude' | 'markdownExtensions'>): FileSelection {
  const include = compileGlobs(config.include.length > 0 ? config.include : ['**/*']);
  const exclude = config.exclude.length > 0 ? compileGlobs(config.exclude) : { match: () => false, problems: [] };
  const skipsFolder = (rel: string) => NEVER_WALKED_SET.has(rel.slice(rel.lastIndexOf('/') + 1)) || exclude.match(rel);
  const extensions = config.markdownExtensions.map((e) => e.toLowerCase());
  const isMarkdown = (rel: string) => {
    const lower = rel.toLowerCase();
    return extensions.some((ext) => lower.endsWith(ext));
  };
  const takesFile = (rel: string) => isMarkdown(rel) && include.match(rel) && !exclude.match(rel);
  return {
    skipsFolder,
    takesFile,
    selects(rel) {
      if (!takesFile(rel)) return false;
      for (let slash = rel.indexOf('/'); slash >= 0; slash = rel.indexOf('/', slash + 1)) {
        if (skipsFolder(rel.slice(0, slash))) return false;
      }
      return true;
    },
    problems: [
      ...include.problems.map((p) => ({ ...p, key: 'include' as const })),
      ...exclude.problems.map((p) => ({ ...p, key: 'exclude' as const })),
    ],
  };
}
