/**
 * The code action provider, fix-all and the move, driven through the fake
 * `vscode` module over a real engine workspace: every quick fix offered for a
 * finding is applied, the document is audited again, and the finding is gone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../fakes/vscode'));

import * as vscode from 'vscode';
import { exemptionFor } from '../../../src/extension/quickFixMenu';
import { Command } from '../../../src/extension/constants';
import { fixAllEdit, fixEdits, fixWorkspaceEdit, moveEdit, moveTarget } from '../../../src/extension/edits';
import { safeFixes } from '../../../src/extension/fixall';
import type { FolderAudit } from '../../../src/extension/folder';
import { toDiagnostic } from '../../../src/extension/mapping';
import type { WorkspaceEdit as FakeWorkspaceEdit } from '../fakes/vscode';
import { SAFE_FIXES } from '../../../src/core';
import { AS_OF, goodSop } from '../helpers/audit';
import { applyTo, provider, ROOT, TestFolder, textDocument } from '../helpers/folder';

async function quickFixes(folder: TestFolder, rel: string, check: string): Promise<vscode.CodeAction[]> {
  const report = folder.report!;
  const finding = report.documents.find((d) => d.path === rel)!.findings.find((f) => f.check === check);
  if (!finding) throw new Error(`no ${check} finding on ${rel}`);
  const diagnostic = toDiagnostic(finding, { root: ROOT });
  return provider(folder).provideCodeActions(textDocument(folder, rel), diagnostic.range, {
    diagnostics: [diagnostic],
    only: undefined,
    triggerKind: 1,
  } as unknown as vscode.CodeActionContext);
}

function checksOf(folder: TestFolder, rel: string): string[] {
  return folder.report!.documents.find((d) => d.path === rel)!.findings.map((f) => f.check);
}

const BARE = [
  '---',
  'title: Printer queue reset runbook',
  'type: sop',
  '---',
  '',
  '# Printer queue reset runbook',
  '',
  '## Procedure',
  '',
  '1. Stop the print spooler service on the print server from the Services console.',
  '2. Delete every file in the spool folder of the print server, leaving the folder itself.',
  '3. Start the print spooler service again and send a test page from a client computer.',
  '',
].join('\n');
const NO_FRONT_MATTER = [
  '# Reset a printer queue',
  '',
  '## Steps',
  '',
  '1. Stop the spooler.',
  '2. Clear the queue.',
  '3. Start the spooler.',
  '',
].join('\n');

function repo(extra: Record<string, string> = {}): TestFolder {
  return new TestFolder({
    'docs/sops/good-1.md': goodSop('Good one'),
    'docs/sops/good-2.md': goodSop('Good two'),
    'docs/sops/printer.md': BARE,
    ...extra,
  });
}

describe('quick fixes, applied and re-audited', () => {
  afterEach(() => vi.useRealTimers());

  // Fixes that write a real value: a suggested owner, the folder's category, a checklist from the written steps.
  const cases: { check: string; title: RegExp }[] = [
    { check: 'owner', title: /^Add owner "Dana Whitfield" \(most common in this folder\)$/ },
    { check: 'category', title: /^Add category "Service desk"/ },
    { check: 'checklist', title: /checklist/i },
  ];
  for (const { check, title } of cases) {
    it(`${check}: the preferred fix makes the finding go away`, async () => {
      const folder = repo();
      const actions = await quickFixes(folder, 'docs/sops/printer.md', check);
      const preferred = actions.filter((a) => a.isPreferred);
      expect(preferred).toHaveLength(1);
      expect(preferred[0].title).toMatch(title);
      folder.write(
        'docs/sops/printer.md',
        applyTo(folder.files['docs/sops/printer.md'], preferred[0].edit!, folder.uri('docs/sops/printer.md')),
      );
      expect(checksOf(folder, 'docs/sops/printer.md')).not.toContain(check);
    });
  }

  // Editing aids: a snippet whose placeholders keep the finding until the author writes real content.
  const aids: { check: string; title: string; snippet: RegExp; placeholder: string; real: string }[] = [
    {
      check: 'owner',
      title: 'Add owner…',
      snippet: /^owner: \$\{1:<owner>\}/m,
      placeholder: '<owner>',
      real: 'Printing team lead',
    },
    {
      check: 'category',
      title: 'Add category…',
      snippet: /^category: \$\{1:<category>\}/m,
      placeholder: '<category>',
      real: 'Printing',
    },
    {
      check: 'verification',
      title: 'Add the missing template sections for "verification"…',
      snippet: /## Verification\n\n\$\{1:\(to be completed\)\}/,
      placeholder: '(to be completed)',
      real: 'Print a test page and check that the queue is empty.',
    },
  ];
  for (const aid of aids) {
    it(`${aid.check}: "${aid.title}" is a snippet; left as inserted the finding stays, written it goes`, async () => {
      const folder = repo();
      const rel = 'docs/sops/printer.md';
      const action = (await quickFixes(folder, rel, aid.check)).find((a) => a.title === aid.title)!;
      expect(action, `no "${aid.title}"`).toBeDefined();
      const ops = (action.edit as unknown as FakeWorkspaceEdit).operations;
      const snippets = ops.flatMap((o) => (o.type === 'edit' && 'snippet' in o.edit ? [o.edit.snippet.value] : []));
      expect(snippets.join('\n')).toMatch(aid.snippet);
      const before = folder.files[rel];
      const inserted = applyTo(before, action.edit!, folder.uri(rel));
      folder.write(rel, inserted);
      expect(checksOf(folder, rel)).toContain(aid.check);
      folder.write(rel, inserted.split(aid.placeholder).join(aid.real));
      expect(checksOf(folder, rel)).not.toContain(aid.check);
    });
  }

  it('an aid without its snippet is not offered as a bare placeholder', async () => {
    // Every aid the provider offers carries a snippet edit: the author is put on the placeholder.
    const folder = repo();
    for (const check of ['owner', 'category', 'verification', 'required-sections', 'checklist']) {
      for (const a of await quickFixes(folder, 'docs/sops/printer.md', check)) {
        if (!/…$/.test(a.title) || !a.edit) continue;
        const ops = (a.edit as unknown as FakeWorkspaceEdit).operations;
        expect(
          ops.some((o) => o.type === 'edit' && 'snippet' in o.edit),
          `${check}: "${a.title}"`,
        ).toBe(true);
      }
    }
  });

  it('mark reviewed writes the real date of today, never the pinned asOf, and is not preferred', async () => {
    // The folder audits as of AS_OF (2026-11-01, like a pinned asOf); the clock says 2026-10-28.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 9, 28, 15, 0));
    const folder = repo();
    const rel = 'docs/sops/printer.md';
    const actions = await quickFixes(folder, rel, 'review-date');
    const mark = actions.find((a) => a.title.startsWith('Mark as reviewed today'))!;
    expect(mark.title).toBe('Mark as reviewed today (2026-10-28)');
    expect(mark.isPreferred).toBeFalsy();
    const after = applyTo(folder.files[rel], mark.edit!, folder.uri(rel));
    expect(after).toMatch(/^last_reviewed: 2026-10-28$/m);
    expect(after).not.toContain(AS_OF);
    folder.write(rel, after);
    expect(checksOf(folder, rel)).not.toContain('review-date');
  });

  it('offers the exemption as a snippet, reason selected first; a placeholder reason does not count', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 1, 9, 0));
    const folder = repo();
    const rel = 'docs/sops/printer.md';
    const entries = (await quickFixes(folder, rel, 'checklist')).filter((a) => a.title.startsWith('Exempt'));
    // One entry, which asks for the check (the command of the menu), then writes the core's exemption as a snippet.
    expect(entries.map((a) => a.title)).toEqual(['Exempt this document from a check…']);
    expect(entries[0].command).toMatchObject({
      command: Command.exemptDocument,
      arguments: [folder.uri(rel), ['checklist']],
    });
    const spec = exemptionFor('checklist', '2026-11-01');
    const snap = (await folder.snapshot(rel))!;
    const exempt = {
      edit: fixWorkspaceEdit(
        folder.uri(rel),
        snap.text,
        spec.type === 'snippet'
          ? fixEdits(folder as unknown as FolderAudit, folder.report!, snap, spec.fixId, spec.params)
          : [],
      ),
    };
    const op = (exempt.edit as unknown as FakeWorkspaceEdit).operations[0];
    expect(op.type === 'edit' && 'snippet' in op.edit && op.edit.snippet.value).toMatch(
      /-- \$\{1:<reason>\} \(until \$\{2:2027-01-30\}\)/,
    );
    const inserted = applyTo(folder.files[rel], exempt.edit!, folder.uri(rel));
    folder.write(rel, inserted);
    expect(checksOf(folder, rel)).toContain('checklist');
    folder.write(rel, inserted.replace('<reason>', 'the spooler is replaced next month'));
    expect(checksOf(folder, rel)).not.toContain('checklist');
  });

  it('orders the menu: the fixes (the first preferred), fix all in this file, one exemption entry, one documentation link per check', async () => {
    const folder = repo();
    const rel = 'docs/sops/printer.md';
    const report = folder.report!;
    const findings = report.documents.find((d) => d.path === rel)!.findings;
    const diagnostics = findings.map((f) => toDiagnostic(f, { root: ROOT }));
    // Every diagnostic of the document at once, as on a line that holds many.
    const actions = await provider(folder).provideCodeActions(textDocument(folder, rel), diagnostics[0].range, {
      diagnostics,
      only: undefined,
      triggerKind: 1,
    } as unknown as vscode.CodeActionContext);
    const titles = actions.map((a) => a.title);
    const fixAll = titles.indexOf('Fix all safe SOP Maturity problems in this file');
    const exempt = titles.indexOf('Exempt this document from a check…');
    const docs = titles.filter((t) => t.startsWith('Open the documentation for '));
    expect(actions[0].isPreferred).toBe(true);
    expect(fixAll).toBeGreaterThan(0);
    expect(titles.filter((t) => t.startsWith('Exempt'))).toHaveLength(1);
    expect(exempt).toBe(fixAll + 1);
    // The documentation links, then (on the first line or the title) the kind correction ("Not an SOP").
    expect(titles.slice(exempt + 1, exempt + 1 + docs.length)).toEqual(docs);
    expect(titles.length - (exempt + 1 + docs.length)).toBeLessThanOrEqual(1);
    expect(docs).toEqual([...new Set(findings.map((f) => `Open the documentation for ${f.check}`))]);
    expect(actions.slice(0, fixAll).every((a) => a.diagnostics?.length === 1)).toBe(true);
    expect(actions.slice(fixAll).every((a) => !a.diagnostics?.length)).toBe(true);
    expect(actions.filter((a) => a.isPreferred).length).toBeGreaterThan(0);
  });

  it('says nothing in a root without procedures and without .sopmaturity.yml', async () => {
    const folder = repo();
    const rel = 'docs/sops/printer.md';
    Object.defineProperty(folder, 'silent', { value: true });
    expect(await quickFixes(folder, rel, 'owner')).toEqual([]);
  });

  it('ends with a link to the check documentation (before the kind correction)', async () => {
    const actions = (await quickFixes(repo(), 'docs/sops/printer.md', 'owner')).filter((a) => !a.title.includes('SOP'));
    const last = actions[actions.length - 1];
    expect(last.command).toMatchObject({ command: 'vscode.open' });
  });

  it('adds front matter to a document without one', async () => {
    const folder = repo({ 'docs/sops/queue.md': NO_FRONT_MATTER });
    const actions = await quickFixes(folder, 'docs/sops/queue.md', 'owner');
    const add = actions.find((a) => /front matter/i.test(a.title))!;
    folder.write(
      'docs/sops/queue.md',
      applyTo(folder.files['docs/sops/queue.md'], add.edit!, folder.uri('docs/sops/queue.md')),
    );
    expect(folder.document('docs/sops/queue.md')!.frontMatter).toBeDefined();
  });
});

describe('fix all', () => {
  it('applies only the safe fixes of a document, in one edit: no review date, no placeholder', () => {
    const folder = repo({ 'docs/sops/queue.md': NO_FRONT_MATTER });
    const rel = 'docs/sops/printer.md';
    const findings = folder.report!.documents.find((d) => d.path === rel)!.findings;
    // The document has findings whose fixes are aids (owner, category, sections) and a statement (review date).
    expect(findings.flatMap((f) => f.fixes)).toEqual(
      expect.arrayContaining(['add-checklist', 'mark-reviewed', 'add-sections', 'add-owner']),
    );
    expect(safeFixes(findings)).toEqual([{ fixId: 'add-checklist', check: 'checklist' }]);
    expect(safeFixes(findings, 'review-date')).toEqual([]);
    expect(safeFixes(findings, 'verification')).toEqual([]);
    for (const d of folder.report!.documents)
      for (const p of safeFixes(d.findings)) expect(SAFE_FIXES.has(p.fixId)).toBe(true);
    const snap = { text: folder.files[rel], doc: folder.document(rel)! };
    const fix = fixAllEdit(folder as unknown as FolderAudit, folder.report!, rel, snap)!;
    const fixed = snap.text.slice(0, fix.edit.start) + fix.edit.newText + snap.text.slice(fix.edit.end);
    expect(fixed).not.toMatch(/reviewed|\d{4}-\d{2}-\d{2}|to be completed|<owner>|<category>/);
    folder.write(rel, fixed);
    const left = checksOf(folder, rel);
    expect(left).not.toContain('checklist');
    // What needs a person stays: the review, the owner, the category, the sections to write.
    expect(left).toEqual(expect.arrayContaining(['review-date', 'owner', 'category', 'verification']));
    // A procedure without front matter gets it (safe: the document already reads as one), nothing more.
    const queue = folder.report!.documents.find((d) => d.path === 'docs/sops/queue.md')!;
    expect(safeFixes(queue.findings).map((p) => p.fixId)).toContain('add-front-matter');
  });

  it('is offered as the source.fixAll.sopMaturity action only when asked for', async () => {
    const folder = repo();
    const doc = textDocument(folder, 'docs/sops/printer.md');
    const ask = (only?: vscode.CodeActionKind) =>
      provider(folder).provideCodeActions(doc, new vscode.Range(new vscode.Position(0, 0), new vscode.Position(0, 0)), {
        diagnostics: [],
        only,
        triggerKind: 1,
      } as unknown as vscode.CodeActionContext);
    // Unasked, line 1 offers only the document's "Not an SOP" correction (see ext-kind.test.ts), never fix-all.
    expect((await ask()).map((a) => a.kind!.value)).toEqual(['quickfix']);
    const [action] = await ask(vscode.CodeActionKind.SourceFixAll);
    expect(action.kind!.value).toBe('source.fixAll.sopMaturity');
    // It may run on save, unattended: a checklist from the written steps, never a review date or a placeholder.
    const fixed = applyTo(folder.files['docs/sops/printer.md'], action.edit!, doc.uri);
    expect(fixed).toContain('- [ ] Stop the print spooler service on the print server from the Services console.');
    expect(fixed).not.toMatch(/reviewed|to be completed|<owner>|<category>/);
  });
});

describe('move into the central folder', () => {
  const files = {
    'docs/README.md': '# KB\n\n- [Printer](../printing/printer.md)\n',
    'docs/sops/good-1.md': goodSop('Good one'),
    'docs/sops/good-2.md': goodSop('Good two'),
    'printing/printer.md': BARE.replace(
      '## Procedure',
      'See [the index](../docs/README.md) and [notes](notes.md).\n\n## Procedure',
    ),
    'printing/notes.md': '# Notes\n',
  };

  it('picks a free name in the central folder', () => {
    expect(moveTarget('docs', 'printing/printer.md', () => false)).toBe('docs/printer.md');
    expect(moveTarget('docs', 'printing/printer.md', (p) => p === 'docs/printer.md')).toBe('docs/printer-2.md');
    expect(moveTarget('docs', 'docs/sops/a.md', () => false)).toBeUndefined();
  });

  it('rewrites links in the moved document (before the rename) and links to it', async () => {
    const folder = new TestFolder({ ...files });
    const edit = (await moveEdit(
      folder as unknown as FolderAudit,
      'printing/printer.md',
      'docs/printer.md',
    )) as unknown as FakeWorkspaceEdit;
    const kinds = edit.operations.map((o) =>
      o.type === 'rename' ? `rename ${o.from.path} -> ${o.to.path}` : `edit ${o.uri.path}`,
    );
    expect(kinds).toEqual([
      'edit /repo/printing/printer.md',
      'edit /repo/printing/printer.md',
      'rename /repo/printing/printer.md -> /repo/docs/printer.md',
      'edit /repo/docs/README.md',
    ]);
    const moved = applyTo(
      files['printing/printer.md'],
      edit as unknown as vscode.WorkspaceEdit,
      folder.uri('printing/printer.md'),
    );
    expect(moved).toContain('[the index](README.md)');
    expect(moved).toContain('[notes](../printing/notes.md)');
    expect(
      applyTo(files['docs/README.md'], edit as unknown as vscode.WorkspaceEdit, folder.uri('docs/README.md')),
    ).toContain('[Printer](printer.md)');
  });
});
