// Fix-all: the `source.fixAll.sopMaturity` source action on one document, and the workspace
// command whose edit goes through VS Code's refactor preview (its Apply button pressed by command).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Command, FIX_ALL_KIND, FIX_ALL_REVIEW } from '../../../src/extension/constants';
import type { SopMaturityApi } from '../api';
import { checksOn, codeActions, isSubsequence, readRel, ready, saveAll, warmUpCodeActions, withFixAllAnswer, withPreviewApply, wsUri } from './helpers';

/** The core's SAFE_FIXES (importing src/core would bundle its YAML rubric, which this build does not load). */
const SAFE_FIXES: ReadonlySet<string> = new Set(['add-checklist', 'mark-reviewed', 'add-sections', 'add-front-matter']);

suite('fix all', () => {
  let api: SopMaturityApi;

  suiteSetup(async () => {
    api = await ready();
    await warmUpCodeActions();
  });

  test('source.fixAll.sopMaturity fixes every safe finding of a document', async () => {
    const rel = 'docs/operations/standard-technology-stack.md';
    const uri = wsUri(rel);
    const doc = await vscode.workspace.openTextDocument(uri);
    await api.whenIdle();
    const findings = api.getReport()?.documents.find((d) => d.path === rel)?.findings ?? [];
    // Unattended (on save, no preview): the review stamp is left to a person.
    const fixable = findings.filter((f) => f.fixes.some((x) => SAFE_FIXES.has(x) && x !== 'mark-reviewed')).map((f) => f.check);
    assert.ok(fixable.length >= 3, `expected several fixable findings, got ${fixable.join(', ')}`);
    const unfixable = checksOn(uri).filter((c) => !fixable.includes(c));
    const before = doc.getText();
    const kind = vscode.CodeActionKind.Source.append('fixAll').append('sopMaturity');
    assert.equal(kind.value, FIX_ALL_KIND);
    const full = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = (await codeActions(uri, full, kind)).filter((a) => a.kind?.value === FIX_ALL_KIND);
    assert.equal(actions.length, 1, `expected one fix-all action, got ${actions.map((a) => a.title).join(' | ')} (${doc.languageId}, open: ${vscode.workspace.textDocuments.map((d) => d.languageId).join(',')})`);
    assert.ok(actions[0].edit && (await vscode.workspace.applyEdit(actions[0].edit)));
    await api.whenIdle();
    const left = checksOn(uri);
    for (const check of fixable) assert.ok(!left.includes(check), `${check} left after fix-all (left: ${left.join(', ')})`);
    for (const check of unfixable) assert.ok(left.includes(check), `${check} disappeared although fix-all does not fix it`);
    assert.ok(isSubsequence(before, doc.getText()), 'fix-all removed or replaced original text');
    await doc.save();
  });

  test('fix all in the workspace (one check) through the refactor preview', async () => {
    await api.whenIdle();
    const report = api.getReport();
    assert.ok(report);
    const fixed = report.documents.filter((d) => d.findings.some((f) => f.check === 'verification' && f.fixes.includes('add-sections')));
    // Every one of them is fixed; stubs are left out of the checks below: the placeholder text of an added section
    // still counts as the author's words today, so it ends a stub's "empty template" finding (placeholders that
    // never count are the next issue's work).
    const targets = fixed.filter((d) => !d.stub).map((d) => d.path);
    assert.ok(targets.length >= 3, `few verification findings to fix: ${targets.join(', ')}`);
    const before = new Map<string, string>();
    for (const p of targets) before.set(p, await readRel(p));
    const otherChecks = new Map(targets.map((p) => [p, checksOn(wsUri(p)).filter((c) => c !== 'verification')]));
    let applied: boolean | undefined;
    await withFixAllAnswer(FIX_ALL_REVIEW, async () => {
      applied = await withPreviewApply(fixed.length, () => vscode.commands.executeCommand<boolean>(Command.fixAllWorkspace, 'verification'));
    });
    assert.equal(applied, true, 'the workspace fix-all edit was not applied');
    await saveAll();
    await api.whenIdle();
    for (const p of targets) {
      const uri = wsUri(p);
      assert.ok(!checksOn(uri).includes('verification'), `${p}: verification left after fix-all`);
      const after = await readRel(p);
      assert.ok(isSubsequence(before.get(p)!, after), `${p}: fix-all removed or replaced original text`);
      assert.match(after, /## Verification/);
      // Only the one check was fixed: the document's other findings stay.
      assert.deepEqual(checksOn(uri).sort(), otherChecks.get(p)!.sort(), `${p}: other findings changed`);
    }
  });
});
