/**
 * How a document's kind is named and corrected, the same in the hover, the
 * panel and the CLI (browser-safe: type imports only). The reason is always
 * shown as the engine wrote it (`kindReason`); its wording is the engine's.
 */
import type { DocumentKind } from '../core/parse/facts';
import type { DocumentReport } from '../core/report/types';

/** The two corrections a user can make, as core fix ids. */
export const KIND_FIXES = ['treat-as-sop', 'not-an-sop'] as const;
export type KindFix = (typeof KIND_FIXES)[number];

const LABELS: Record<DocumentKind, string> = { procedure: 'procedure', index: 'index page', other: 'other document' };

/** "procedure", "index page", "other document". */
export function kindLabel(kind: DocumentKind): string {
  return LABELS[kind] ?? String(kind);
}

/** The correction that changes a document of this kind: a procedure is "Not an SOP", anything else "Treat as SOP". */
export function kindFixFor(kind: DocumentKind): KindFix {
  return kind === 'procedure' ? 'not-an-sop' : 'treat-as-sop';
}

/** The button and link title of a correction. */
export function kindFixLabel(fix: KindFix): string {
  return fix === 'treat-as-sop' ? 'Treat as SOP' : 'Not an SOP';
}

/**
 * Whether the report says the document is a stub (a procedure with almost no
 * written content), or undefined when it cannot tell: stubs are procedures,
 * and a report from before stubs were counted (no `summary.stubs`) does not
 * say which procedures are not stubs.
 */
export function stubOf(doc: Pick<DocumentReport, 'kind'>, report?: { summary: object }): boolean | undefined {
  if ((doc as { stub?: unknown }).stub === true) return true;
  const counted = report !== undefined && typeof (report.summary as { stubs?: unknown }).stubs === 'number';
  return counted && doc.kind === 'procedure' ? false : undefined;
}
