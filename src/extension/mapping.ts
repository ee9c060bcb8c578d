/**
 * Report → VS Code: positions, severities and diagnostics. The report's
 * positions are 1-based; VS Code's are 0-based. The conversion happens in
 * {@link toVsPosition} and nowhere else.
 */
import * as vscode from 'vscode';
import type { Point, Range, TextEdit } from '../core/position';
import type { Finding, Report, ReportError } from '../core/report/types';
import type { Severity } from '../core/rubric/types';
import { CONFIG_FILE, EXTENSION_NAME } from './constants';

/** The one place where a 1-based report point becomes a 0-based VS Code position. */
export function toVsPosition(point: Pick<Point, 'line' | 'column'>): vscode.Position {
  return new vscode.Position(Math.max(0, point.line - 1), Math.max(0, point.column - 1));
}

/** A report range as a VS Code range. */
export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(toVsPosition(range.start), toVsPosition(range.end));
}

/**
 * The 0-based position of a UTF-16 offset in `text`, for edits on files that
 * are not open in an editor (VS Code offsets and the engine's are both UTF-16).
 */
export function positionAt(text: string, offset: number): vscode.Position {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < o; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return new vscode.Position(line, o - lineStart);
}

/** An engine edit as a VS Code range and text, against the text the engine was given. */
export function toVsEdit(text: string, edit: TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(new vscode.Range(positionAt(text, edit.start), positionAt(text, edit.end)), edit.newText);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * The diagnostic severity of a finding. The engine has applied the severity
 * overrides (settings and `.sopmaturity.yml`, merged into its configuration)
 * already, and reports no finding that an override turns off.
 */
export function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  return SEVERITY[severity];
}

/** What {@link toDiagnostic} needs besides the finding. */
export interface DiagnosticContext {
  /** The folder the report's paths are relative to. */
  root: vscode.Uri;
}

/** A finding as a diagnostic, its check's documentation (`finding.url`) linked from its code. */
export function toDiagnostic(finding: Finding, ctx: DiagnosticContext): vscode.Diagnostic {
  const severity = toSeverity(finding.severity);
  const diagnostic = new vscode.Diagnostic(toVsRange(finding.range), diagnosticMessage(finding), severity);
  diagnostic.source = EXTENSION_NAME;
  const { url } = finding;
  diagnostic.code = url ? { value: finding.check, target: vscode.Uri.parse(url) } : finding.check;
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(resolvePath(ctx.root, r.path), r.range ? toVsRange(r.range) : new vscode.Position(0, 0)),
          r.message,
        ),
    );
  }
  return diagnostic;
}

/**
 * A finding's diagnostic text: one short paragraph, the finding's message and
 * the level its check counts for. The check's id and its documentation link
 * travel in `Diagnostic.code`, which VS Code shows after the text: several
 * findings on one line stay a short list in the hover, not a wall.
 */
export function diagnosticMessage(finding: Pick<Finding, 'message' | 'level'>): string {
  const text = finding.message.replace(/\s*\n\s*/g, ' ').trim();
  return finding.level > 0 ? `${text} (level ${finding.level})` : text;
}

/** A file the engine could not read, or a config/rubric error, as an error diagnostic. */
export function errorDiagnostic(error: Pick<ReportError, 'message' | 'line' | 'column'>): vscode.Diagnostic {
  const pos = toVsPosition({ line: error.line ?? 1, column: error.column ?? 1 });
  const diagnostic = new vscode.Diagnostic(new vscode.Range(pos, pos), error.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = EXTENSION_NAME;
  return diagnostic;
}

/**
 * Where workspace-level findings that the engine files under no document
 * path go: the central folder's index page when there is one, else the
 * configuration file (whether or not it exists yet, so the Problems panel
 * still names a sensible place).
 */
export function workspaceAnchor(report: Pick<Report, 'documents' | 'centralFolder'>): string {
  const central = report.centralFolder === '.' ? '' : report.centralFolder.replace(/\/+$/, '');
  const indexes = report.documents
    .filter((d) => d.kind === 'index' && (central === '' || d.path.startsWith(`${central}/`)))
    .sort((a, b) => depth(a.path) - depth(b.path) || a.path.localeCompare(b.path));
  return indexes[0]?.path ?? CONFIG_FILE;
}

/**
 * All diagnostics of a report, by path relative to the report root: one per
 * finding (open documents or not), workspace findings that belong to no
 * document on the {@link workspaceAnchor}, plus one per file the engine could not read.
 */
export function diagnosticsByPath(report: Report, ctx: DiagnosticContext): Map<string, vscode.Diagnostic[]> {
  const out = new Map<string, vscode.Diagnostic[]>();
  const add = (path: string, d: vscode.Diagnostic) => {
    const key = path === '' || path === '.' ? workspaceAnchor(report) : path;
    const list = out.get(key);
    if (list) list.push(d);
    else out.set(key, [d]);
  };
  for (const doc of report.documents) {
    for (const finding of doc.findings) add(doc.path, toDiagnostic(finding, ctx));
  }
  for (const finding of report.workspaceFindings) add('', toDiagnostic(finding, ctx));
  // A parsed document's own errors are findings already (checks `front-matter`, `file`); only files the
  // engine never got (unreadable, over the size limit) need a diagnostic of their own.
  const documents = new Set(report.documents.map((d) => d.path));
  for (const error of report.errors) if (!documents.has(error.path)) add(error.path, errorDiagnostic(error));
  return out;
}

/** The URI of a POSIX path relative to a folder (absolute paths are kept as they are). */
export function resolvePath(root: vscode.Uri, relPath: string): vscode.Uri {
  if (relPath.startsWith('/') || /^[A-Za-z]:[\\/]/.test(relPath)) return vscode.Uri.file(relPath);
  return vscode.Uri.joinPath(root, ...relPath.split('/').filter(Boolean));
}

function depth(path: string): number {
  return path.split('/').length;
}
