/**
 * Core fixes as VS Code workspace edits: one fix on one document, "fix all"
 * on a document or the whole workspace (with a refactor preview), and the
 * move of a document into the central folder with its links rewritten.
 */
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { applyEdits, computeFix, fixTitle, rewriteLinksForMove } from '../core';
import type { TextEdit } from '../core/position';
import type { Report } from '../core/report/types';
import type { FixParams } from './quickFixMenu';
import { applyInOrder, minimalEdit, safeFixes, type FixEngine } from './fixall';
import type { FolderAudit, Snapshot } from './folder';
import { toVsEdit } from './mapping';

/** The edits of one core fix, against `snap.text`. */
export function fixEdits(
  audit: FolderAudit,
  report: Report,
  snap: Snapshot,
  fixId: string,
  params: FixParams = {},
): TextEdit[] {
  return computeFix(fixId, { text: snap.text, doc: snap.doc, rubric: audit.rubric, asOf: report.asOf, ...params });
}

/**
 * A workspace edit of one fix on `uri`. An edit that carries a snippet (an
 * editing aid: tab stops on what the author still has to write) becomes a
 * snippet edit: in the editor of `uri` VS Code inserts it as a snippet, with
 * the first tab stop selected, as one undoable step; elsewhere (no editor)
 * the snippet's default text is inserted, which is `newText`.
 */
export function fixWorkspaceEdit(uri: vscode.Uri, text: string, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  edit.set(
    uri,
    edits.map((e) => {
      const plain = toVsEdit(text, e);
      return e.snippet === undefined
        ? plain
        : new vscode.SnippetTextEdit(plain.range, new vscode.SnippetString(e.snippet));
    }),
  );
  return edit;
}

/** The fix engine of one folder and report, for `applyInOrder`. */
export function folderFixEngine(audit: FolderAudit, report: Report, relPath: string): FixEngine {
  return {
    parse: (text) => audit.parseDetached(relPath, text),
    compute: (fix, text, doc) => fixEdits(audit, report, { text, doc }, fix.fixId),
    apply: (text, edits) => applyEdits(text, edits),
  };
}

/** The single edit that applies every safe fix of a document (of one check, with `checkId`), or undefined. */
export function fixAllEdit(
  audit: FolderAudit,
  report: Report,
  relPath: string,
  snap: Snapshot,
  checkId?: string,
): { edit: TextEdit; titles: string[] } | undefined {
  const findings = report.documents.find((d) => d.path === relPath)?.findings ?? [];
  const planned = safeFixes(findings, checkId);
  if (planned.length === 0) return undefined;
  const result = applyInOrder(snap.text, snap.doc, planned, folderFixEngine(audit, report, relPath));
  const edit = minimalEdit(snap.text, result.text);
  return edit && { edit, titles: [...new Set(result.applied.map((f) => fixTitle(f.fixId)))] };
}

/**
 * Safe fixes across every audited folder as one workspace edit. With
 * `review`, its entries need confirmation, so VS Code opens the refactor
 * preview before applying. Only the core's `SAFE_FIXES` (see `safeFixes`):
 * no review date, owner, category, section skeleton or exemption is ever
 * written in bulk.
 */
export async function fixAllWorkspaceEdit(
  audits: readonly FolderAudit[],
  checkId?: string,
  review = true,
): Promise<{ edit: vscode.WorkspaceEdit; files: number }> {
  const edit = new vscode.WorkspaceEdit();
  let files = 0;
  for (const audit of audits) {
    const report = audit.report;
    if (!report) continue;
    for (const doc of report.documents) {
      if (safeFixes(doc.findings, checkId).length === 0) continue;
      const snap = await audit.snapshot(doc.path);
      const fix = snap && fixAllEdit(audit, report, doc.path, snap, checkId);
      if (!snap || !fix) continue;
      const vsEdit = toVsEdit(snap.text, fix.edit);
      edit.replace(audit.uri(doc.path), vsEdit.range, vsEdit.newText, {
        label: fix.titles.join('; '),
        description: doc.path,
        needsConfirmation: review,
      });
      files++;
    }
  }
  return { edit, files };
}

/**
 * Where a document moves to: the central folder, same file name; a name that
 * is taken gets `-2`, `-3`, ... Undefined when the document is already inside.
 */
export function moveTarget(
  centralFolder: string,
  relPath: string,
  exists: (rel: string) => boolean,
): string | undefined {
  const central = centralFolder.replace(/^\.\/?|\/+$/g, '');
  if (central === '' || relPath.startsWith(`${central}/`)) return undefined;
  const ext = posix.extname(relPath);
  const stem = posix.basename(relPath, ext);
  for (let n = 1; ; n++) {
    const candidate = `${central}/${n === 1 ? stem : `${stem}-${n}`}${ext}`;
    if (!exists(candidate)) return candidate;
  }
}

/**
 * The move of `from` to `to` as one workspace edit: the moved document's
 * own link edits (on its old URI, before the rename), the rename, then the
 * edits of every document that links to it.
 */
export async function moveEdit(audit: FolderAudit, from: string, to: string): Promise<vscode.WorkspaceEdit> {
  const docs = new Map<string, Snapshot>();
  for (const path of audit.knownPaths()) {
    // Only documents with relative links can point at the moved one; reading the rest would be wasted work.
    const facts = audit.document(path);
    if (path !== from && !facts?.links.some((l) => l.relative && l.path !== '')) continue;
    const snap = await audit.snapshot(path);
    if (snap) docs.set(path, snap);
  }
  const rewrites = rewriteLinksForMove({ from, to, docs, markdownExtensions: audit.config.markdownExtensions });
  const edit = new vscode.WorkspaceEdit();
  const add = (path: string) => {
    const snap = docs.get(path);
    for (const e of rewrites.get(path) ?? [])
      if (snap) edit.replace(audit.uri(path), toVsEdit(snap.text, e).range, e.newText);
  };
  add(from);
  edit.renameFile(audit.uri(from), audit.uri(to), { overwrite: false });
  for (const path of rewrites.keys()) if (path !== from) add(path);
  return edit;
}
