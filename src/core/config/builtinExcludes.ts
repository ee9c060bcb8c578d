/**
 * What is left out of an audit without being configured: one definition for
 * the configuration's defaults (config.ts), the file selection of every walk
 * (fileSelection.ts) and the shells that build on them.
 */

/** Folder names never walked nor audited, at any depth, whatever the configuration says (RUBRIC.md). */
export const NEVER_WALKED: readonly string[] = ['node_modules', '.git'];

/** The never-walked folders as exclude globs: kept in every configuration's `exclude`, also one that replaces it. */
export const ALWAYS_EXCLUDED: readonly string[] = NEVER_WALKED.map((name) => `**/${name}/**`);

/**
 * The default `exclude`: the never-walked folders, and tool and build
 * folders that hold copies or generated Markdown, not the team's documents.
 */
export const DEFAULT_EXCLUDED: readonly string[] = [
  ...ALWAYS_EXCLUDED,
  '**/.vscode-test/**',
  '**/.venv/**',
  '**/_site/**',
];
