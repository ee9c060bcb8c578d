// The SOP explorer and the review reminders in a real VS Code: the activity-bar view lists
// every procedure once, grouped by status, owner, area or folder with counts, and its badge
// counts the overdue reviews; Mark reviewed from a tree row and from the first-line CodeLens
// edits only the review key (and Undo takes it back); the "Review due in N days" reminder is
// there inside the review window and not outside it, with Mark reviewed as its quick fix.
// Every document is left as it was on disk.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Command } from '../../../src/extension/constants';
import type { GroupBy } from '../../../src/extension/explorerModel';
import { REVIEW_DUE_CODE } from '../../../src/extension/reviewText';
import { waitFor, type SopMaturityApi } from '../api';
import { screenshot } from '../screenshot';
import { codeActions, eventually, ours, ready, saveIfDirty, sleep, wsUri } from './helpers';

interface Shown {
  groupBy: GroupBy;
  groups: { label: string; items: string[] }[];
  badge: number;
}

const group = (by: GroupBy) => vscode.commands.executeCommand<Shown>(Command.explorerGroupBy, by);

/** Today in this machine's time zone, YYYY-MM-DD (what "mark reviewed" writes). */
function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The lines of `after` that differ from those of `before` (same number of lines expected). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'the edit added or removed lines');
  return b.filter((line, i) => line !== a[i]);
}

/** Puts `text` back into `doc` and saves, so the file on disk is as it was. */
async function restore(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }
  await saveIfDirty(doc);
}

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
}

/** Our review hover on a line of `uri`, as its Markdown text. */
async function hoverText(uri: vscode.Uri, line: number): Promise<string | undefined> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(line, 2),
    )) ?? [];
  const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
  return texts.find((t) => t.includes('**Owner:**') || t.includes('Next review due'));
}

suite('SOP explorer and review reminders', () => {
  let api: SopMaturityApi;

  suiteSetup(async () => {
    api = await ready();
    await waitFor('the review queue in the report', () => api.getReport()?.reviews !== undefined, 30_000);
  });

  test('lists every procedure once, grouped by status, owner, area and folder, with counts and a badge', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.sopMaturity');
    const report = api.getReport()!;
    const procedures = report.documents
      .filter((d) => d.kind === 'procedure')
      .map((d) => d.path)
      .sort();
    for (const by of ['owner', 'area', 'folder', 'status'] as const) {
      const shown = await group(by);
      assert.equal(shown.groupBy, by);
      const listed = shown.groups.flatMap((g) => g.items).sort();
      assert.deepEqual(listed, procedures, `grouped by ${by}, the tree does not list every procedure once`);
      for (const g of shown.groups) assert.ok(g.label.endsWith(` (${g.items.length})`), `no count in "${g.label}"`);
    }
    const byStatus = await group('status');
    const overdue = report.reviews!.items.filter((i) => i.state === 'overdue').length;
    assert.ok(overdue > 0, 'the sample repository has overdue reviews');
    assert.equal(byStatus.badge, overdue, 'the badge counts the overdue reviews');
    assert.ok(
      byStatus.groups.every((g) => /^(Failing the next level|Overdue review|Passing) \(\d+\)$/.test(g.label)),
      byStatus.groups.map((g) => g.label).join(', '),
    );
    const byOwner = await group('owner');
    if (report.owners && report.owners.unowned.length > 0)
      assert.equal(byOwner.groups[0].label, `No owner (${report.owners.unowned.length})`);
    await group('status');
    await sleep(500);
    await screenshot('e2e-explorer');
  });

  test('Mark reviewed from a tree row edits only the review key', async () => {
    const rel = 'docs/vendors/vendor-management.md';
    const uri = wsUri(rel);
    const doc = await vscode.workspace.openTextDocument(uri);
    const original = doc.getText();
    try {
      const row = { type: 'procedure', uri };
      assert.equal(await vscode.commands.executeCommand(Command.markReviewed, row), true);
      assert.deepEqual(changedLines(original, doc.getText()), [`last_reviewed: ${localToday()}`]);
      await waitFor('the report to see the review', () =>
        api.getReport()?.reviews?.items.find((i) => i.path === rel && i.lastReviewed === localToday()),
      );
    } finally {
      await restore(doc, original);
    }
  });

  test('the CodeLens names the owner and the reviews, and its Mark reviewed edits only the review key', async () => {
    const rel = 'docs/service-desk/ticket-triage.md';
    const uri = wsUri(rel);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    // The lens in full view: the panel (the smoke suite opens it again) and other groups closed.
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    const original = doc.getText();
    try {
      const lenses = await eventually('our CodeLenses', async () => {
        const all = await lensesOf(uri);
        return all.some((l) => l.command?.title === 'Mark reviewed') && all;
      });
      const titles = lenses.map((l) => l.command?.title ?? '');
      assert.ok(
        titles.includes('Owner: Marcus Bell · reviewed 2026-08-04 · next review 2027-08-04'),
        `lens titles: ${titles.join(' | ')}`,
      );
      assert.ok(lenses.every((l) => l.range.start.line === 0));
      // The hovers on the owner and review keys say where the owner came from and when the next review is due.
      const lines = original.split('\n');
      const ownerHover = await hoverText(
        uri,
        lines.findIndex((l) => l.startsWith('owner:')),
      );
      assert.ok(ownerHover?.includes('from the front-matter key `owner`'), `owner hover: ${ownerHover}`);
      const reviewHover = await hoverText(
        uri,
        lines.findIndex((l) => l.startsWith('last_reviewed:')),
      );
      assert.ok(reviewHover?.includes('Next review due **2027-08-04**'), `review hover: ${reviewHover}`);
      await sleep(500);
      await screenshot('e2e-codelens');
      const mark = lenses.find((l) => l.command?.title === 'Mark reviewed')!.command!;
      assert.equal(await vscode.commands.executeCommand(mark.command, ...(mark.arguments ?? [])), true);
      assert.deepEqual(changedLines(original, doc.getText()), [`last_reviewed: ${localToday()}`]);
      // One Undo takes it back.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), original);
    } finally {
      await restore(doc, original);
    }
  });

  test('a procedure without an owner gets "No owner · Add owner"', async () => {
    const uri = wsUri('docs/service-desk/priority-matrix.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    try {
      const line = original.split('\n').findIndex((l) => l.startsWith('owner:'));
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, doc.lineAt(line).range, 'owner: TBD');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const lenses = await eventually('our CodeLenses', async () => {
        const all = await lensesOf(uri);
        return all.some((l) => l.command?.title === 'Add owner') && all;
      });
      assert.deepEqual(
        lenses.slice(0, 2).map((l) => [l.command?.title, l.command?.command || undefined]),
        [
          ['No owner', undefined],
          ['Add owner', Command.addOwner],
        ],
      );
    } finally {
      await restore(doc, original);
    }
  });

  test('the review reminder shows inside the review window only, with Mark reviewed as its quick fix', async () => {
    const rel = 'docs/vendors/vendor-management.md';
    const uri = wsUri(rel);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const line = original.split('\n').findIndex((l) => l.startsWith('last_reviewed:'));
    const setReviewed = async (date: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, doc.lineAt(line).range, `last_reviewed: ${date}`);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    const reminder = () => ours(uri).find((d) => d.code === REVIEW_DUE_CODE);
    try {
      // asOf 2026-11-01, review_in 12 months, a 30-day window: due 2026-11-20 is inside it.
      await setReviewed('2025-11-20');
      const inside = await eventually('the review reminder', reminder);
      assert.equal(inside.message, 'Review due in 19 days (2026-11-20)');
      assert.equal(inside.severity, vscode.DiagnosticSeverity.Information);
      assert.equal(inside.range.start.line, line);
      const title = `Mark as reviewed today (${localToday()})`;
      const actions = await codeActions(uri, inside.range, vscode.CodeActionKind.QuickFix);
      const offered = actions.filter((a) => a.title === title);
      assert.equal(offered.length, 1, `Mark reviewed not offered once: ${actions.map((a) => a.title).join(', ')}`);
      // Overdue (due 2026-06-01) and far off (due 2027-10-01): no reminder.
      await setReviewed('2025-06-01');
      await waitFor('no reminder once overdue', () => !reminder());
      await setReviewed('2026-10-01');
      await waitFor('no reminder outside the window', () => !reminder());
      // The quick fix, back inside the window.
      await setReviewed('2025-11-20');
      const again = await eventually('the review reminder again', reminder);
      const before = doc.getText();
      const quick = (await codeActions(uri, again.range, vscode.CodeActionKind.QuickFix)).find(
        (a) => a.title === title,
      );
      assert.ok(quick?.edit);
      assert.ok(await vscode.workspace.applyEdit(quick.edit));
      assert.deepEqual(changedLines(before, doc.getText()), [`last_reviewed: ${localToday()}`]);
      await waitFor('no reminder once reviewed', () => !reminder());
    } finally {
      await restore(doc, original);
    }
  });
});
