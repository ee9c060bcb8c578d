/**
 * The public API of the audit engine. The CLI, the extension, the worker
 * and the tests import from here only.
 */
export * from './position';
export * from './parse/facts';
export * from './rubric/types';
export * from './config/types';
export * from './report/types';
export { loadBuiltinRubric, loadRubricText } from './rubric/load';
export { defaultConfig, loadConfigText, isMarkdownPath } from './config/config';
export { Workspace, audit, REPORT_LABEL } from './audit/workspace';
export { ENGINE_VERSION, ENGINE_ID } from './version';
export type { AuditInput, FactCache, WorkspaceOptions } from './audit/workspace';
export { oversizedDocument, parseDocument } from './parse/parse';
export { isOwnerFile } from './parse/owners';
export { isIndexPath } from './parse/classify';
export { CHECK_IDS } from './checks';
export {
  computeFix,
  fixTitle,
  applyEdits,
  FIX_IDS,
  SAFE_FIXES,
  FIX_CLASS,
  fixClass,
  renderTemplate,
  type FixClass,
} from './fixes';
export type { FixContext } from './fixes';
export { rewriteLinksForMove } from './fixes/move';
export { fixBlocker } from './fixes/offer';
export { decodeBytes, encodeText, invalidEncodingProblem, withFileProblem } from './parse/encoding';
export type { DecodedText, InvalidByte, TextEncodingName } from './parse/encoding';
export type { ConfigLocate } from './config/config';
export { KIND_FIX_TYPES, kindFixApplies } from './fixes/kind';
export type { KindFixId } from './fixes/kind';
export { parseDate, today, addDays } from './dates';
export {
  createBaseline,
  parseBaseline,
  markBaseline,
  baselineCounts,
  BASELINE_FORMAT,
  BASELINE_VERSION,
} from './report/baseline';
export type { Baseline, BaselineEntry } from './report/baseline';
