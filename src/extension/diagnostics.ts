/**
 * Publishes a folder's report as diagnostics: every audited file, open or
 * not, plus config and rubric errors. Only files whose diagnostics changed
 * are sent, so a keystroke in one SOP does not re-send the whole repository.
 */
import * as vscode from 'vscode';
import type { LocatedError, Report, Severity } from '../core/types';
import { diagnosticsByPath, docsUrlsOf, errorDiagnostic, resolvePath } from './mapping';

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sopMaturity');
  /** Per folder: the fingerprint of what was last published for each URI. */
  private readonly published = new Map<string, Map<string, string>>();

  /** Replaces everything published for `root` with the diagnostics of `report` and `configErrors`. */
  publish(
    root: vscode.Uri, report: Report, configErrors: ReadonlyMap<string, readonly LocatedError[]>, overrides: Readonly<Record<string, Severity | 'off'>>): void {
    const byPath = diagnosticsByPath(report, { root, docsUrls: docsUrlsOf(report), overrides });
    for (const [file, errors] of configErrors) {
      const list = byPath.get(file) ?? [];
      list.push(...errors.map(errorDiagnostic));
      byPath.set(file, list);
    }
    const next = new Map<string, string>();
    const changes: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    const before = this.published.get(root.toString()) ?? new Map<string, string>();
    for (const [path, diagnostics] of byPath) {
      const uri = resolvePath(root, path);
      const key = uri.toString();
      const print = fingerprint(diagnostics);
      next.set(key, print);
      if (before.get(key) !== print) changes.push([uri, diagnostics]);
    }
    for (const key of before.keys()) if (!next.has(key)) changes.push([vscode.Uri.parse(key), undefined]);
    this.published.set(root.toString(), next);
    if (changes.length > 0) this.collection.set(changes);
  }

  /** Removes everything published for `root` (a folder left the workspace). */
  clear(root: vscode.Uri): void {
    const before = this.published.get(root.toString());
    if (!before) return;
    for (const key of before.keys()) this.collection.delete(vscode.Uri.parse(key));
    this.published.delete(root.toString());
  }

  dispose(): void {
    this.collection.dispose();
  }
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
      typeof d.code === 'object' ? d.code.value : d.code,
      d.relatedInformation?.map((r) => [r.location.uri.toString(), r.location.range.start.line, r.message]),
    ]),
  );
}
