/**
 * Quick fixes on SOP Maturity diagnostics and the `source.fixAll.sopMaturity`
 * action. Which fixes a finding gets, and the order of the menu, is decided
 * in `actions.ts`; this provider gathers the context (owners, categories,
 * the move target) and turns each choice into a code action with a
 * workspace edit or a command.
 *
 * VS Code lists preferred actions first, then those tied to diagnostics,
 * then the rest in the order given: the findings' fixes carry their
 * diagnostic, the document's entries (fix all, exempt, documentation) none.
 */
import * as vscode from 'vscode';
import { fixTitle, today } from '../core';
import type { Finding, Report } from '../core/report/types';
import {
  actionsFor,
  documentActions,
  FIX_ALL_FILE_TITLE,
  reminderActions,
  type ActionSpec,
  type DocumentActionSpec,
  type MenuFinding,
} from './quickFixMenu';
import { Command, EXTENSION_NAME, FIX_ALL_KIND } from './constants';
import type { AuditController } from './controller';
import { fixAllEdit, fixEdits, fixWorkspaceEdit, moveTarget } from './edits';
import type { FolderAudit, Snapshot } from './folder';
import { lastAuthor } from './git';
import { kindCodeAction, onFirstLineOrTitle } from './kind';
import { toVsEdit, toVsRange, workspaceAnchor } from './mapping';
import { ownerSuggestions } from './owners';
import { REVIEW_DUE_CODE } from './reviewText';
import { mostCommonSibling } from './siblings';

export class SopCodeActionProvider implements vscode.CodeActionProvider {
  static readonly fixAllKind = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, SopCodeActionProvider.fixAllKind],
  };

  constructor(private readonly controller: AuditController) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const audit = this.controller.folderFor(document.uri);
    const rel = audit?.relativePath(document.uri);
    const report = audit?.report;
    // A root without procedures and without `.sopmaturity.yml` says nothing, not even on a README's first line.
    if (!audit || rel === undefined || !report || audit.silent) return [];
    const snap = audit.selects(rel) ? await audit.snapshotOf(document, rel) : undefined;
    const actions: vscode.CodeAction[] = [];
    // Fix-all as a source action: computed only when asked for (Source Action menu, codeActionsOnSave).
    // Safe fixes only (a checklist from the written steps, front matter for a procedure without one): no review date,
    // no placeholder.
    if (snap && context.only?.contains(SopCodeActionProvider.fixAllKind)) {
      const fixAll = this.fixAllAction(audit, report, rel, document, snap, SopCodeActionProvider.fixAllKind);
      if (fixAll) actions.push(fixAll);
    }
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return actions;
    const menu: MenuFinding[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== EXTENSION_NAME) continue;
      if (diagnostic.code === REVIEW_DUE_CODE) {
        // A review reminder, not a finding: its one quick fix marks the document reviewed (once in the menu, when
        // a finding on the same line offers it too).
        const offered = context.diagnostics.some(
          (d) => d.source === EXTENSION_NAME && findingFor(report, rel, d)?.fixes.includes('mark-reviewed'),
        );
        if (offered) continue;
        for (const spec of reminderActions(today())) {
          const action = snap && this.toCodeAction(spec, audit, report, document, snap, diagnostic);
          if (action) actions.push(action);
        }
        continue;
      }
      const finding = findingFor(report, rel, diagnostic);
      if (!finding) continue;
      menu.push({ finding, exemptable: report.checks.some((c) => c.id === finding.check) });
      const specs = actionsFor(finding, await this.context(audit, report, rel, finding, document.uri));
      for (const spec of specs) {
        const action =
          snap || spec.type === 'docs' ? this.toCodeAction(spec, audit, report, document, snap, diagnostic) : undefined;
        if (action) actions.push(action);
      }
    }
    if (menu.length > 0) {
      const fixAll = snap && this.fixAllAction(audit, report, rel, document, snap, vscode.CodeActionKind.QuickFix);
      for (const spec of documentActions(menu, fixAll !== undefined)) {
        const action = spec.type === 'fix-all' ? fixAll : this.documentAction(spec, document.uri, snap !== undefined);
        if (action) actions.push(action);
      }
    }
    // "Treat as SOP" / "Not an SOP" on the first line and the title of any audited Markdown file, with or without
    // findings: last.
    if (snap && onFirstLineOrTitle(range.start.line, range.end.line, snap.doc)) {
      const kind = kindCodeAction(audit, report, rel, document.uri, snap);
      if (kind) actions.push(kind);
    }
    return actions;
  }

  /** Every safe fix of the document as one edit, or undefined when it has none. */
  private fixAllAction(
    audit: FolderAudit,
    report: Report,
    rel: string,
    document: vscode.TextDocument,
    snap: Snapshot,
    kind: vscode.CodeActionKind,
  ): vscode.CodeAction | undefined {
    const fix = fixAllEdit(audit, report, rel, snap);
    if (!fix) return undefined;
    const action = new vscode.CodeAction(FIX_ALL_FILE_TITLE, kind);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(document.uri, [toVsEdit(snap.text, fix.edit)]);
    return action;
  }

  private documentAction(spec: DocumentActionSpec, uri: vscode.Uri, editable: boolean): vscode.CodeAction | undefined {
    const action = new vscode.CodeAction(spec.title, vscode.CodeActionKind.QuickFix);
    if (spec.type === 'docs')
      action.command = { command: 'vscode.open', title: spec.title, arguments: [vscode.Uri.parse(spec.url)] };
    else if (spec.type === 'exempt' && editable)
      action.command = { command: Command.exemptDocument, title: spec.title, arguments: [uri, spec.checks] };
    else return undefined;
    return action;
  }

  private async context(audit: FolderAudit, report: Report, rel: string, finding: Finding, uri: vscode.Uri) {
    const docReport = report.documents.find((d) => d.path === rel);
    const owners = audit
      .knownPaths()
      .map((path) => ({ path, owner: audit.document(path)?.owner }))
      .filter((o) => o.owner && !o.owner.placeholder)
      .map((o) => ({ path: o.path, value: o.owner!.value }));
    const categories = audit
      .knownPaths()
      .map((path) => ({ path, value: audit.document(path)?.meta.category ?? '' }))
      .filter((c) => c.value !== '');
    const needsOwner = finding.fixes.includes('add-owner');
    return {
      fixTitle,
      owners: needsOwner
        ? ownerSuggestions({
            path: rel,
            resolved:
              docReport?.owner && docReport.ownerSource
                ? { owner: docReport.owner, source: docReport.ownerSource, origin: docReport.ownerOrigin }
                : undefined,
            owners,
            gitAuthor: await lastAuthor(uri),
          })
        : [],
      siblingCategory: mostCommonSibling(rel, categories),
      moveTarget: moveTarget(report.centralFolder, rel, (p) => audit.knownPaths().includes(p)),
      // The real local date: a pinned `asOf` (.sopmaturity.yml) is the audit's date, never a review date.
      today: today(),
    };
  }

  private toCodeAction(
    spec: ActionSpec,
    audit: FolderAudit,
    report: Report,
    document: vscode.TextDocument,
    snap: Snapshot | undefined,
    diagnostic: vscode.Diagnostic,
  ): vscode.CodeAction | undefined {
    const action = new vscode.CodeAction(spec.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    switch (spec.type) {
      case 'fix':
      case 'snippet': {
        if (!snap) return undefined;
        const edits = fixEdits(audit, report, snap, spec.fixId, spec.params);
        if (edits.length === 0) return undefined;
        // An editing aid only as a snippet, with tab stops for the author: never a bare placeholder.
        if (spec.type === 'snippet' && !edits.some((e) => e.snippet !== undefined)) return undefined;
        action.edit = fixWorkspaceEdit(document.uri, snap.text, edits);
        action.isPreferred = spec.preferred;
        return action;
      }
      case 'move':
        action.command = { command: Command.moveToCentral, title: spec.title, arguments: [document.uri, spec.target] };
        return action;
      case 'docs':
        action.command = { command: 'vscode.open', title: spec.title, arguments: [vscode.Uri.parse(spec.url)] };
        return action;
    }
  }
}

/**
 * The finding behind a diagnostic: same check id, and the same range when
 * several findings of the check sit on the page (workspace findings on the
 * index page). The report is the only source; diagnostics carry no data.
 */
export function findingFor(report: Report, rel: string, diagnostic: vscode.Diagnostic): Finding | undefined {
  const check = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');
  const findings = [
    ...(report.documents.find((d) => d.path === rel)?.findings ?? []),
    ...(workspaceAnchor(report) === rel ? report.workspaceFindings : []),
  ].filter((f) => f.check === check);
  return findings.find((f) => toVsRange(f.range).isEqual(diagnostic.range)) ?? findings[0];
}
