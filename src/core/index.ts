/**
 * The public API of the audit engine. The CLI, the extension, the worker
 * and the tests import from here only.
 */
export * from './types';
export { loadBuiltinRubric, loadRubricText } from './rubric/load';
export { defaultConfig, loadConfigText, isMarkdownPath } from './config';
export { Workspace, audit, ENGINE_VERSION, REPORT_LABEL } from './workspace';
export type { AuditInput, FactCache, WorkspaceOptions } from './workspace';
export { parseDocument } from './parse';
export { parseInParallel } from './pool';
export type { ParallelOptions, SourceFile } from './pool';
export { FileFactCache } from './cache';
export { isOwnerFile } from './owners';
export { isIndexPath } from './classify';
export { CHECK_IDS } from './checks';
export { computeFix, fixTitle, applyEdits, FIX_IDS, SAFE_FIXES, renderTemplate } from './fixes';
export type { FixContext } from './fixes';
export { rewriteLinksForMove } from './fixes/move';
export { parseDate, today, addDays } from './dates';
