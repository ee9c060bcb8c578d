/**
 * Every identifier the extension shares with its manifest (package.json),
 * the panel and the end-to-end tests: command ids, setting keys, view ids,
 * names. Changing one here means changing package.json too; a unit test
 * compares the two.
 */

/** Diagnostic `source`, output channel name and status bar name. */
export const EXTENSION_NAME = 'SOP Maturity';

/** Workspace configuration file: the folder that holds one is an audit root of its own. */
export { CONFIG_FILE } from '../core/config/configName';

/** The configuration section; every setting key below lives under it. */
export const SETTINGS_SECTION = 'sopMaturity';

/** Setting keys relative to {@link SETTINGS_SECTION}. */
export const Setting = {
  enable: 'enable',
  useGitignore: 'useGitignore',
  include: 'include',
  exclude: 'exclude',
  centralFolder: 'centralFolder',
  rubric: 'rubric',
  severity: 'severity',
  run: 'run',
  debounceMs: 'debounceMs',
  maxFileBytes: 'maxFileBytes',
} as const;

/** Command ids contributed in package.json. */
export const Command = {
  auditWorkspace: 'sopMaturity.auditWorkspace',
  openPanel: 'sopMaturity.openPanel',
  markReviewed: 'sopMaturity.markReviewed',
  newSop: 'sopMaturity.newSop',
  exportReport: 'sopMaturity.exportReport',
  showLog: 'sopMaturity.showLog',
  fixAllWorkspace: 'sopMaturity.fixAllWorkspace',
  /**
   * Internal (hidden from the palette): moves a document into the central folder; computed when chosen, as it reads
   * other files.
   */
  moveToCentral: 'sopMaturity.moveToCentral',
  /**
   * Writes `type: sop` into a Markdown file's front matter (hover link, panel, palette; argument: the file's URI or its
   * string).
   */
  treatAsSop: 'sopMaturity.treatAsSop',
  /**
   * Internal: asks which failing check to exempt a document from and writes the exemption (quick fix; arguments: URI,
   * check ids[, the check]).
   */
  exemptDocument: 'sopMaturity.exemptDocument',
  /** Writes `type: reference` into a Markdown file's front matter (same arguments). */
  notAnSop: 'sopMaturity.notAnSop',
  /** "Group by…" in the SOP explorer's title bar: status, owner, area or folder (argument: a grouping, or asked). */
  explorerGroupBy: 'sopMaturity.explorerGroupBy',
  /** Internal: opens a procedure of the SOP explorer (argument: its row or URI). */
  openProcedure: 'sopMaturity.openProcedure',
  /** Internal: opens the maturity panel on a procedure of the SOP explorer (argument: its row or URI). */
  openInPanel: 'sopMaturity.openInPanel',
  /** Internal: "Add owner" on a procedure's CodeLens: the add-owner quick fixes at its owner finding (arg: URI). */
  addOwner: 'sopMaturity.addOwner',
} as const;

/** The SOP explorer's view (package.json `contributes.views`) and its activity-bar container. */
export const EXPLORER_VIEW = 'sopMaturity.procedures';
export const EXPLORER_CONTAINER = 'sopMaturity';

/** Code action kind of "fix all" for one document (`editor.codeActionsOnSave` can name it). */
export const FIX_ALL_KIND = 'source.fixAll.sopMaturity';

/** The maturity panel's webview type (also used by its serializer activation event). */
export const PANEL_VIEW_TYPE = 'sopMaturity.panel';

/** Id of the built-in git extension whose API suggests the last author as owner. */
export const GIT_EXTENSION_ID = 'vscode.git';

/** The answers of the workspace fix-all question (apply at once, or review in the refactor preview). */
export const FIX_ALL_APPLY = 'Apply';
export const FIX_ALL_REVIEW = 'Review Changes…';
