/**
 * Which files of a folder the audit reads: the configuration's include and
 * exclude globs and Markdown extensions, with the same meaning as in the CLI
 * (an excluded folder excludes everything below it, node_modules and .git are
 * never audited).
 */
import type { SopConfig } from '../core/types';
import { fileSelection } from '../core/glob';

/** A test on POSIX paths relative to the folder root. */
export type PathSelector = (relPath: string) => boolean;

/** The selector of Markdown files to audit under `config` (the core's selection, shared with the CLI and the history). */
export function markdownSelector(config: SopConfig): PathSelector {
  return fileSelection(config).selects;
}

/**
 * One `findFiles` glob for every configured Markdown extension
 * (`**\/*{.md,.markdown}`); the selector then applies include and exclude.
 */
export function markdownGlob(config: Pick<SopConfig, 'markdownExtensions'>): string {
  const exts = [...new Set(config.markdownExtensions.map((e) => e.toLowerCase()))];
  return exts.length === 1 ? `**/*${exts[0]}` : `**/*{${exts.join(',')}}`;
}
