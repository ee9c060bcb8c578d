/**
 * Core fixes as VS Code workspace edits: one fix on one document, "fix all"
 * on a document or the whole workspace (with a refactor preview), and the
 * move of a document into the central folder with its links rewritten.
 */
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { applyEdits, computeFix, fixTitle, rewriteLinksForMove } from '../core';
import type { Report, TextEdit } from '../core/types';
import type { FixParams, Placeholder } from './actions';
import { applyInOrder, minimalEdit, safeFixes, type FixEngine } from './fixall';
import type { FolderAudit, Snapshot } from './folder';
import { toVsEdit } from './mapping';
import { toSnippet } from './snippet';

/** The edits of one core fix, against `snap.text`. */
export function fixEdits(audit: FolderAudit, report: Report, snap: Snapshot, fixId: string, params: FixParams = {}): TextEdit[] {
  return computeFix(fixId, { text: snap.text, doc: snap.doc, rubric: audit.rubric, asOf: report.asOf, ...params });
}

/**
 * A workspace edit of one fix on `uri`. With placeholders, the edit that
 * holds the first marker becomes a snippet edit (tab stops for the user's
 * values); VS Code applies at most one snippet edit per file as a snippet.
 */
export function fixWorkspaceEdit(uri: vscode.Uri, text: string, edits: readonly TextEdit[], placeholders: readonly Placeholder[] = []): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const snippetIndex = placeholders.length > 0 ? edits.findIndex((e) => placeholders.some((p) => e.newText.includes(p.marker))) : -1;
  edit.set(
    uri,
    edits.map((e, i) => {
      const plain = toVsEdit(text, e);
      return i === snippetIndex ? new vscode.SnippetTextEdit(plain.range, new vscode.SnippetString(toSnippet(e.newText, placeholders))) : plain;
    }),
  );
  return edit;
}

/** The fix engine of one folder and report, for `applyInOrder`. */
export function folderFixEngine(audit: FolderAudit, report: Report, relPath: string): FixEngine {
  return {
    parse: (text) => audit.parseDetached(relPath, text),
    compute: (fix, text, doc) => fixEdits(audit, report, { text, doc }, fix.fixId, fix.fixId === 'add-sections' ? { sectionsFor: fix.check } : {}),
    apply: (text, edits) => applyEdits(text, edits),
  };
}

/** The single edit that applies every safe fix of a document (see `safeFixes` for the options), or undefined. */
export function fixAllEdit(
  audit: FolderAudit,
  report: Report,
  relPath: string,
  snap: Snapshot,
  opts: { checkId?: string; unattended?: boolean } = {},
): { edit: TextEdit; titles: string[] } | undefined {
  const findings = report.documents.find((d) => d.path === relPath)?.findings ?? [];
  const planned = safeFixes(findings, opts);
  if (planned.length === 0) return undefined;
  const result = applyInOrder(snap.text, snap.doc, planned, folderFixEngine(audit, report, relPath));
  const edit = minimalEdit(snap.text, result.text);
  return edit && { edit, titles: [...new Set(result.applied.map((f) => fixTitle(f.fixId)))] };
}

/**
 * Safe fixes across every audited folder as one workspace edit. With
 * `review`, its entries need confirmation, so VS Code opens the refactor
 * preview before applying.
 */
export async function fixAllWorkspaceEdit(audits: readonly FolderAudit[], checkId?: string, review = true): Promise<{ edit: vscode.WorkspaceEdit; files: number }> {
  const edit = new vscode.WorkspaceEdit();
  let files = 0;
  for (const audit of audits) {
    const report = audit.report;
    if (!report) continue;
    for (const doc of report.documents) {
      if (safeFixes(doc.findings, { checkId }).length === 0) continue;
      const snap = await audit.snapshot(doc.path);
      const fix = snap && fixAllEdit(audit, report, doc.path, snap, { checkId });
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
export function moveTarget(centralFolder: string, relPath: string, exists: (rel: string) => boolean): string | undefined {
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
    for (const e of rewrites.get(path) ?? []) if (snap) edit.replace(audit.uri(path), toVsEdit(snap.text, e).range, e.newText);
  };
  add(from);
  edit.renameFile(audit.uri(from), audit.uri(to), { overwrite: false });
  for (const path of rewrites.keys()) if (path !== from) add(path);
  return edit;
}
