/**
 * Publishes a folder's report as diagnostics: every audited file, open or
 * not, plus config and rubric errors. Only files whose diagnostics changed
 * are sent, and only documents whose report changed are converted again:
 * the engine hands out the same document report object while a document's
 * findings stay the same, so a keystroke in one SOP costs work for that SOP,
 * not for the whole repository.
 */
import * as vscode from 'vscode';
import type { LocatedError } from '../core/config/types';
import type { DocumentReport, Report } from '../core/report/types';
import { errorDiagnostic, resolvePath, toDiagnostic, workspaceAnchor, type DiagnosticContext } from './mapping';

/** What was published for one folder, and what it was made from. */
interface FolderState {
  /** The report's documents, as of the last publish. */
  documents: readonly DocumentReport[];
  /** Per document path: its report and the diagnostics of its findings. */
  docs: Map<string, { report: DocumentReport; diagnostics: vscode.Diagnostic[] }>;
  /**
   * Per path: diagnostics that are not a document's own findings (workspace
   * findings on the anchor page, files the engine could not read, config and
   * rubric errors), with their fingerprint.
   */
  extra: Map<string, { diagnostics: vscode.Diagnostic[]; print: string }>;
  /** Per URI: the fingerprint of what was last published. */
  published: Map<string, string>;
}

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sopMaturity');
  private readonly folders = new Map<string, FolderState>();

  /** Replaces everything published for `root` with the diagnostics of `report` and `configErrors`. */
  publish(root: vscode.Uri, report: Report, configErrors: ReadonlyMap<string, readonly LocatedError[]>): void {
    const ctx: DiagnosticContext = { root };
    const kept = this.folders.get(root.toString());
    // A new folder makes every diagnostic; the findings carry everything else a diagnostic is made of
    // (severity after the overrides, documentation link), so a changed one comes in a changed document report.
    const full = !kept;
    const state: FolderState = kept ?? { documents: [], docs: new Map(), extra: new Map(), published: new Map() };
    this.folders.set(root.toString(), state);

    const changed = changedDocuments(state, report.documents, full);
    for (const [path, doc] of changed) {
      if (!doc) state.docs.delete(path);
      else state.docs.set(path, { report: doc, diagnostics: doc.findings.map((f) => toDiagnostic(f, ctx)) });
    }
    state.documents = report.documents;
    const touched = new Set(changed.keys());

    const extra = extraDiagnostics(report, ctx, configErrors, state.docs);
    for (const [path, diagnostics] of extra) {
      const print = fingerprint(diagnostics);
      if (state.extra.get(path)?.print !== print) touched.add(path);
      state.extra.set(path, { diagnostics, print });
    }
    for (const path of [...state.extra.keys()]) {
      if (extra.has(path)) continue;
      state.extra.delete(path);
      touched.add(path);
    }

    const changes: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    for (const path of touched) {
      const diagnostics = [...(state.docs.get(path)?.diagnostics ?? []), ...(state.extra.get(path)?.diagnostics ?? [])];
      const uri = resolvePath(root, path);
      const key = uri.toString();
      if (diagnostics.length === 0) {
        if (state.published.delete(key)) changes.push([uri, undefined]);
        continue;
      }
      const print = fingerprint(diagnostics);
      if (state.published.get(key) === print) continue;
      state.published.set(key, print);
      changes.push([uri, diagnostics]);
    }
    if (changes.length > 0) this.collection.set(changes);
  }

  /** Removes everything published for `root` (a folder left the workspace). */
  clear(root: vscode.Uri): void {
    const state = this.folders.get(root.toString());
    if (!state) return;
    for (const key of state.published.keys()) this.collection.delete(vscode.Uri.parse(key));
    this.folders.delete(root.toString());
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/**
 * Documents whose report is not the one converted last time, by path
 * (undefined: the document is gone); every document when `full`. Reports
 * keep unchanged document reports in place, so the usual edit is found by
 * comparing the lists item by item.
 */
function changedDocuments(
  state: FolderState,
  documents: readonly DocumentReport[],
  full: boolean,
): Map<string, DocumentReport | undefined> {
  const out = new Map<string, DocumentReport | undefined>();
  if (full) {
    for (const d of documents) out.set(d.path, d);
    return out;
  }
  const before = state.documents;
  if (documents === before) return out;
  if (documents.length === before.length) {
    let aligned = true;
    for (let i = 0; i < documents.length && aligned; i++) {
      if (documents[i] === before[i]) continue;
      if (documents[i].path === before[i].path) out.set(documents[i].path, documents[i]);
      else aligned = false;
    }
    if (aligned) return out;
    out.clear();
  }
  const now = new Set<string>();
  for (const d of documents) {
    now.add(d.path);
    if (state.docs.get(d.path)?.report !== d) out.set(d.path, d);
  }
  for (const path of state.docs.keys()) if (!now.has(path)) out.set(path, undefined);
  return out;
}

/**
 * Diagnostics besides the documents' own findings, by path: workspace
 * findings that belong to no document on the workspace anchor, files the
 * engine never got (a parsed document's errors are findings already), then
 * config and rubric errors.
 */
function extraDiagnostics(
  report: Report,
  ctx: DiagnosticContext,
  configErrors: ReadonlyMap<string, readonly LocatedError[]>,
  documents: ReadonlyMap<string, unknown>,
): Map<string, vscode.Diagnostic[]> {
  const out = new Map<string, vscode.Diagnostic[]>();
  const add = (path: string, d: vscode.Diagnostic) => {
    const list = out.get(path);
    if (list) list.push(d);
    else out.set(path, [d]);
  };
  let anchor: string | undefined;
  for (const finding of report.workspaceFindings) add((anchor ??= workspaceAnchor(report)), toDiagnostic(finding, ctx));
  for (const error of report.errors) if (!documents.has(error.path)) add(error.path, errorDiagnostic(error));
  for (const [file, errors] of configErrors) for (const e of errors) add(file, errorDiagnostic(e));
  return out;
}

function fingerprint(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(
    diagnostics.map((d) => [
      d.range.start.line,
      d.range.start.character,
      d.range.end.line,
      d.range.end.character,
      d.severity,
      d.message,
      // The documentation link too: it comes with the finding.
      typeof d.code === 'object' ? [d.code.value, d.code.target.toString()] : d.code,
      // The whole related range: a twin's or the index page's title moving must reach the Problems panel too.
      d.relatedInformation?.map((r) => {
        const { start, end } = r.location.range;
        return [r.location.uri.toString(), start.line, start.character, end.line, end.character, r.message];
      }),
    ]),
  );
}
