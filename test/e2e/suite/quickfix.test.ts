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
    const action = actions.find((a) => c.pick(a.title) && (!c.editHas || (a.edit && c.editHas.test(editsOn(a.edit, uri, before).map((e) => e.newText).join('\n')))));
    assert.ok(action, `no matching quick fix for ${c.check} on ${c.rel} (${doc.languageId}); offered: ${actions.map((a) => a.title).join(' | ')}`);
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
    if (c.passes !== false) assert.ok(!diagnosticOf(uri, c.check), `${c.rel} still has a ${c.check} diagnostic after "${action.title}": ${diagnosticOf(uri, c.check)?.message} (before: ${diagnostic.message})`);
    await saveIfDirty(doc);
    await api.whenIdle();
    if (c.passes !== false) assert.ok(!diagnosticOf(uri, c.check), `${c.rel}: ${c.check} is back after saving`);
    // No other check got worse.
    for (const k of checksOn(uri)) assert.ok(others.includes(k) || k === c.check, `${c.rel}: new ${k} diagnostic after "${action.title}"`);
    return { doc, before };
  }

  test('add checklist', async () => {
    await runFix({ rel: 'docs/clients/project-kickoff.md', check: 'checklist', pick: (t) => t.startsWith('Add a checklist'), insertOnly: true, inserted: /## Checklist[\s\S]*- \[ \] / });
  });

  test('mark reviewed', async () => {
    await runFix({ rel: 'docs/backups/daily-backup-check.md', check: 'review-date', pick: (t) => t === 'Mark as reviewed today', insertOnly: false, inserted: /2026-11-01|11\/01\/2026/ });
  });

  test('mark reviewed through the command with a URI', async () => {
    const uri = wsUri('docs/clients/new-client-onboarding.md');
    assert.ok(diagnosticOf(uri, 'review-date'), 'no review-date diagnostic to fix');
    assert.equal(await vscode.commands.executeCommand(Command.markReviewed, uri), true);
    await api.whenIdle();
    assert.ok(!diagnosticOf(uri, 'review-date'), 'review-date diagnostic left after the command');
    await saveIfDirty(await vscode.workspace.openTextDocument(uri));
  });

  test('add missing sections (required-sections)', async () => {
    await runFix({ rel: 'docs/finance/budget-variance-review.md', check: 'required-sections', pick: (t) => t === 'Add the missing template sections', editHas: /## (Purpose|Procedure)/, insertOnly: true, inserted: /^## /m });
  });

  test('add missing sections (verification)', async () => {
    await runFix({ rel: 'docs/finance/budget-planning.md', check: 'verification', pick: (t) => t === 'Add the missing template sections', editHas: /## Verification/, insertOnly: true, inserted: /## Verification/ });
  });

  test('add category (most common in the folder)', async () => {
    await runFix({ rel: 'docs/service-desk/after-hours-on-call.md', check: 'category', pick: (t) => t.startsWith('Add category "'), insertOnly: false, inserted: /category: / });
  });

  test('add owner (a suggested owner, not the snippet)', async () => {
    await runFix({ rel: 'docs/service-desk/after-hours-on-call.md', check: 'owner', pick: (t) => t.startsWith('Add owner "'), insertOnly: false, inserted: /\S/ });
  });

  test('add front matter to a document without one', async () => {
    const rel = 'docs/operations/how-to-reboot-a-hung-server.md';
    await writeRel(rel, '# How to reboot a hung server\n\nWhen a server stops answering.\n\n1. Try the console.\n2. Power-cycle it from the iDRAC.\n');
    await waitFor(`an owner diagnostic on ${rel}`, () => diagnosticOf(wsUri(rel), 'owner'));
    const { doc } = await runFix({ rel, check: 'owner', pick: (t) => t.startsWith('Add front matter'), insertOnly: true, inserted: /^---\ntitle: How to reboot a hung server\ntype: sop\n---\n$/, passes: false });
    assert.ok(doc.getText().startsWith('---\n'), 'no front matter block at the top');
    // Still ownerless, but the front-matter fix is no longer offered: the document has one now.
    const owner = diagnosticOf(doc.uri, 'owner');
    assert.ok(owner, 'owner diagnostic expected (front matter without an owner)');
    const titles = (await codeActions(doc.uri, owner.range, vscode.CodeActionKind.QuickFix)).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Add front matter')), `front matter offered again: ${titles.join(' | ')}`);
  });

  test('add exemption', async () => {
    await runFix({
      rel: 'docs/operations/change-management.md',
      check: 'automation',
      pick: (t) => t.startsWith('Exempt this document from "automation"'),
      insertOnly: true,
      inserted: /<!-- sop-maturity-disable automation -- .+ \(until \d{4}-\d{2}-\d{2}\) -->/,
    });
  });

  test('a fix on a CRLF document keeps CRLF', async () => {
    const source = await vscode.workspace.openTextDocument(wsUri('docs/finance/time-entry.md'));
    const rel = 'docs/finance/time-entry-crlf.md';
    const crlf = source.getText().replace(/\r?\n/g, '\r\n').replace(/^# .*$/m, '# Time entry (CRLF copy)').replace(/^title: .*$/m, 'title: Time entry (CRLF copy)');
    await writeRel(rel, crlf);
    await waitFor(`a checklist diagnostic on ${rel}`, () => diagnosticOf(wsUri(rel), 'checklist'));
    const { doc } = await runFix({ rel, check: 'checklist', pick: (t) => t.startsWith('Add a checklist'), insertOnly: true, inserted: /\r\n- \[ \] / });
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
      report.documents.flatMap((d) => d.findings.filter((f) => f.check === 'links').map((f) => `${d.path}\t${f.message}`)),
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
    assert.ok(after.documents.some((d) => d.path === target), 'the moved document is not in the report');
    assert.ok(!after.documents.some((d) => d.path === from), 'the old path is still in the report');
    assert.ok(!checksOn(wsUri(target)).includes('central-location'), 'the moved document is still outside the central folder');
    const translate = (p: string) => (p === from ? target : p);
    const translated = new Set([...linksBefore].map((k) => { const [p, m] = k.split('\t'); return `${translate(p)}\t${m}`; }));
    const linksAfter = after.documents.flatMap((d) => d.findings.filter((f) => f.check === 'links').map((f) => ({ key: `${d.path}\t${f.message}`, path: d.path })));
    const linkPaths = (keys: Iterable<string>) => new Set([...keys].map((k) => k.split('\t')[0]));
    const pathsBefore = linkPaths(translated);
    const broken = linksAfter.filter((l) => !pathsBefore.has(l.path));
    assert.deepEqual(broken.map((l) => l.key), [], 'documents with a broken link after the move that had none before');
    // The moved file's own broken links may only be those it already had (same count).
    const count = (keys: string[], p: string) => keys.filter((k) => k.startsWith(`${p}\t`)).length;
    for (const p of pathsBefore) {
      assert.ok(count(linksAfter.map((l) => l.key), p) <= count([...translated], p), `${p} has more links findings than before the move`);
    }
    // And the diagnostics say the same: nobody got a links diagnostic it did not have.
    for (const d of after.documents) {
      const has = checksOn(wsUri(d.path)).includes('links');
      if (has) assert.ok(pathsBefore.has(d.path), `${relOf(wsUri(d.path))} gained a links diagnostic`);
    }
    assert.ok(ours(wsUri(target)).every((d) => checkOf(d) !== 'central-location'));
  });
});
