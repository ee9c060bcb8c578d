/**
 * An audited folder for the extension's unit tests, with the fake `vscode`
 * module (the importing test mocks it): the members of FolderAudit that the
 * code action and hover providers and the edits use, over an in-memory engine
 * workspace, and a way to apply a (fake) workspace edit.
 */
import * as vscode from 'vscode';
import { defaultConfig, Workspace } from '../../../src/core';
import type { SopDocument } from '../../../src/core/parse/facts';
import type { Report } from '../../../src/core/report/types';
import { SopCodeActionProvider } from '../../../src/extension/codeActions';
import type { AuditController } from '../../../src/extension/controller';
import type { FolderAudit, Snapshot } from '../../../src/extension/folder';
import type { WorkspaceEdit as FakeWorkspaceEdit } from '../fakes/vscode';
import { AS_OF, rubric } from './audit';

export const ROOT = vscode.Uri.file('/repo');

/** The members of FolderAudit the provider and the edits use, over an in-memory engine workspace. */
export class TestFolder {
  readonly rubric = rubric();
  readonly config = defaultConfig();
  readonly root = ROOT;
  report?: Report;
  private readonly ws = new Workspace({ root: '/repo', config: this.config, rubric: this.rubric, asOf: AS_OF });
  /** `excluded`: paths the configuration leaves out of the audit (as include/exclude globs would). */
  constructor(
    readonly files: Record<string, string>,
    private readonly excluded: readonly string[] = [],
  ) {
    for (const [p, t] of Object.entries(files)) if (!excluded.includes(p)) this.ws.setFile(p, t);
    this.recompute();
  }
  recompute(): Report {
    this.report = this.ws.report();
    return this.report;
  }
  relativePath(uri: vscode.Uri): string | undefined {
    return uri.path.startsWith('/repo/') ? uri.path.slice('/repo/'.length) : undefined;
  }
  uri(rel: string): vscode.Uri {
    return vscode.Uri.joinPath(ROOT, rel);
  }
  selects(rel: string): boolean {
    return rel.endsWith('.md') && !this.excluded.includes(rel);
  }
  knownPaths(): string[] {
    return Object.keys(this.files).sort();
  }
  document(rel: string): SopDocument | undefined {
    return this.ws.document(rel);
  }
  snapshotOf(document: vscode.TextDocument, rel: string): Snapshot {
    const text = document.getText();
    this.files[rel] = text;
    return { text, doc: this.ws.setFile(rel, text) };
  }
  /** FolderAudit's synchronous variant (the hover): parsed at once here, every text being short enough. */
  readySnapshotOf(document: vscode.TextDocument, rel: string): Snapshot | undefined {
    return this.snapshotOf(document, rel);
  }
  async snapshot(rel: string): Promise<Snapshot | undefined> {
    const text = this.files[rel];
    return text === undefined ? undefined : { text, doc: this.ws.setFile(rel, text) };
  }
  parseDetached(rel: string, text: string): SopDocument {
    return new Workspace({ root: '/repo', config: this.config, rubric: this.rubric, asOf: AS_OF }).setFile(rel, text);
  }
  /** Writes a new text, as an editor would. */
  write(rel: string, text: string): void {
    this.files[rel] = text;
    this.ws.setFile(rel, text);
    this.recompute();
  }
}

export function textDocument(folder: TestFolder, rel: string, version = 1): vscode.TextDocument {
  const lineAt = (line: number) => ({ text: folder.files[rel].split(/\r?\n/)[line] ?? '' });
  return {
    uri: folder.uri(rel),
    version,
    isClosed: false,
    getText: () => folder.files[rel],
    lineAt,
  } as unknown as vscode.TextDocument;
}

export function provider(folder: TestFolder): SopCodeActionProvider {
  const controller = { folderFor: () => folder as unknown as FolderAudit } as unknown as AuditController;
  return new SopCodeActionProvider(controller);
}

/** Applies the text edits of a (fake) workspace edit for one file; a snippet inserts its default values. */
export function applyTo(text: string, edit: vscode.WorkspaceEdit, uri: vscode.Uri): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
  const edits = (edit as unknown as FakeWorkspaceEdit).operations
    .filter((o) => o.type === 'edit' && o.uri.toString() === uri.toString())
    .map((o) => (o.type === 'edit' ? o.edit : undefined)!)
    .map((e) => ({
      start: offset(e.range.start),
      end: offset(e.range.end),
      text:
        'snippet' in e ? e.snippet.value.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\\([\\$}])/g, '$1') : e.newText,
    }))
    .sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}
