// Fix-all: the `source.fixAll.sopMaturity` source action on one document, and the workspace
// command whose edit goes through VS Code's refactor preview (its Apply button pressed by command).
//
// Only safe fixes run in a fix-all: a checklist built from the written steps, front matter for
// a procedure without one. These tests used to expect fix-all to stamp review dates and add
// template sections ("(to be completed)"), which raised levels without anyone writing a word:
// the rule now is "a level is earned, never clicked" (RUBRIC.md), so they check the opposite.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Command, FIX_ALL_KIND, FIX_ALL_REVIEW } from '../../../src/extension/constants';
import type { SopMaturityApi } from '../api';
import {
  checksOn,
  codeActions,
  diffRegion,
  eventually,
  isSubsequence,
  readRel,
  ready,
  saveAll,
  warmUpCodeActions,
  withFixAllAnswer,
  withPreviewApply,
  withStub,
  writeRel,
  wsUri,
} from './helpers';

/** The core's SAFE_FIXES (importing src/core would bundle its YAML rubric, which this build does not load). */
const SAFE_FIXES: ReadonlySet<string> = new Set(['add-checklist', 'add-front-matter']);

/**
 * What no fix-all may write: a review date (a front-matter review key), a placeholder section, owner,
 * category or exemption reason. (Checklist items copy the document's own steps, which may hold dates.)
 */
const FORBIDDEN =
  /^\s*(last[_ -]?reviewed|reviewed|review[_ -]?date|last[_ -]?review|next[_ -]?review|owner|category)\s*[:=]|\(to be completed\)|<owner>|<category>|<reason>|sop-maturity-disable/im;

suite('fix all', () => {
  let api: SopMaturityApi;

  suiteSetup(async () => {
    api = await ready();
    await warmUpCodeActions();
  });

  test('source.fixAll.sopMaturity applies only the safe fixes of a document', async () => {
    const rel = 'docs/operations/standard-technology-stack.md';
    const uri = wsUri(rel);
    const doc = await vscode.workspace.openTextDocument(uri);
    await api.whenIdle();
    const findings = api.getReport()?.documents.find((d) => d.path === rel)?.findings ?? [];
    const fixable = findings.filter((f) => f.fixes.some((x) => SAFE_FIXES.has(x))).map((f) => f.check);
    assert.ok(
      fixable.length >= 1,
      `expected a safe fix, got findings ${findings.map((f) => `${f.check}[${f.fixes}]`).join(', ')}`,
    );
    // It also has findings that only a person can end (a review, sections to write): fix-all leaves them.
    const personal = findings.filter((f) => !f.fixes.some((x) => SAFE_FIXES.has(x))).map((f) => f.check);
    assert.ok(personal.length >= 1, 'expected findings without a safe fix');
    const unfixable = checksOn(uri).filter((c) => !fixable.includes(c));
    const before = doc.getText();
    const kind = vscode.CodeActionKind.Source.append('fixAll').append('sopMaturity');
    assert.equal(kind.value, FIX_ALL_KIND);
    const full = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = (await codeActions(uri, full, kind)).filter((a) => a.kind?.value === FIX_ALL_KIND);
    assert.equal(
      actions.length,
      1,
      `expected one fix-all action, got ${actions.map((a) => a.title).join(' | ')} (${doc.languageId}, open: ${vscode.workspace.textDocuments.map((d) => d.languageId).join(',')})`,
    );
    assert.ok(actions[0].edit && (await vscode.workspace.applyEdit(actions[0].edit)));
    await api.whenIdle();
    const left = checksOn(uri);
    for (const check of fixable)
      assert.ok(!left.includes(check), `${check} left after fix-all (left: ${left.join(', ')})`);
    for (const check of unfixable)
      assert.ok(left.includes(check), `${check} disappeared although fix-all does not fix it`);
    assert.ok(isSubsequence(before, doc.getText()), 'fix-all removed or replaced original text');
    const added = addedText(before, doc.getText());
    assert.ok(!FORBIDDEN.test(added), `fix-all wrote a date or a placeholder: ${added}`);
    await doc.save();
  });

  test('fix all in the workspace: the preview holds no review date and no placeholder section', async () => {
    await api.whenIdle();
    const report = api.getReport();
    assert.ok(report);
    const reviewBefore = report.documents
      .filter((d) => d.findings.some((f) => f.check === 'review-date'))
      .map((d) => d.path)
      .sort();
    const sectionsBefore = report.documents
      .filter((d) => d.findings.some((f) => f.fixes.includes('add-sections')))
      .map((d) => d.path)
      .sort();
    assert.ok(
      reviewBefore.length >= 3 && sectionsBefore.length >= 3,
      'expected review-date and section findings to leave alone',
    );
    const targets = report.documents
      .filter((d) => d.findings.some((f) => f.fixes.some((x) => SAFE_FIXES.has(x))))
      .map((d) => d.path);
    assert.ok(targets.length >= 1, 'no safe fix left in the workspace');
    const before = new Map<string, string>();
    for (const d of report.documents) before.set(d.path, await readRel(d.path));
    // The edit handed to VS Code is what the refactor preview shows: capture it on its way.
    const previewed: vscode.WorkspaceEdit[] = [];
    const original = vscode.workspace.applyEdit;
    const capture = ((edit: vscode.WorkspaceEdit, metadata?: vscode.WorkspaceEditMetadata) => {
      previewed.push(edit);
      return original.call(vscode.workspace, edit, metadata);
    }) as typeof vscode.workspace.applyEdit;
    let applied: boolean | undefined;
    await withStub(vscode.workspace, 'applyEdit', capture, async () => {
      await withFixAllAnswer(FIX_ALL_REVIEW, async () => {
        applied = await withPreviewApply(targets.length, () =>
          vscode.commands.executeCommand<boolean>(Command.fixAllWorkspace),
        );
      });
    });
    assert.equal(applied, true, 'the workspace fix-all edit was not applied');
    assert.equal(previewed.length, 1, 'expected one workspace edit');
    const entries = previewed[0].entries();
    assert.equal(
      entries.length,
      targets.length,
      `the preview lists ${entries.length} files, expected ${targets.length}`,
    );
    for (const [uri, edits] of entries) {
      for (const e of edits) {
        assert.ok(
          !FORBIDDEN.test(e.newText),
          `the preview of ${uri.path} writes a date or a placeholder: ${e.newText}`,
        );
        assert.doesNotMatch(
          e.newText,
          /^## (Purpose|Prerequisites|Procedure|Verification|Metrics|Automation)\b/m,
          `the preview of ${uri.path} adds a template section`,
        );
      }
    }
    await saveAll();
    await api.whenIdle();
    const after = api.getReport()!;
    // Nobody reviewed or wrote anything: the same documents still need a review and their sections.
    assert.deepEqual(
      after.documents
        .filter((d) => d.findings.some((f) => f.check === 'review-date'))
        .map((d) => d.path)
        .sort(),
      reviewBefore,
    );
    assert.deepEqual(
      after.documents
        .filter((d) => d.findings.some((f) => f.fixes.includes('add-sections')))
        .map((d) => d.path)
        .sort(),
      sectionsBefore,
    );
    const changed: string[] = [];
    for (const [path, text] of before) {
      const now = await readRel(path);
      if (now === text) continue;
      changed.push(path);
      assert.ok(targets.includes(path), `${path} changed although it had no safe fix`);
      assert.ok(isSubsequence(text, now), `${path}: fix-all removed or replaced original text`);
      assert.ok(!FORBIDDEN.test(addedText(text, now)), `${path}: fix-all wrote a date or a placeholder`);
    }
    assert.ok(changed.length > 0, 'fix-all changed no file');
    // The later suites use the checklist findings of these documents: put the files back as they were.
    for (const path of changed) await writeRel(path, before.get(path)!);
    await eventually(
      'the restored files to be audited again',
      () =>
        api.getReport()!.documents.filter((d) => d.findings.some((f) => f.fixes.some((x) => SAFE_FIXES.has(x))))
          .length === targets.length,
    );
    await api.whenIdle();
  });

  test('fix all for the review-date check writes nothing', async () => {
    const messages: string[] = [];
    const original = vscode.window.showInformationMessage;
    const stub = ((message: string, ...rest: unknown[]) => {
      messages.push(message);
      return message.startsWith('Apply the safe fixes')
        ? Promise.resolve(undefined)
        : (original as (...a: unknown[]) => Thenable<unknown>)(message, ...rest);
    }) as typeof vscode.window.showInformationMessage;
    let result: boolean | undefined;
    await withStub(vscode.window, 'showInformationMessage', stub, async () => {
      result = await vscode.commands.executeCommand<boolean>(Command.fixAllWorkspace, 'review-date');
    });
    assert.equal(result, false);
    assert.ok(
      messages.some((m) => /no safe fixes for "review-date"/.test(m)),
      `messages: ${messages.join(' | ')}`,
    );
    assert.ok(!messages.some((m) => m.startsWith('Apply the safe fixes')), 'it offered to apply review dates');
  });
});

/** The region of `after` that differs from `before` (common prefix and suffix cut): a fix-all makes one edit per file. */
function addedText(before: string, after: string): string {
  return diffRegion(before, after).newText;
}
