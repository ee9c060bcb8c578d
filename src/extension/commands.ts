/**
 * The command implementations. Each takes its arguments explicitly (the
 * panel and the end-to-end tests call them with arguments; the palette
 * calls them without and they ask).
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import { fixTitle, renderTemplate, today } from '../core';
import { writeFileAtomic } from '../node';
import type { AuditController } from './controller';
import { exemptionFor } from './quickFixMenu';
import { fixAllWorkspaceEdit, fixEdits, fixWorkspaceEdit, moveEdit } from './edits';
import { fixAllQuestion } from './fixall';
import { FIX_ALL_APPLY, FIX_ALL_REVIEW } from './constants';
import { EXPORTS, exportSpec, type ExportFormat } from './export';
import type { FolderAudit } from './folder';
import { kindFixFor, kindLabel, type KindFix } from '../shared/kind';
import { toVsEdit } from './mapping';
import { fileNameFor, indexPageOf, newSopFolder, uniquePath } from './newSop';

export class Commands {
  constructor(
    private readonly controller: AuditController,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * Opens a document at a 1-based line and column. `path` is absolute (the
   * panel resolves and fences it) or relative to the current report's root.
   * With `besides`, the editor opens in another group than that column (the
   * panel's), so the panel and its document details stay in view.
   */
  async openDocument(path: string, line?: number, column?: number, besides?: vscode.ViewColumn): Promise<void> {
    const audit = this.controller.currentFolder();
    const uri = nodePath.isAbsolute(path) ? vscode.Uri.file(path) : audit?.uri(path);
    if (!uri) return;
    const pos = new vscode.Position(Math.max(0, (line ?? 1) - 1), Math.max(0, (column ?? 1) - 1));
    const viewColumn =
      besides === undefined
        ? undefined
        : (vscode.window.visibleTextEditors.find((e) => e.viewColumn !== undefined && e.viewColumn !== besides)
            ?.viewColumn ?? vscode.ViewColumn.Beside);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), viewColumn });
  }

  /**
   * Marks one SOP (the active editor's, or the given one) as reviewed today:
   * a person's statement about a document in front of them, so it writes
   * the real local date (`today()`), never the audit's pinned `asOf`, and
   * exists only for one document at a time (no fix-all or panel button
   * writes a review date).
   */
  async markReviewed(uri = vscode.window.activeTextEditor?.document.uri): Promise<boolean> {
    const audit = uri && this.controller.folderFor(uri);
    const rel = audit && uri ? audit.relativePath(uri) : undefined;
    if (!audit?.report || !uri || rel === undefined || !audit.selects(rel)) {
      void vscode.window.showWarningMessage('SOP Maturity: open an audited SOP to mark it reviewed.');
      return false;
    }
    const snap = await audit.snapshot(rel);
    const date = today();
    const edits = snap ? fixEdits(audit, audit.report, snap, 'mark-reviewed', { today: date }) : [];
    if (!snap || edits.length === 0) {
      void vscode.window.showWarningMessage(
        `SOP Maturity: ${rel} has no front matter that can take a review date (fix its front matter first).`,
      );
      return false;
    }
    const ok = await vscode.workspace.applyEdit(fixWorkspaceEdit(uri, snap.text, edits));
    if (ok) this.log.info(`${rel}: marked reviewed on ${date}`);
    return ok;
  }

  /**
   * Exempts a document from one of `checks` (the quick-fix menu's one
   * exemption entry): asks which, unless `check` names it, then writes the
   * exemption comment as a snippet with the reason selected for typing.
   */
  async exemptDocument(uri: vscode.Uri, checks: readonly string[], check?: string): Promise<boolean> {
    const audit = this.controller.folderFor(uri);
    const rel = audit?.relativePath(uri);
    const report = audit?.report;
    if (!audit || !report || rel === undefined || !audit.selects(rel) || checks.length === 0) return false;
    const title = (id: string) => report.checks.find((c) => c.id === id)?.title ?? id;
    const chosen =
      check ??
      (checks.length === 1
        ? checks[0]
        : (
            await vscode.window.showQuickPick(
              checks.map((id) => ({ label: id, description: title(id), id })),
              {
                title: `Exempt ${nodePath.posix.basename(rel)} from`,
                placeHolder: 'the check to exempt this document from (a reason is asked next)',
              },
            )
          )?.id);
    if (!chosen) return false;
    const spec = exemptionFor(chosen, today());
    const snap = await audit.snapshot(rel);
    const edits = snap && spec.type === 'snippet' ? fixEdits(audit, report, snap, spec.fixId, spec.params) : [];
    if (!snap || edits.length === 0) return false;
    if (vscode.window.activeTextEditor?.document.uri.toString() !== uri.toString())
      await vscode.window.showTextDocument(uri);
    return vscode.workspace.applyEdit(fixWorkspaceEdit(uri, snap.text, edits));
  }

  /**
   * "Treat as SOP" / "Not an SOP": writes the front-matter type of a Markdown
   * file (the active editor's by default; hover links pass the URI as a
   * string) as one undoable edit. The document is audited again as the edit
   * lands, so its kind, diagnostics and the levels follow. Resolves false,
   * saying why, when the edit would not change the kind.
   */
  async setKind(fix: KindFix, target?: vscode.Uri | string): Promise<boolean> {
    const uri =
      typeof target === 'string'
        ? vscode.Uri.parse(target, true)
        : (target ?? vscode.window.activeTextEditor?.document.uri);
    const audit = uri && this.controller.folderFor(uri);
    const rel = audit && uri ? audit.relativePath(uri) : undefined;
    if (!uri || !audit?.report || rel === undefined || !audit.selects(rel)) {
      void vscode.window.showWarningMessage(
        'SOP Maturity: open a Markdown file of the audited folder to change its kind.',
      );
      return false;
    }
    const snap = await audit.snapshot(rel);
    const edits = snap ? fixEdits(audit, audit.report, snap, fix) : [];
    if (!snap || edits.length === 0) {
      const doc = snap?.doc;
      const classified = doc && `classified as ${kindLabel(doc.kind)} (${doc.kindReason})`;
      const why = !doc
        ? 'cannot be read'
        : doc.frontMatter?.error
          ? 'has front matter that cannot be read: fix it first'
          : kindFixFor(doc.kind) !== fix
            ? `is already ${classified}`
            : `is ${classified}, and a front-matter type does not change that`;
      void vscode.window.showInformationMessage(`SOP Maturity: ${rel} ${why}.`);
      return false;
    }
    const ok = await vscode.workspace.applyEdit(fixWorkspaceEdit(uri, snap.text, edits));
    if (ok) this.log.info(`${rel}: ${fixTitle(fix)}`);
    return ok;
  }

  /**
   * Creates a new SOP from the rubric's template and opens it. The title is
   * asked for (with a trait id, the trait's name is only the default) and
   * the prompt says where the file goes and which index page gets a link to
   * it. The document is a draft: placeholders for the owner, the category
   * and every section, so it fails the checks that need written content
   * until someone writes it, and its diagnostics say what to write.
   */
  async newSop(traitId?: string): Promise<vscode.Uri | undefined> {
    const audit = await this.pickFolder();
    const report = audit?.report;
    if (!audit || !report) return undefined;
    const trait = traitId ? report.traits.find((t) => t.id === traitId) : undefined;
    const titles = new Set(
      report.documents.filter((d) => d.kind === 'procedure' && d.title).map((d) => d.title!.trim().toLowerCase()),
    );
    const folder = newSopFolder(report);
    const index = indexPageOf(report, folder);
    const known = new Set(audit.knownPaths());
    const pathFor = (title: string) =>
      uniquePath(folder, fileNameFor(title), (p) => known.has(p) || exists(audit.uri(p)));
    const where = `${folder === '' ? 'the workspace root' : `${folder}/`}`;
    const title = (
      await vscode.window.showInputBox({
        title: trait ? `New SOP (draft) for "${trait.title}"` : 'New SOP (draft)',
        prompt: `Title of the new procedure. The draft goes into ${where}${index ? ` and a link to it is added to ${index}` : ' (no index page there to link it from)'}.`,
        value: trait?.title ?? '',
        validateInput: (v) => {
          const t = v.trim();
          if (t === '') return 'Enter a title';
          if (titles.has(t.toLowerCase())) return 'A procedure with this title exists: one version beats many';
          return {
            message: `Creates ${pathFor(t)}${index ? `, links it from ${index}` : ''}`,
            severity: vscode.InputBoxValidationSeverity.Info,
          };
        },
      })
    )?.trim();
    if (!title) return undefined;
    const text = renderTemplate({ title });
    const rel = pathFor(title);
    const uri = audit.uri(rel);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    // A procedure no index page links to fails `kb-index`: list it on its folder's index page (unsaved, undoable).
    if (index) await this.linkFromIndex(audit, index, rel, title);
    await vscode.window.showTextDocument(uri);
    this.log.info(`created the draft ${rel}${index ? `, linked from ${index}` : ''}`);
    return uri;
  }

  /** Appends a link to `rel` to the index page `index` (in the same folder). */
  private async linkFromIndex(audit: FolderAudit, index: string, rel: string, title: string): Promise<void> {
    const snap = await audit.snapshot(index);
    if (!snap) return;
    const eol = snap.doc.lineEnding;
    const name = nodePath.posix.basename(rel);
    const link = `- [${title.replace(/[[\]\\]/g, '\\$&')}](${name.includes(' ') ? `<${name}>` : name})`;
    const prefix = snap.text === '' || snap.text.endsWith(eol) ? '' : eol;
    const edit = new vscode.WorkspaceEdit();
    edit.set(audit.uri(index), [
      toVsEdit(snap.text, { start: snap.text.length, end: snap.text.length, newText: `${prefix}${link}${eol}` }),
    ]);
    await vscode.workspace.applyEdit(edit);
  }

  /** Exports the current report through the CLI's formatters to a file the user picks. */
  async exportReport(format?: ExportFormat): Promise<vscode.Uri | undefined> {
    const audit = this.controller.currentFolder();
    const report = audit?.report;
    if (!audit || !report) {
      void vscode.window.showWarningMessage('SOP Maturity: there is no report to export yet.');
      return undefined;
    }
    const spec = format
      ? exportSpec(format)
      : await vscode.window.showQuickPick(
          EXPORTS.map((e) => ({ ...e, description: `.${e.extension}` })),
          { title: 'Export the maturity report as' },
        );
    if (!spec) return undefined;
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(audit.root, `sop-maturity-report.${spec.extension}`),
      filters: { [spec.label]: [spec.extension] },
    });
    if (!target) return undefined;
    const bytes = new TextEncoder().encode(spec.render(report));
    // On disk, through a temporary file and a rename, so an export never leaves half a file over an older one.
    if (target.scheme === 'file') writeFileAtomic(target.fsPath, bytes, { cleanLeftovers: true });
    else await vscode.workspace.fs.writeFile(target, bytes);
    this.log.info(`exported the ${spec.label} report to ${target.fsPath}`);
    void vscode.window
      .showInformationMessage(`SOP Maturity: report saved to ${vscode.workspace.asRelativePath(target)}.`, 'Open')
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('vscode.open', target);
      });
    return target;
  }

  /**
   * Applies every safe fix in the workspace (optionally of one check) as one
   * edit that needs confirmation: VS Code shows the refactor preview first.
   */
  async fixAllWorkspace(checkId?: string): Promise<boolean> {
    const { files } = await fixAllWorkspaceEdit(this.controller.audits(), checkId, false);
    if (files === 0) {
      void vscode.window.showInformationMessage(
        `SOP Maturity: no safe fixes${checkId ? ` for "${checkId}"` : ''} to apply.`,
      );
      return false;
    }
    // The refactor preview starts with every entry that needs confirmation unticked, so offer a
    // direct Apply (each file stays undoable) next to the review.
    const question = fixAllQuestion(
      files,
      checkId,
      this.controller.audits().flatMap((a) => (a.report ? [a.report] : [])),
    );
    const choice = await vscode.window.showInformationMessage(
      question.message,
      { modal: true, detail: question.detail },
      FIX_ALL_APPLY,
      FIX_ALL_REVIEW,
    );
    if (choice === undefined) return false;
    const review = choice === FIX_ALL_REVIEW;
    // Built again after the question: documents may have changed while it was open.
    const { edit } = await fixAllWorkspaceEdit(this.controller.audits(), checkId, review);
    this.log.info(
      `fix all: ${files} files${checkId ? ` (check ${checkId})` : ''}${review ? ', reviewed in the preview' : ''}`,
    );
    return vscode.workspace.applyEdit(edit, { isRefactoring: review });
  }

  /** Moves a document into the central folder and rewrites the links in it and to it. */
  async moveToCentral(uri: vscode.Uri, target: string): Promise<boolean> {
    const audit = this.controller.folderFor(uri);
    const rel = audit?.relativePath(uri);
    if (!audit || rel === undefined) return false;
    const edit = await moveEdit(audit, rel, target);
    const ok = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    if (ok) {
      this.log.info(`moved ${rel} to ${target}`);
      await vscode.window.showTextDocument(audit.uri(target));
    }
    return ok;
  }

  /**
   * The current root, or the one the user picks when several are audited and no editor tells (silent ones too: a first
   * SOP starts there).
   */
  private async pickFolder(): Promise<FolderAudit | undefined> {
    const audits = this.controller.allAudits().filter((a) => a.report);
    const active =
      vscode.window.activeTextEditor && this.controller.folderFor(vscode.window.activeTextEditor.document.uri);
    if (active || audits.length <= 1) return active ?? audits[0];
    const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder of the new SOP' });
    return audits.find((a) => folder && a.root.toString() === folder.uri.toString());
  }
}

function exists(uri: vscode.Uri): boolean {
  // The extension requires a local file system (no virtual workspaces), so a synchronous check is valid here.
  return fs.existsSync(uri.fsPath);
}
