/** The configuration (`.sopmaturity.yml` merged with the defaults) and its located errors. */
import type { Severity } from '../rubric/types';

export interface SopConfig {
  include: string[];
  exclude: string[];
  /** Central folder, POSIX relative to the root; undefined means the default rule. */
  centralFolder?: string;
  /** Rubric file relative to the root, or undefined for the built-in one. */
  rubric?: string;
  /** ISO date the audit is made as of; undefined means today. */
  asOf?: string;
  /** File name endings that are Markdown (".md", ".markdown", ...). */
  markdownExtensions: string[];
  /** Severity overrides by check id. */
  severity: Record<string, Severity | 'off'>;
  /** Per-file budget. */
  maxFileBytes: number;
  maxParseMs: number;
  /**
   * The documentation site's source root, POSIX relative to the root; undefined: detected from the site generator's
   * files.
   */
  siteRoot?: string;
  /**
   * Link checking: globs of link targets (as written, or resolved from the root) that are never checked, such as pages
   * a site builds from data.
   */
  links: { ignore: string[] };
  /** Leave out what `.gitignore` files (and `.git/info/exclude`) ignore; undefined means true. */
  gitignore?: boolean;
  /** The review queue's due-soon window in days; undefined means 30. */
  reviewWindowDays?: number;
  /** Targets: reach an overall level, or a share of procedures passing a check, by a date. */
  targets?: TargetConfig[];
}

/** One target of `.sopmaturity.yml`: either `level` or `check` with `share`. */
export interface TargetConfig {
  level?: number;
  check?: string;
  share?: number;
  /** ISO date. */
  by: string;
  owner?: string;
  title?: string;
}

/** A located configuration or rubric error. */
export interface LocatedError {
  file: string;
  line: number;
  column: number;
  message: string;
}
