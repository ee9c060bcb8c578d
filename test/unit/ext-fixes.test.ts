/**
 * The code action provider, fix-all and the move, driven through the fake
 * `vscode` module over a real engine workspace: every quick fix offered for a
 * finding is applied, the document is audited again, and the finding is gone.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('./fakes/vscode'));

import * as vscode from 'vscode';
import { fixAllEdit, moveEdit, moveTarget } from '../../src/extension/edits';
import { safeFixes } from '../../src/extension/fixall';
import type { FolderAudit } from '../../src/extension/folder';
import { toDiagnostic, docsUrlsOf } from '../../src/extension/mapping';
import type { WorkspaceEdit as FakeWorkspaceEdit } from './fakes/vscode';
import { goodSop } from './helpers/audit';
import { applyTo, provider, ROOT, TestFolder, textDocument } from './helpers/folder';

async function quickFixes(folder: TestFolder, rel: string, check: string): Promise<vscode.CodeAction[]> {
  const report = folder.report!;
  const finding = report.documents.find((d) => d.path === rel)!.findings.find((f) => f.check === check);
  if (!finding) throw new Error(`no ${check} finding on ${rel}`);
  const diagnostic = toDiagnostic(finding, { root: ROOT, docsUrls: docsUrlsOf(report), overrides: {} })!;
  return provider(folder).provideCodeActions(textDocument(folder, rel), diagnostic.range, {
    diagnostics: [diagnostic],
    only: undefined,
    triggerKind: 1,
  } as unknown as vscode.CodeActionContext);
}

function checksOf(folder: TestFolder, rel: string): string[] {
  return folder.report!.documents.find((d) => d.path === rel)!.findings.map((f) => f.check);
}

const BARE = ['---', 'title: Printer queue reset runbook', 'type: sop', '---', '', '# Printer queue reset runbook', '', '## Procedure', '', '1. Stop the spooler.', '2. Clear the queue.', '3. Start the spooler.', ''].join('\n');
const NO_FRONT_MATTER = ['# Reset a printer queue', '', '## Steps', '', '1. Stop the spooler.', '2. Clear the queue.', '3. Start the spooler.', ''].join('\n');

function repo(extra: Record<string, string> = {}): TestFolder {
  return new TestFolder({
    'docs/sops/good-1.md': goodSop('Good one'),
    'docs/sops/good-2.md': goodSop('Good two'),
    'docs/sops/printer.md': BARE,
    ...extra,
  });
}

describe('quick fixes, applied and re-audited', () => {
  const cases: { check: string; title: RegExp }[] = [
    { check: 'owner', title: /^Add owner "Dana Whitfield" \(most common in this folder\)$/ },
    { check: 'category', title: /^Add category "Service desk"/ },
    { check: 'checklist', title: /checklist/i },
    { check: 'review-date', title: /review/i },
    { check: 'required-sections', title: /section/i },
    { check: 'verification', title: /section/i },
  ];
  for (const { check, title } of cases) {
    it(`${check}: the preferred fix makes the finding go away`, async () => {
      const folder = repo();
      const actions = await quickFixes(folder, 'docs/sops/printer.md', check);
      const preferred = actions.filter((a) => a.isPreferred);
      expect(preferred).toHaveLength(1);
      expect(preferred[0].title).toMatch(title);
      folder.write('docs/sops/printer.md', applyTo(folder.files['docs/sops/printer.md'], preferred[0].edit!, folder.uri('docs/sops/printer.md')));
      expect(checksOf(folder, 'docs/sops/printer.md')).not.toContain(check);
    });
  }

  it('offers the exemption as a snippet that counts once its placeholders are filled in', async () => {
    const folder = repo();
    const exempt = (await quickFixes(folder, 'docs/sops/printer.md', 'checklist')).find((a) => a.title.startsWith('Exempt'))!;
    const op = (exempt.edit as unknown as FakeWorkspaceEdit).operations[0];
    expect(op.type === 'edit' && 'snippet' in op.edit && op.edit.snippet.value).toMatch(/-- \$\{1:reason\} \(until \$\{2:2027-01-30\}\)/);
    folder.write('docs/sops/printer.md', applyTo(folder.files['docs/sops/printer.md'], exempt.edit!, folder.uri('docs/sops/printer.md')));
    expect(checksOf(folder, 'docs/sops/printer.md')).not.toContain('checklist');
  });

  it('ends with a link to the check documentation', async () => {
    const actions = await quickFixes(repo(), 'docs/sops/printer.md', 'owner');
    const last = actions[actions.length - 1];
    expect(last.command).toMatchObject({ command: 'vscode.open' });
    expect(String(last.command!.arguments![0])).toContain('#owner');
  });

  it('adds front matter to a document without one', async () => {
    const folder = repo({ 'docs/sops/queue.md': NO_FRONT_MATTER });
    const actions = await quickFixes(folder, 'docs/sops/queue.md', 'owner');
    const add = actions.find((a) => /front matter/i.test(a.title))!;
    folder.write('docs/sops/queue.md', applyTo(folder.files['docs/sops/queue.md'], add.edit!, folder.uri('docs/sops/queue.md')));
    expect(folder.document('docs/sops/queue.md')!.frontMatter).toBeDefined();
  });
});

describe('fix all', () => {
  it('applies every safe fix of a document in one edit', () => {
    const folder = repo();
    const rel = 'docs/sops/printer.md';
    const findings = folder.report!.documents.find((d) => d.path === rel)!.findings;
    expect(safeFixes(findings).map((f) => f.fixId)).toEqual(expect.arrayContaining(['add-checklist', 'mark-reviewed', 'add-sections']));
    expect(safeFixes(findings, { unattended: true }).map((f) => f.fixId)).not.toContain('mark-reviewed');
    expect(safeFixes(findings, { checkId: 'checklist' })).toEqual([{ fixId: 'add-checklist', check: 'checklist' }]);
    const snap = { text: folder.files[rel], doc: folder.document(rel)! };
    const fix = fixAllEdit(folder as unknown as FolderAudit, folder.report!, rel, snap)!;
    const fixed = snap.text.slice(0, fix.edit.start) + fix.edit.newText + snap.text.slice(fix.edit.end);
    folder.write(rel, fixed);
    const left = checksOf(folder, rel);
    for (const check of ['checklist', 'review-date', 'required-sections', 'verification', 'prerequisites']) expect(left).not.toContain(check);
    // Owner and category need a person's decision: fix-all leaves them.
    expect(left).toEqual(expect.arrayContaining(['owner', 'category']));
  });

  it('is offered as the source.fixAll.sopMaturity action only when asked for', async () => {
    const folder = repo();
    const doc = textDocument(folder, 'docs/sops/printer.md');
    const ask = (only?: vscode.CodeActionKind) =>
      provider(folder).provideCodeActions(doc, new vscode.Range(new vscode.Position(0, 0), new vscode.Position(0, 0)), { diagnostics: [], only, triggerKind: 1 } as unknown as vscode.CodeActionContext);
    // Unasked, line 1 offers only the document's "Not an SOP" correction (see ext-kind.test.ts), never fix-all.
    expect((await ask()).map((a) => a.kind!.value)).toEqual(['quickfix']);
    const [action] = await ask(vscode.CodeActionKind.SourceFixAll);
    expect(action.kind!.value).toBe('source.fixAll.sopMaturity');
    // It may run on save, unattended: it adds structure but never stamps a review.
    const fixed = applyTo(folder.files['docs/sops/printer.md'], action.edit!, doc.uri);
    expect(fixed).toContain('- [ ]');
    expect(fixed).not.toMatch(/last_reviewed/);
  });
});

describe('move into the central folder', () => {
  const files = {
    'docs/README.md': '# KB\n\n- [Printer](../printing/printer.md)\n',
    'docs/sops/good-1.md': goodSop('Good one'),
    'docs/sops/good-2.md': goodSop('Good two'),
    'printing/printer.md': BARE.replace('## Procedure', 'See [the index](../docs/README.md) and [notes](notes.md).\n\n## Procedure'),
    'printing/notes.md': '# Notes\n',
  };

  it('picks a free name in the central folder', () => {
    expect(moveTarget('docs', 'printing/printer.md', () => false)).toBe('docs/printer.md');
    expect(moveTarget('docs', 'printing/printer.md', (p) => p === 'docs/printer.md')).toBe('docs/printer-2.md');
    expect(moveTarget('docs', 'docs/sops/a.md', () => false)).toBeUndefined();
  });

  it('rewrites links in the moved document (before the rename) and links to it', async () => {
    const folder = new TestFolder({ ...files });
    const edit = (await moveEdit(folder as unknown as FolderAudit, 'printing/printer.md', 'docs/printer.md')) as unknown as FakeWorkspaceEdit;
    const kinds = edit.operations.map((o) => (o.type === 'rename' ? `rename ${o.from.path} -> ${o.to.path}` : `edit ${o.uri.path}`));
    expect(kinds).toEqual(['edit /repo/printing/printer.md', 'edit /repo/printing/printer.md', 'rename /repo/printing/printer.md -> /repo/docs/printer.md', 'edit /repo/docs/README.md']);
    const moved = applyTo(files['printing/printer.md'], edit as unknown as vscode.WorkspaceEdit, folder.uri('printing/printer.md'));
    expect(moved).toContain('[the index](README.md)');
    expect(moved).toContain('[notes](../printing/notes.md)');
    expect(applyTo(files['docs/README.md'], edit as unknown as vscode.WorkspaceEdit, folder.uri('docs/README.md'))).toContain('[Printer](printer.md)');
  });
});
