/**
 * Which files of a folder the audit reads: the configuration's include and
 * exclude globs and Markdown extensions, with the same meaning as in the CLI
 * (an excluded folder excludes everything below it).
 */
import picomatch from 'picomatch';
import type { SopConfig } from '../core/types';
import { isMarkdownPath } from '../core';

/** A test on POSIX paths relative to the folder root. */
export type PathSelector = (relPath: string) => boolean;

/** The selector of Markdown files to audit under `config`. */
export function markdownSelector(config: SopConfig): PathSelector {
  const included = picomatch(config.include.length > 0 ? config.include : ['**/*']);
  const excluded = config.exclude.length > 0 ? picomatch(config.exclude) : () => false;
  return (rel) => {
    if (!isMarkdownPath(rel, config) || !included(rel) || excluded(rel)) return false;
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (excluded(parts.slice(0, i).join('/'))) return false;
    }
    return true;
  };
}

/**
 * One `findFiles` glob for every configured Markdown extension
 * (`**\/*{.md,.markdown}`); the selector then applies include and exclude.
 */
export function markdownGlob(config: Pick<SopConfig, 'markdownExtensions'>): string {
  const exts = [...new Set(config.markdownExtensions.map((e) => e.toLowerCase()))];
  return exts.length === 1 ? `**/*${exts[0]}` : `**/*{${exts.join(',')}}`;
}
