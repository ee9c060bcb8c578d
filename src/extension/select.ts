/**
 * Which files of an audit root the audit reads: the configuration's include
 * and exclude globs and Markdown extensions, with the same meaning as in the
 * CLI (an excluded folder excludes everything below it, node_modules and .git
 * are never audited), plus what `.gitignore` and VS Code's `files.exclude`
 * leave out, and the nested audit roots (folders with their own
 * `.sopmaturity.yml`), which are audited on their own.
 */
import type { SopConfig } from '../core/config/types';
import { fileSelection } from '../core/config/fileSelection';

/** A test on POSIX paths relative to the folder root. */
export type PathSelector = (relPath: string) => boolean;

/**
 * The selector of Markdown files to audit under `config` (the core's selection, shared with the CLI and the history).
 */
export function markdownSelector(config: SopConfig): PathSelector {
  return fileSelection(config).selects;
}

/**
 * One watcher glob for every configured Markdown extension
 * (`**\/*{.md,.markdown}`); the selector then applies include and exclude.
 */
export function markdownGlob(config: Pick<SopConfig, 'markdownExtensions'>): string {
  const exts = [...new Set(config.markdownExtensions.map((e) => e.toLowerCase()))];
  return exts.length === 1 ? `**/*${exts[0]}` : `**/*{${exts.join(',')}}`;
}

/**
 * The `files.exclude` patterns that are switched on (`true`; a `when`
 * clause depends on sibling files and is left to VS Code's explorer), as
 * globs relative to the audit root `rootPath` (relative to the workspace
 * folder): patterns that start with `**` apply anywhere, others only when
 * they lie below the root.
 */
export function filesExclude(setting: unknown, rootPath: string): string[] {
  if (typeof setting !== 'object' || setting === null) return [];
  const out: string[] = [];
  for (const [glob, on] of Object.entries(setting as Record<string, unknown>)) {
    if (on !== true || glob.trim() === '') continue;
    const pattern = glob
      .trim()
      .replace(/^\.\/+/, '')
      .replace(/\/+$/, '');
    if (rootPath === '' || pattern.startsWith('**')) out.push(pattern);
    else if (pattern.startsWith(`${rootPath}/`)) out.push(pattern.slice(rootPath.length + 1));
  }
  return out;
}

/**
 * Discovery with audit roots, `.gitignore` and extra excludes: the CLI's, so that the editor and CI read the same
 * files.
 */
export { discover, loadPathRules, type PathRules } from '../node/discover';
