/**
 * The CodeLens on the first line of every procedure: its owner, last and
 * next review, with "Mark reviewed"; "No owner · Add owner" when it has
 * none ("Add owner" opens the add-owner quick fixes of the owner finding).
 * The lenses follow the report: they refresh whenever a root publishes one.
 */
import * as vscode from 'vscode';
import { Command } from './constants';
import type { AuditController } from './controller';
import { toVsPosition } from './mapping';
import { lensParts, reviewItem } from './reviewText';

export class ReviewCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly controller: AuditController) {}

  /** Called when a root published a report: VS Code asks again for the lenses of the visible editors only. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const audit = this.controller.folderFor(document.uri);
    const rel = audit?.relativePath(document.uri);
    const report = audit?.report;
    if (!audit || rel === undefined || !report || audit.silent || !audit.selects(rel)) return [];
    const doc = report.documents.find((d) => d.path === rel);
    if (doc?.kind !== 'procedure') return [];
    const range = new vscode.Range(0, 0, 0, 0);
    return lensParts(doc, reviewItem(report, rel)).map(
      (part) =>
        new vscode.CodeLens(
          range,
          part.action === 'mark-reviewed'
            ? { title: part.title, command: Command.markReviewed, arguments: [document.uri] }
            : part.action === 'add-owner'
              ? { title: part.title, command: Command.addOwner, arguments: [document.uri] }
              : { title: part.title, command: '' },
        ),
    );
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * "Add owner": shows the document with the cursor on its owner finding and opens the quick fixes there (the owners
 * CODEOWNERS, the siblings and git suggest, or a snippet). False when the document has no owner finding.
 */
export async function addOwner(controller: AuditController, uri: vscode.Uri): Promise<boolean> {
  const audit = controller.folderFor(uri);
  const rel = audit?.relativePath(uri);
  const finding = rel
    ? audit?.report?.documents.find((d) => d.path === rel)?.findings.find((f) => f.fixes.includes('add-owner'))
    : undefined;
  if (!finding) {
    void vscode.window.showInformationMessage('SOP Maturity: this document has no owner finding to fix.');
    return false;
  }
  const start = toVsPosition(finding.range.start);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(start, start) });
  await vscode.commands.executeCommand('editor.action.quickFix');
  return true;
}
