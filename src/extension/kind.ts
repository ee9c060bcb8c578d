/**
 * "Why is this (not) an SOP?" in the editor: a hover on the first line (and
 * the title) of any Markdown file that says the document's kind and the rule
 * that decided it, with the correction as a command link, and the same
 * correction as a quick fix ("Treat as SOP" / "Not an SOP"). The edit itself
 * is the core's fix; this module only places and words it.
 */
import * as vscode from 'vscode';
import { fixTitle } from '../core';
import type { SopDocument } from '../core/parse/facts';
import type { DocumentReport, Report } from '../core/report/types';
import { kindFixFor, kindFixLabel, kindLabel, stubOf, type KindFix } from '../shared/kind';
import { Command, EXTENSION_NAME } from './constants';
import { fixEdits, fixWorkspaceEdit } from './edits';
import type { FolderAudit, Snapshot } from './folder';

/** The command that applies each correction (hover links, the panel, the palette). */
export const KIND_COMMANDS: Readonly<Record<KindFix, string>> = {
  'treat-as-sop': Command.treatAsSop,
  'not-an-sop': Command.notAnSop,
};

/** What the type each correction writes means, for tooltips. */
const KIND_FIX_DETAIL: Readonly<Record<KindFix, string>> = {
  'treat-as-sop': 'Writes type: sop into the front matter: the document is graded as a procedure.',
  'not-an-sop': 'Writes type: reference into the front matter: the document is counted, not graded.',
};

/**
 * True when a 0-based line range touches the document's first line or its
 * title (the front-matter `title` value or the level-1 heading).
 */
export function onFirstLineOrTitle(
  startLine: number,
  endLine: number,
  facts: Pick<SopDocument, 'titleRange'> | undefined,
): boolean {
  if (startLine === 0) return true;
  const title = facts?.titleRange;
  return title !== undefined && startLine <= title.end.line - 1 && endLine >= title.start.line - 1;
}

/**
 * Escapes text for a Markdown hover: every ASCII punctuation character gets a
 * backslash (CommonMark allows that escape for all of them), so text from a
 * document can never form a link, a command link, emphasis or HTML; line
 * breaks become spaces.
 */
export function escapeHoverText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A command link that runs a correction on `uri` (the argument travels as a string: command links carry JSON). */
export function kindCommandLink(fix: KindFix, uri: vscode.Uri): string {
  const args = encodeURIComponent(JSON.stringify([uri.toString()]));
  return `[${kindFixLabel(fix)}](command:${KIND_COMMANDS[fix]}?${args} "${KIND_FIX_DETAIL[fix]}")`;
}

/**
 * The hover of a document of the report: "SOP Maturity: procedure — <reason>",
 * the stub status when the report gives it, and the correction as a link when
 * it would change the kind (`offerFix`). Only the two correction commands are
 * trusted; everything from the document is escaped.
 */
export function kindHover(
  doc: Pick<DocumentReport, 'kind' | 'kindReason'>,
  uri: vscode.Uri,
  offerFix: boolean,
  why?: string,
): vscode.MarkdownString {
  const reason = doc.kindReason ? ` — ${escapeHoverText(doc.kindReason)}` : '';
  const stub = stubOf(doc) ? ' (a stub: an empty template, no steps written yet)' : '';
  const action = offerFix ? kindCommandLink(kindFixFor(doc.kind), uri) : why ? escapeHoverText(why) : '';
  const md = new vscode.MarkdownString(
    `**${EXTENSION_NAME}:** ${escapeHoverText(kindLabel(doc.kind))}${reason}${stub}${action ? `\n\n${action}` : ''}`,
  );
  md.isTrusted = { enabledCommands: Object.values(KIND_COMMANDS) };
  return md;
}

/** The hover of a Markdown file that the configuration leaves out of the audit. */
export function notAuditedHover(): vscode.MarkdownString {
  return new vscode.MarkdownString(
    `**${EXTENSION_NAME}:** not audited — the configuration's include and exclude globs leave this file out`,
  );
}

/** The folder audits the hover needs: which folder a URI belongs to. */
export interface KindAudits {
  folderFor(uri: vscode.Uri): FolderAudit | undefined;
}

/** The hover on the first line and the title of every Markdown file of an audited folder. */
export class SopHoverProvider implements vscode.HoverProvider {
  constructor(private readonly audits: KindAudits) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const audit = this.audits.folderFor(document.uri);
    const rel = audit?.relativePath(document.uri);
    // A root without procedures and without `.sopmaturity.yml` stays silent (the palette's commands still work there).
    if (!audit || rel === undefined || audit.silent) return undefined;
    if (!onFirstLineOrTitle(position.line, position.line, audit.document(rel))) return undefined;
    const line = new vscode.Range(
      new vscode.Position(position.line, 0),
      new vscode.Position(position.line, document.lineAt(position.line).text.length),
    );
    if (!audit.selects(rel)) return new vscode.Hover(notAuditedHover(), line);
    const report = audit.report;
    const doc = report?.documents.find((d) => d.path === rel);
    if (!report || !doc) return undefined;
    // Synchronous: a long text still being parsed (off the host's thread) offers no correction yet.
    const snap = audit.readySnapshotOf(document, rel);
    const offer = snap !== undefined && fixEdits(audit, report, snap, kindFixFor(doc.kind)).length > 0;
    const unread = Boolean(snap?.doc.frontMatter?.error);
    const why = unread ? 'The front matter cannot be read: fix it before changing the type.' : undefined;
    return new vscode.Hover(kindHover(doc, document.uri, offer, why), line);
  }
}

/**
 * The correction of a document as a quick fix: chosen by its kind as the
 * report says (the engine's facts before the report has it), with the core's
 * edit. Undefined when the core has no edit: the kind would not change (a
 * CHANGELOG stays an other document) or the front matter cannot be read.
 */
export function kindCodeAction(
  audit: FolderAudit,
  report: Report,
  rel: string,
  uri: vscode.Uri,
  snap: Snapshot,
): vscode.CodeAction | undefined {
  const fix = kindFixFor(report.documents.find((d) => d.path === rel)?.kind ?? snap.doc.kind);
  const edits = fixEdits(audit, report, snap, fix);
  if (edits.length === 0) return undefined;
  const action = new vscode.CodeAction(fixTitle(fix), vscode.CodeActionKind.QuickFix);
  action.edit = fixWorkspaceEdit(uri, snap.text, edits);
  return action;
}
