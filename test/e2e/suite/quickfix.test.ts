// Each quick fix, asked for through vscode.executeCodeActionProvider like the light bulb,
// applied, and then: the check passes, and the document changed only where the fix says.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Command } from '../../../src/extension/constants';
import { waitFor, type SopMaturityApi } from '../api';
import {
  applyAction,
  assertOnlyEdited,
  checkOf,
  checksOn,
  codeActions,
  diagnosticOf,
  diffRegion,
  editsOn,
  eventually,
  existsRel,
  ours,
  ready,
  relOf,
  saveIfDirty,
  writeRel,
  warmUpCodeActions,
  wsUri,
} from './helpers';

interface FixCase {
  rel: string;
  check: string;
  /** Picks the action among those offered for the diagnostic. */
  pick: (title: string) => boolean;
  /**
   * Several findings on one line offer actions with the same title (each check's
   * "Add the missing template sections"): the one for this check inserts this.
   */
  editHas?: RegExp;
  /** True when the fix only inserts text (no byte of the original replaced). */
  insertOnly: boolean;
  /** Checked on the inserted text. */
  inserted?: RegExp;
  /** False when the fix does not make the check pass by itself (add-front-matter on an owner finding). */
  passes?: boolean;
  /**
   * True for an editing aid (a snippet left as inserted): its placeholders never pass, so the
   * check's diagnostic must still be there afterwards (RUBRIC.md, "A level is earned, never clicked").
   */
  stays?: boolean;
}

/** Today in this machine's time zone, YYYY-MM-DD (what "mark reviewed" must write). */
function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The same day as MM/DD/YYYY (a document that writes its dates so keeps that form). */
function usDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

/**
 * Saves the document of an editor the test typed into, through the editor's Save command (as a
 * user would): `TextDocument.save()` sometimes answers false right after typing in a snippet session.
 */
async function saveEditor(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  await vscode.commands.executeCommand('workbench.action.files.save');
  await eventually(`${relOf(editor.document.uri)} to be saved`, () => !editor.document.isDirty);
}

suite('quick fixes', () => {
  let api: SopMaturityApi;

  suiteSetup(async () => {
    api = await ready();
    await warmUpCodeActions();
  });

  /** Runs one fix case; returns the document (saved) and its text before the fix. */
  async function runFix(c: FixCase): Promise<{ doc: vscode.TextDocument; before: string }> {
    const uri = wsUri(c.rel);
    const doc = await vscode.workspace.openTextDocument(uri);
    await api.whenIdle();
    const diagnostic = diagnosticOf(uri, c.check);
    assert.ok(diagnostic, `${c.rel} has no ${c.check} diagnostic (has: ${checksOn(uri).join(', ')})`);
    const others = checksOn(uri).filter((k) => k !== c.check);
    const before = doc.getText();
    const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix);
    const action = actions.find(
      (a) =>
        c.pick(a.title) &&
        (!c.editHas ||
          (a.edit &&
            c.editHas.test(
              editsOn(a.edit, uri, before)
                .map((e) => e.newText)
                .join('\n'),
            ))),
    );
    assert.ok(
      action,
      `no matching quick fix for ${c.check} on ${c.rel} (${doc.languageId}); offered: ${actions.map((a) => a.title).join(' | ')}`,
    );
    assert.ok(action.edit, `"${action.title}" has no edit`);
    const listed = editsOn(action.edit, uri, before);
    await applyAction(action);
    await api.whenIdle();
    const after = doc.getText();
    // A snippet edit (values for the user to type) is not listed by the API: take what changed,
    // which for an insertion is exactly the inserted text.
    const edits = listed.length > 0 ? listed : [diffRegion(before, after)];
    assertOnlyEdited(before, after, edits, c.insertOnly);
    if (c.inserted) assert.match(edits.map((e) => e.newText).join('\n'), c.inserted);
    // Unsaved, the diagnostics already follow the editor's text.
    if (c.passes !== false)
      assert.ok(
        !diagnosticOf(uri, c.check),
        `${c.rel} still has a ${c.check} diagnostic after "${action.title}": ${diagnosticOf(uri, c.check)?.message} (before: ${diagnostic.message})`,
      );
    await saveIfDirty(doc);
    await api.whenIdle();
    if (c.passes !== false) assert.ok(!diagnosticOf(uri, c.check), `${c.rel}: ${c.check} is back after saving`);
    if (c.stays)
      assert.ok(diagnosticOf(uri, c.check), `${c.rel}: the placeholder of "${action.title}" made ${c.check} pass`);
    // No other check got worse.
    for (const k of checksOn(uri))
      assert.ok(others.includes(k) || k === c.check, `${c.rel}: new ${k} diagnostic after "${action.title}"`);
    return { doc, before };
  }

  test('add checklist', async () => {
    await runFix({
      rel: 'docs/clients/project-kickoff.md',
      check: 'checklist',
      pick: (t) => t.startsWith('Add a checklist'),
      insertOnly: true,
      inserted: /## Checklist[\s\S]*- \[ \] /,
    });
  });

  // Mark reviewed is a person's statement about the document in front of them: it writes the real
  // date of today in this machine's time zone. examples/.sopmaturity.yml pins `asOf: 2026-11-01`; that
  // date is the audit's, and must never be written as a review date. (These tests used to expect
  // the pinned date in the text: that was the bug of issue 15.)
  test("mark reviewed writes today's real date while asOf is pinned to another date", async () => {
    const asOf = api.getReport()?.asOf;
    const today = localToday();
    assert.equal(asOf, '2026-11-01', 'examples/.sopmaturity.yml no longer pins asOf');
    assert.notEqual(today, asOf, "the machine's date is the pinned asOf: this test cannot tell them apart today");
    const rel = 'docs/backups/daily-backup-check.md';
    // The fix replaces the date value only: what it writes is exactly today's date (in the document's date form).
    const { doc } = await runFix({
      rel,
      check: 'review-date',
      pick: (t) => t === `Mark as reviewed today (${today})`,
      insertOnly: false,
      inserted: new RegExp(`^(${today}|${usDate(today)})$`, 'm'),
      passes: today <= asOf!,
    });
    // After the pinned audit date the check calls it a future date (the audit runs as of asOf), which is right: nothing was backdated.
    if (today > asOf!) assert.match(diagnosticOf(doc.uri, 'review-date')?.message ?? '', /in the future/);
  });

  test("mark reviewed through the command with a URI writes today's date", async () => {
    const rel = 'docs/clients/new-client-onboarding.md';
    const uri = wsUri(rel);
    const today = localToday();
    assert.ok(diagnosticOf(uri, 'review-date'), 'no review-date diagnostic to fix');
    const doc = await vscode.workspace.openTextDocument(uri);
    const before = doc.getText();
    assert.equal(await vscode.commands.executeCommand(Command.markReviewed, uri), true);
    await api.whenIdle();
    const region = diffRegion(before, doc.getText());
    const line = doc.lineAt(doc.positionAt(region.start).line).text;
    assert.match(
      line,
      new RegExp(`: *["']?(${today}|${usDate(today)})["']?$`),
      `the command wrote "${line}", not today's date ${today}`,
    );
    assert.ok(!line.includes(api.getReport()!.asOf), 'the command wrote the pinned asOf');
    await saveIfDirty(doc);
  });

  test('add missing sections (required-sections) inserts a skeleton that does not pass', async () => {
    await runFix({
      rel: 'docs/finance/budget-variance-review.md',
      check: 'required-sections',
      pick: (t) => t === 'Add the missing template sections for "required-sections"…',
      insertOnly: true,
      inserted: /^## /m,
      passes: false,
      stays: true,
    });
  });

  test('add missing sections (verification) inserts a skeleton that does not pass', async () => {
    await runFix({
      rel: 'docs/finance/budget-planning.md',
      check: 'verification',
      pick: (t) => t === 'Add the missing template sections for "verification"…',
      insertOnly: true,
      inserted: /## Verification\n\n\(to be completed\)/,
      passes: false,
      stays: true,
    });
  });

  test('add category (most common in the folder)', async () => {
    await runFix({
      rel: 'docs/service-desk/after-hours-on-call.md',
      check: 'category',
      pick: (t) => t.startsWith('Add category "'),
      insertOnly: false,
      inserted: /category: /,
    });
  });

  test('add owner (a suggested owner, not the snippet)', async () => {
    await runFix({
      rel: 'docs/service-desk/after-hours-on-call.md',
      check: 'owner',
      pick: (t) => t.startsWith('Add owner "'),
      insertOnly: false,
      inserted: /\S/,
    });
  });

  test('add front matter to a document without one', async () => {
    const rel = 'docs/operations/how-to-reboot-a-hung-server.md';
    await writeRel(
      rel,
      '# How to reboot a hung server\n\nWhen a server stops answering.\n\n1. Try the console.\n2. Power-cycle it from the iDRAC.\n',
    );
    await waitFor(`an owner diagnostic on ${rel}`, () => diagnosticOf(wsUri(rel), 'owner'));
    const { doc } = await runFix({
      rel,
      check: 'owner',
      pick: (t) => t.startsWith('Add front matter'),
      insertOnly: true,
      inserted: /^---\n(title: How to reboot a hung server\n)?type: sop\n---\n$/,
      passes: false,
    });
    assert.ok(doc.getText().startsWith('---\n'), 'no front matter block at the top');
    // Still ownerless, but the front-matter fix is no longer offered: the document has one now.
    const owner = diagnosticOf(doc.uri, 'owner');
    assert.ok(owner, 'owner diagnostic expected (front matter without an owner)');
    const titles = (await codeActions(doc.uri, owner.range, vscode.CodeActionKind.QuickFix)).map((a) => a.title);
    assert.ok(
      !titles.some((t) => t.startsWith('Add front matter')),
      `front matter offered again: ${titles.join(' | ')}`,
    );
  });

  test('add exemption: the reason is selected first, a placeholder reason does not count, a real one does', async () => {
    const rel = 'docs/operations/change-management.md';
    const uri = wsUri(rel);
    const editor = await vscode.window.showTextDocument(uri);
    await api.whenIdle();
    const diagnostic = diagnosticOf(uri, 'automation');
    assert.ok(diagnostic, `${rel} has no automation diagnostic (has: ${checksOn(uri).join(', ')})`);
    const before = editor.document.getText();
    const action = (await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix)).find(
      (a) => a.title === 'Exempt this document from a check…',
    );
    assert.ok(action?.command, 'no exemption entry');
    assert.ok(
      (action.command.arguments?.[1] as string[]).includes('automation'),
      `automation is not among the checks to exempt from: ${action.command.arguments?.[1]}`,
    );
    // The entry asks which check; the picker's answer is the command's last argument.
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []), 'automation');
    const inserted = diffRegion(before, editor.document.getText());
    assert.match(
      inserted.newText,
      /^<!-- sop-maturity-disable automation -- <reason> \(until \d{4}-\d{2}-\d{2}\) -->\n$/,
    );
    assert.equal(editor.document.getText(editor.selection), '<reason>', 'the reason is not selected for typing');
    await api.whenIdle();
    assert.ok(diagnosticOf(uri, 'automation'), 'an exemption whose reason is a placeholder counted');
    await vscode.commands.executeCommand('type', { text: 'the change board approves each change by hand' });
    assert.match(
      editor.document.getText(),
      /-- the change board approves each change by hand \(until \d{4}-\d{2}-\d{2}\) -->/,
    );
    await eventually('the exemption with a real reason to count', () => !diagnosticOf(uri, 'automation'));
    await saveEditor(editor);
  });

  test('add owner as a snippet: <owner> selected, typing replaces it, one undo restores the text', async () => {
    await api.whenIdle();
    // A document with front matter and an owner finding that no other test touches.
    const taken = new Set([
      'docs/service-desk/after-hours-on-call.md',
      'docs/operations/how-to-reboot-a-hung-server.md',
    ]);
    const target = api
      .getReport()!
      .documents.find(
        (d) =>
          !taken.has(d.path) &&
          d.kind === 'procedure' &&
          d.findings.some((f) => f.check === 'owner' && f.fixes.includes('add-owner')) &&
          !d.findings.some((f) => f.check === 'front-matter'),
      );
    assert.ok(target, 'no document with an owner finding left');
    const uri = wsUri(target.path);
    const editor = await vscode.window.showTextDocument(uri);
    await api.whenIdle();
    const before = editor.document.getText();
    assert.ok(before.startsWith('---'), `${target.path} has no front matter`);
    const pick = async () => {
      const diagnostic = diagnosticOf(uri, 'owner');
      assert.ok(diagnostic, `${target.path} has no owner diagnostic`);
      const action = (await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix)).find(
        (a) => a.title === 'Add owner…',
      );
      assert.ok(action, 'no "Add owner…" quick fix');
      return action;
    };
    await applyAction(await pick());
    const inserted = diffRegion(before, editor.document.getText());
    const line = editor.document.lineAt(editor.document.positionAt(inserted.start).line).text;
    assert.match(line, /^\w+: <owner>$/, `the owner line reads "${line}"`);
    assert.equal(editor.document.getText(editor.selection), '<owner>', 'the placeholder is not selected');
    await api.whenIdle();
    assert.match(
      diagnosticOf(uri, 'owner')?.message ?? '',
      /placeholder/i,
      'the placeholder owner passed the owner check',
    );
    // One undo takes the whole insertion back.
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo did not restore the text');
    // Again, and type the owner over the placeholder.
    await applyAction(await pick());
    await vscode.commands.executeCommand('type', { text: 'Service Desk Leads' });
    const typed = diffRegion(before, editor.document.getText());
    assert.match(
      editor.document.lineAt(editor.document.positionAt(typed.start).line).text,
      /^\w+: Service Desk Leads$/,
    );
    assert.ok(!editor.document.getText().includes('<owner>'), 'the placeholder is still there after typing');
    await eventually('the owner diagnostic to go', () => !diagnosticOf(uri, 'owner'));
    await saveEditor(editor);
  });

  test('a fix on a CRLF document keeps CRLF', async () => {
    const source = await vscode.workspace.openTextDocument(wsUri('docs/finance/time-entry.md'));
    const rel = 'docs/finance/time-entry-crlf.md';
    const crlf = source
      .getText()
      .replace(/\r?\n/g, '\r\n')
      .replace(/^# .*$/m, '# Time entry (CRLF copy)')
      .replace(/^title: .*$/m, 'title: Time entry (CRLF copy)');
    await writeRel(rel, crlf);
    await waitFor(`a checklist diagnostic on ${rel}`, () => diagnosticOf(wsUri(rel), 'checklist'));
    const { doc } = await runFix({
      rel,
      check: 'checklist',
      pick: (t) => t.startsWith('Add a checklist'),
      insertOnly: true,
      inserted: /\r\n- \[ \] /,
    });
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    assert.ok(!/[^\r]\n/.test(doc.getText()), 'a bare LF after the fix');
  });

  test('move to the central folder leaves no broken link', async () => {
    const from = 'scratch/printer-fix.md';
    const fromUri = wsUri(from);
    await api.whenIdle();
    const report = api.getReport();
    assert.ok(report);
    const linksBefore = new Set(
      report.documents.flatMap((d) =>
        d.findings.filter((f) => f.check === 'links').map((f) => `${d.path}\t${f.message}`),
      ),
    );
    const diagnostic = diagnosticOf(fromUri, 'central-location');
    assert.ok(diagnostic, `no central-location diagnostic on ${from}`);
    // Code actions are computed on a text model: open the document (no editor needed).
    await vscode.workspace.openTextDocument(fromUri);
    const actions = await codeActions(fromUri, diagnostic.range, vscode.CodeActionKind.QuickFix);
    const move = actions.find((a) => a.title.startsWith('Move to '));
    assert.ok(move?.command, `no move action; offered: ${actions.map((a) => a.title).join(' | ')}`);
    const target = String(move.command.arguments?.[1]);
    assert.equal(target, 'docs/printer-fix.md');
    await applyAction(move);
    // The rename also edits documents that link to the moved one: save them all.
    for (const d of vscode.workspace.textDocuments) if (d.isDirty) await d.save();
    await waitFor('the old path to lose its diagnostics', () => ours(fromUri).length === 0);
    await api.whenIdle();
    assert.ok(existsRel(target), `${target} does not exist`);
    assert.ok(!existsRel(from), `${from} still exists`);
    const after = api.getReport();
    assert.ok(after, 'no report after the move');
    assert.ok(
      after.documents.some((d) => d.path === target),
      'the moved document is not in the report',
    );
    assert.ok(!after.documents.some((d) => d.path === from), 'the old path is still in the report');
    assert.ok(
      !checksOn(wsUri(target)).includes('central-location'),
      'the moved document is still outside the central folder',
    );
    const translate = (p: string) => (p === from ? target : p);
    const translated = new Set(
      [...linksBefore].map((k) => {
        const [p, m] = k.split('\t');
        return `${translate(p)}\t${m}`;
      }),
    );
    const linksAfter = after.documents.flatMap((d) =>
      d.findings.filter((f) => f.check === 'links').map((f) => ({ key: `${d.path}\t${f.message}`, path: d.path })),
    );
    const linkPaths = (keys: Iterable<string>) => new Set([...keys].map((k) => k.split('\t')[0]));
    const pathsBefore = linkPaths(translated);
    const broken = linksAfter.filter((l) => !pathsBefore.has(l.path));
    assert.deepEqual(
      broken.map((l) => l.key),
      [],
      'documents with a broken link after the move that had none before',
    );
    // The moved file's own broken links may only be those it already had (same count).
    const count = (keys: string[], p: string) => keys.filter((k) => k.startsWith(`${p}\t`)).length;
    for (const p of pathsBefore) {
      assert.ok(
        count(
          linksAfter.map((l) => l.key),
          p,
        ) <= count([...translated], p),
        `${p} has more links findings than before the move`,
      );
    }
    // And the diagnostics say the same: nobody got a links diagnostic it did not have.
    for (const d of after.documents) {
      const has = checksOn(wsUri(d.path)).includes('links');
      if (has) assert.ok(pathsBefore.has(d.path), `${relOf(wsUri(d.path))} gained a links diagnostic`);
    }
    assert.ok(ours(wsUri(target)).every((d) => checkOf(d) !== 'central-location'));
  });
});
