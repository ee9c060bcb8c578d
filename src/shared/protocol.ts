/**
 * The message protocol between the extension host and the maturity panel.
 *
 * Both directions are tagged unions on `type`. Messages from the webview are
 * untrusted input (the webview renders strings from documents), so the host
 * accepts them only through {@link isWebviewMessage}, which checks every field
 * and refuses paths that could leave the audited root.
 */
import type { HistoryPoint as EnginePoint } from '../node/history';
import type { Report } from '../core/report/types';
import { KIND_FIXES, type KindFix } from './kind';
import type { ReportDelta } from './reportDelta';

/** Export formats the panel offers; the host writes the file. */
export const EXPORT_FORMATS = ['json', 'sarif', 'markdown', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One audit of an older commit, for the history chart: the levels part of the history engine's point. */
export type HistoryPoint = Pick<EnginePoint, 'date' | 'commit' | 'overall' | 'documentation' | 'process'>;

/** What the git history engine returns: points oldest first, or why there are none. */
export type HistoryResult = { available: true; points: HistoryPoint[] } | { available: false; reason: string };

/* ------------------------------------------------------------ host → webview */

/**
 * A full report snapshot: sent after the webview says `ready` (when it loads, or when it lost track), and
 * when the audited root changes. The panel re-renders and keeps its UI state.
 */
export interface ReportMessage {
  type: 'report';
  report: Report;
  /** Numbers the report the panel holds: the `base` of the next delta. Absent: no delta follows from it. */
  version?: number;
}

/**
 * What changed since the report of version `base`, to apply to the panel's copy
 * (`applyDelta` of `reportDelta.ts`): changed top-level parts, and lists (documents, review
 * items, trait evidence, ...) as runs of the old list plus the items that changed. A panel that
 * does not hold version `base` says `ready` again to have the whole report.
 */
export interface ReportDeltaMessage {
  type: 'reportDelta';
  base: number;
  version: number;
  delta: ReportDelta;
}

/** There is no report to show (no folder open, audit not run yet). */
export interface NoReportMessage {
  type: 'noReport';
  reason: string;
}

/** Progress of a history computation. */
export interface HistoryProgressMessage {
  type: 'historyProgress';
  done: number;
  total: number;
}

/** The finished history (or why there is none). */
export interface HistoryMessage {
  type: 'history';
  result: HistoryResult;
}

/** A short confirmation or failure to announce ("Summary copied"). */
export interface NoticeMessage {
  type: 'notice';
  kind: 'info' | 'error';
  text: string;
}

/**
 * Show a tab, a document's details, or both: the explorer's "Open in panel" and `sopMaturity.openPanel`
 * with a tab. Sent after the snapshot, so the document is in the report the panel holds.
 */
export interface RevealMessage {
  type: 'reveal';
  /** A tab id of the panel (`overview`, `owners`, `reviews`, ...); an unknown id is ignored. */
  tab?: string;
  /** A document's path relative to the root, as in the report. */
  path?: string;
}

export type HostMessage =
  | ReportMessage
  | ReportDeltaMessage
  | NoReportMessage
  | HistoryProgressMessage
  | HistoryMessage
  | NoticeMessage
  | RevealMessage;

/* ------------------------------------------------------------ webview → host */

/**
 * The webview has loaded and wants the current snapshot; also sent when it got a delta for a
 * report it does not hold (`base` is not its version), to have the whole report again.
 */
export interface ReadyMessage {
  type: 'ready';
}

/** Open a document of the report, optionally at a 1-based line and column. */
export interface OpenDocumentMessage {
  type: 'openDocument';
  /** POSIX path relative to the report root. */
  path: string;
  line?: number;
  column?: number;
}

/** Apply the safe quick fixes of one check (the host shows a preview first). */
export interface ApplyFixesMessage {
  type: 'applyFixes';
  checkId: string;
}

/** Create an SOP from the template for an uncovered trait. */
export interface CreateSopMessage {
  type: 'createSop';
  traitId: string;
}

export interface ExportMessage {
  type: 'export';
  format: ExportFormat;
}

/** Put the Markdown summary on the clipboard. */
export interface CopyMarkdownMessage {
  type: 'copyMarkdown';
}

/** Compute (or return the cached) maturity history from git. */
export interface RequestHistoryMessage {
  type: 'requestHistory';
}

/** "Treat as SOP" / "Not an SOP" on a document: the host writes its front-matter type (an undoable edit). */
export interface SetKindMessage {
  type: 'setKind';
  /** POSIX path relative to the report root. */
  path: string;
  fix: KindFix;
}

/** "Mark reviewed" on a review-queue row: the host runs `sopMaturity.markReviewed` on the document (undoable). */
export interface MarkReviewedMessage {
  type: 'markReviewed';
  /** POSIX path relative to the report root. */
  path: string;
}

export type WebviewMessage =
  | ReadyMessage
  | OpenDocumentMessage
  | ApplyFixesMessage
  | CreateSopMessage
  | ExportMessage
  | CopyMarkdownMessage
  | RequestHistoryMessage
  | SetKindMessage
  | MarkReviewedMessage;

/* ------------------------------------------------------------ validation */

type Fields = Record<string, unknown>;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** True for a check or trait id as rubrics write them (`review-date`, `psa-rmm`). */
function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10_000_000;
}

/** True when `x` has exactly the keys `type` plus `required` and any of `optional`. */
function hasOnlyKeys(x: Fields, required: string[], optional: string[] = []): boolean {
  const allowed = new Set(['type', ...required, ...optional]);
  return required.every((k) => k in x) && Object.keys(x).every((k) => allowed.has(k));
}

/**
 * True for a POSIX path relative to the report root that stays inside it:
 * not empty, not absolute (no leading `/`, no drive letter, no UNC), no
 * backslashes, no `..` or `.` segments, no empty segments, no control
 * characters. Report paths always have this form, so anything else is forged.
 */
export function isSafeRelativePath(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) return false;
  // Control characters never occur in report paths; a backslash could smuggle a Windows separator.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return false;
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value)) return false;
  return value.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/**
 * Validates a message received from the webview. Unknown types, missing or
 * extra fields, wrong field types, unsafe paths and unknown export formats are
 * all refused; the host ignores what does not pass.
 */
export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const m = x as Fields;
  switch (m.type) {
    case 'ready':
    case 'copyMarkdown':
    case 'requestHistory':
      return hasOnlyKeys(m, []);
    case 'openDocument':
      return (
        hasOnlyKeys(m, ['path'], ['line', 'column']) &&
        isSafeRelativePath(m.path) &&
        (m.line === undefined || isPositiveInt(m.line)) &&
        (m.column === undefined || isPositiveInt(m.column))
      );
    case 'applyFixes':
      return hasOnlyKeys(m, ['checkId']) && isId(m.checkId);
    case 'createSop':
      return hasOnlyKeys(m, ['traitId']) && isId(m.traitId);
    case 'export':
      return hasOnlyKeys(m, ['format']) && (EXPORT_FORMATS as readonly unknown[]).includes(m.format);
    case 'setKind':
      return (
        hasOnlyKeys(m, ['path', 'fix']) &&
        isSafeRelativePath(m.path) &&
        (KIND_FIXES as readonly unknown[]).includes(m.fix)
      );
    case 'markReviewed':
      return hasOnlyKeys(m, ['path']) && isSafeRelativePath(m.path);
    default:
      return false;
  }
}

const HOST_TYPES: ReadonlySet<unknown> = new Set([
  'report',
  'reportDelta',
  'noReport',
  'historyProgress',
  'history',
  'notice',
  'reveal',
]);

/**
 * Cheap tag check for messages the webview receives. The host is trusted, but
 * the webview's `message` event also sees anything else posted to the window.
 */
export function isHostMessage(x: unknown): x is HostMessage {
  return typeof x === 'object' && x !== null && HOST_TYPES.has((x as Fields).type);
}
