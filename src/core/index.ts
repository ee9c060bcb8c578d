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
export { computeFix, fixTitle, applyEdits, FIX_IDS, SAFE_FIXES, FIX_CLASS, fixClass, renderTemplate, type FixClass } from './fixes';
export type { FixContext } from './fixes';
export { rewriteLinksForMove } from './fixes/move';
export { fixBlocker } from './fixes/offer';
export { writeFileAtomic, removeTempFiles } from './atomic';
export { decodeBytes, encodeText, invalidEncodingProblem, withFileProblem } from './encoding';
export type { DecodedText, InvalidByte, TextEncodingName } from './encoding';
export { CONFIG_FILE_CAP, confineConfig, readConfinedFile, readRegularCapped, resolveInside, rubricKeyError } from './confine';
export type { ConfigLocate } from './config';
export { KIND_FIX_TYPES, kindFixApplies } from './fixes/kind';
export type { KindFixId } from './fixes/kind';
export { parseDate, today, addDays } from './dates';
export { createBaseline, parseBaseline, markBaseline, baselineCounts, BASELINE_FORMAT, BASELINE_VERSION } from './baseline';
export type { Baseline, BaselineEntry } from './baseline';
export { computeHistory, MapFactCache } from './history';
export type { HistoryOptions, HistoryPoint, HistoryUnavailable } from './history';
export { changedFilesSince, GitError } from './git';
