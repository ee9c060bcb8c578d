/**
 * The public API of the audit engine. The CLI, the extension, the worker
 * and the tests import from here only.
 */
export * from './types';
export { loadBuiltinRubric, loadRubricText } from './rubric/load';
export { defaultConfig, loadConfigText, isMarkdownPath } from './config';
export { Workspace, audit, REPORT_LABEL } from './workspace';
export { ENGINE_VERSION, ENGINE_ID } from './version';
export type { AuditInput, FactCache, WorkspaceOptions } from './workspace';
export { parseDocument } from './parse';
export { parseInParallel } from './pool';
export type { ParallelOptions, SourceFile } from './pool';
export { FileFactCache, ReportMemo } from './cache';
export { isOwnerFile } from './owners';
export { isIndexPath } from './classify';
export { CHECK_IDS } from './checks';
export { computeFix, fixTitle, applyEdits, FIX_IDS, SAFE_FIXES, renderTemplate } from './fixes';
export type { FixContext } from './fixes';
export { rewriteLinksForMove } from './fixes/move';
export { parseDate, today, addDays } from './dates';
export { createBaseline, parseBaseline, markBaseline, baselineCounts, BASELINE_FORMAT, BASELINE_VERSION } from './baseline';
export type { Baseline, BaselineEntry } from './baseline';
export { computeHistory, MapFactCache } from './history';
export type { HistoryOptions, HistoryPoint, HistoryUnavailable } from './history';
export { changedFilesSince, GitError } from './git';
