/**
 * "Why is this (not) an SOP?" in the editor, through the fake `vscode`
 * module over a real engine workspace: the hover on the first line and the
 * title, the "Treat as SOP" / "Not an SOP" quick fixes (applied, audited
 * again, kind changed), the commands behind the hover links, and escaping of
 * everything a document supplies. Reasons are the engine's wording: they are
 * compared with the report, never with literal text.
 */
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** CommonMark alone, as VS Code's Markdown hover renders it. */
const commonMark = unified().use(remarkParse).freeze();
import { describe, expect, it, vi } from 'vitest';

const host = vi.hoisted(() => ({
  messages: [] as string[],
  applied: [] as unknown[],
  shown: [] as { viewColumn?: number }[],
  visible: [] as { viewColumn?: number }[],
}));

vi.mock('vscode', async () => ({
  ...(await import('../fakes/vscode')),
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  window: {
    get visibleTextEditors() {
      return host.visible;
    },
    showTextDocument: async (_uri: unknown, options: { viewColumn?: number }) => void host.shown.push(options),
    showInformationMessage: async (m: string) => void host.messages.push(m),
    showWarningMessage: async (m: string) => void host.messages.push(m),
  },
  workspace: {
    textDocuments: [],
    applyEdit: async (edit: unknown) => {
      host.applied.push(edit);
      return true;
    },
  },
}));

import * as vscode from 'vscode';
import { Commands } from '../../../src/extension/commands';
import { Command } from '../../../src/extension/constants';
import type { AuditController } from '../../../src/extension/controller';
import type { FolderAudit } from '../../../src/extension/folder';
import { escapeHoverText, kindHover, SopHoverProvider } from '../../../src/extension/kind';
import type { Hover as FakeHover, MarkdownString as FakeMarkdown } from '../fakes/vscode';
import { applyTo, provider, TestFolder, textDocument } from '../helpers/folder';

const PRINTER = [
  '---',
  'title: Printer queue reset',
  'owner: Dana',
  '---',
  '',
  '# Printer queue reset',
  '',
  'When print jobs pile up on the office print server and nobody can print, the service desk resets the queue; it takes five minutes and needs an admin account.',
  '',
  '## Procedure',
  '',
  '1. Stop the print spooler service on the server.',
  '2. Delete the stuck jobs from the spool folder.',
  '3. Start the spooler again and print a test page.',
  '',
].join('\n');

function repo(): TestFolder {
  return new TestFolder(
    {
      'docs/sops/printer.md': PRINTER,
      'docs/glossary.md': '# Glossary\n\nWords we use.\n',
      'docs/README.md': '# Knowledge base\n\n- [Printer](sops/printer.md)\n',
      'CHANGELOG.md': '# Changelog\n\n- 1.0\n',
      'archive/old.md': '# Old notes\n',
    },
    ['archive/old.md'],
  );
}

const audits = (folder: TestFolder) => ({ folderFor: () => folder as unknown as FolderAudit });

function hoverAt(folder: TestFolder, rel: string, line: number): FakeHover | undefined {
  return new SopHoverProvider(audits(folder)).provideHover(
    textDocument(folder, rel),
    new vscode.Position(line, 0),
  ) as unknown as FakeHover | undefined;
}

/** The links of a hover as Markdown renders them (a CommonMark parse, as VS Code's renderer reads the text). */
function links(markdown: string): string[] {
  const out: string[] = [];
  const visit = (node: { type: string; url?: string; children?: unknown[] }) => {
    if (node.type === 'link' || node.type === 'html' || node.type === 'image')
      out.push(`${node.type} ${node.url ?? ''}`);
    for (const c of node.children ?? []) visit(c as typeof node);
  };
  visit(commonMark.parse(markdown) as unknown as { type: string });
  return out;
}

const commandUrl = (command: string, rel: string) =>
  `command:${command}?${encodeURIComponent(JSON.stringify([`file:///repo/${rel}`]))}`;

function kindOf(folder: TestFolder, rel: string) {
  return folder.report!.documents.find((d) => d.path === rel)!;
}

describe('the hover on the first line and the title', () => {
  it('says the kind and the reason of a procedure, and offers Not an SOP as its only trusted command', () => {
    const folder = repo();
    const doc = kindOf(folder, 'docs/sops/printer.md');
    expect(doc.kind).toBe('procedure');
    const hover = hoverAt(folder, 'docs/sops/printer.md', 0)!;
    const md = hover.contents as FakeMarkdown;
    expect(md.value.split('\n\n')[0]).toBe(`**SOP Maturity:** procedure — ${escapeHoverText(doc.kindReason)}`);
    expect(links(md.value)).toEqual([`link ${commandUrl(Command.notAnSop, 'docs/sops/printer.md')}`]);
    expect(md.isTrusted).toEqual({ enabledCommands: [Command.treatAsSop, Command.notAnSop] });
    expect(hover.range!.start.line).toBe(0);
    expect(hover.range!.end.character).toBe(3);
  });

  it('shows on the title line too, and nowhere else', () => {
    const folder = repo();
    expect(hoverAt(folder, 'docs/sops/printer.md', 1)).toBeDefined();
    for (const line of [2, 5, 11])
      expect(hoverAt(folder, 'docs/sops/printer.md', line), `line ${line}`).toBeUndefined();
  });

  it('says other document / index page with their reasons, and offers Treat as SOP where a type changes the kind', () => {
    const folder = repo();
    const glossary = hoverAt(folder, 'docs/glossary.md', 0)!.contents as FakeMarkdown;
    expect(glossary.value.split('\n\n')[0]).toBe(
      `**SOP Maturity:** other document — ${escapeHoverText(kindOf(folder, 'docs/glossary.md').kindReason)}`,
    );
    expect(links(glossary.value)).toEqual([`link ${commandUrl(Command.treatAsSop, 'docs/glossary.md')}`]);
    const readme = hoverAt(folder, 'docs/README.md', 0)!.contents as FakeMarkdown;
    expect(readme.value.split('\n\n')[0]).toBe(
      `**SOP Maturity:** index page — ${escapeHoverText(kindOf(folder, 'docs/README.md').kindReason)}`,
    );
    // A CHANGELOG is never a procedure: no command that would do nothing.
    const changelog = hoverAt(folder, 'CHANGELOG.md', 0)!.contents as FakeMarkdown;
    expect(changelog.value).toMatch(/^\*\*SOP Maturity:\*\* other document — /);
    expect(links(changelog.value)).toEqual([]);
  });

  it('says so when the configuration leaves the file out', () => {
    const md = hoverAt(repo(), 'archive/old.md', 0)!.contents as FakeMarkdown;
    expect(md.value).toMatch(/^\*\*SOP Maturity:\*\* not audited/);
    expect(links(md.value)).toEqual([]);
  });

  it('says stub when the report does, and nothing about it when the report does not know', () => {
    const uri = vscode.Uri.file('/repo/docs/sops/empty.md');
    const stub = kindHover(
      { kind: 'procedure', kindReason: 'folder sops/', stub: true } as never,
      uri,
      true,
    ) as unknown as FakeMarkdown;
    expect(stub.value).toContain('a stub');
    const unknown = kindHover({ kind: 'procedure', kindReason: 'folder sops/' }, uri, true) as unknown as FakeMarkdown;
    expect(unknown.value).not.toContain('stub');
  });

  it('escapes a hostile reason: no link, image, HTML or emphasis of its own', () => {
    const hostile =
      'front matter type: [run](command:workbench.action.quit) ![x](https://evil.test/x.png) <img src=x onerror=alert(1)> **bold** `code`\n\n# heading';
    const uri = vscode.Uri.file('/repo/docs/x.md');
    const md = kindHover({ kind: 'other', kindReason: hostile }, uri, true) as unknown as FakeMarkdown;
    expect(links(md.value)).toEqual([`link ${commandUrl(Command.treatAsSop, 'docs/x.md')}`]);
    const tree = commonMark.parse(md.value);
    const text = JSON.stringify(tree);
    expect(text).not.toContain('"type":"strong","children":[{"type":"text","value":"bold"');
    expect(text).not.toContain('"type":"inlineCode"');
    expect(text).not.toContain('"type":"heading"');
    // The reader still sees the reason's words as written (on one line).
    const first = tree.children[0] as { children: { type: string; value?: string }[] };
    expect(
      first.children
        .filter((c) => c.type === 'text')
        .map((c) => c.value)
        .join(''),
    ).toContain(hostile.replace(/\n+/g, ' '));
  });
});

describe('Treat as SOP / Not an SOP as quick fixes', () => {
  const at = (folder: TestFolder, rel: string, line: number, only?: vscode.CodeActionKind) =>
    provider(folder).provideCodeActions(
      textDocument(folder, rel),
      new vscode.Range(new vscode.Position(line, 0), new vscode.Position(line, 0)),
      {
        diagnostics: [],
        only,
        triggerKind: 1,
      } as unknown as vscode.CodeActionContext,
    );

  it('are offered on the first line and the title, applied as an edit, and the audit follows', async () => {
    const folder = repo();
    const rel = 'docs/sops/printer.md';
    const [off] = await at(folder, rel, 0);
    expect(off.title).toBe('Not an SOP (front matter type: reference)');
    expect(off.kind!.value).toBe('quickfix');
    expect(off.isPreferred).toBeFalsy();
    folder.write(rel, applyTo(folder.files[rel], off.edit!, folder.uri(rel)));
    expect(folder.files[rel]).toBe(PRINTER.replace('owner: Dana\n', 'owner: Dana\ntype: reference\n'));
    expect(kindOf(folder, rel).kind).toBe('other');

    const [on] = await at(folder, rel, 1);
    expect(on.title).toBe('Treat as SOP (front matter type: sop)');
    folder.write(rel, applyTo(folder.files[rel], on.edit!, folder.uri(rel)));
    expect(folder.files[rel]).toBe(PRINTER.replace('owner: Dana\n', 'owner: Dana\ntype: sop\n'));
    expect(kindOf(folder, rel).kind).toBe('procedure');
  });

  it('are not offered elsewhere, in a fix-all request, or where they would change nothing', async () => {
    const folder = repo();
    expect(await at(folder, 'docs/sops/printer.md', 11)).toEqual([]);
    expect((await at(folder, 'docs/sops/printer.md', 0, vscode.CodeActionKind.QuickFix)).map((a) => a.title)).toEqual([
      'Not an SOP (front matter type: reference)',
    ]);
    expect(
      (await at(folder, 'docs/sops/printer.md', 0, vscode.CodeActionKind.SourceFixAll)).map((a) => a.title),
    ).not.toContain('Not an SOP (front matter type: reference)');
    expect(await at(folder, 'CHANGELOG.md', 0)).toEqual([]);
    expect((await at(folder, 'docs/glossary.md', 0)).map((a) => a.title)).toEqual([
      'Treat as SOP (front matter type: sop)',
    ]);
  });
});

describe('the commands behind the hover links', () => {
  const log = { info: () => undefined } as unknown as vscode.LogOutputChannel;
  const commands = (folder: TestFolder) =>
    new Commands(
      {
        folderFor: () => folder as unknown as FolderAudit,
        currentFolder: () => folder as unknown as FolderAudit,
      } as unknown as AuditController,
      log,
    );

  it('take the URI as the string a hover link carries and apply one undoable workspace edit', async () => {
    const folder = repo();
    host.applied.length = 0;
    expect(await commands(folder).setKind('treat-as-sop', 'file:///repo/docs/glossary.md')).toBe(true);
    expect(host.applied).toHaveLength(1);
    const text = applyTo(
      folder.files['docs/glossary.md'],
      host.applied[0] as vscode.WorkspaceEdit,
      folder.uri('docs/glossary.md'),
    );
    expect(text).toBe('---\ntype: sop\n---\n# Glossary\n\nWords we use.\n');
    folder.write('docs/glossary.md', text);
    expect(kindOf(folder, 'docs/glossary.md').kind).toBe('procedure');
  });

  it('say why when nothing would change, and change nothing', async () => {
    const folder = repo();
    host.applied.length = 0;
    host.messages.length = 0;
    expect(await commands(folder).setKind('treat-as-sop', folder.uri('docs/sops/printer.md'))).toBe(false);
    expect(await commands(folder).setKind('treat-as-sop', folder.uri('CHANGELOG.md'))).toBe(false);
    expect(await commands(folder).setKind('not-an-sop', folder.uri('archive/old.md'))).toBe(false);
    expect(host.applied).toEqual([]);
    const changelog = kindOf(folder, 'CHANGELOG.md');
    expect(host.messages).toEqual([
      `SOP Maturity: docs/sops/printer.md is already classified as procedure (${kindOf(folder, 'docs/sops/printer.md').kindReason}).`,
      `SOP Maturity: CHANGELOG.md is classified as other document (${changelog.kindReason}), and a front-matter type does not change that.`,
      'SOP Maturity: open a Markdown file of the audited folder to change its kind.',
    ]);
  });

  it('open a document from the panel in another group than the panel, so its details stay in view', async () => {
    const c = commands(repo());
    host.shown.length = 0;
    host.visible = [{ viewColumn: 2 }, { viewColumn: 1 }];
    await c.openDocument('/repo/docs/glossary.md', 3, 1, 2);
    host.visible = [{ viewColumn: 2 }];
    await c.openDocument('/repo/docs/glossary.md', undefined, undefined, 2);
    await c.openDocument('/repo/docs/glossary.md');
    expect(host.shown.map((o) => o.viewColumn)).toEqual([1, vscode.ViewColumn.Beside, undefined]);
  });
});
