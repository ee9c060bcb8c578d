// The audit follows the editor, the configuration and the rubric, and stays consistent
// under rapid edits, saves during a full audit and a configuration change mid-audit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Command } from '../../../src/extension/constants';
import { waitFor, type SopMaturityApi } from '../api';
import {
  checksOn,
  diagnosticOf,
  diagnosticsSnapshot,
  ours,
  readRel,
  ready,
  saveAll,
  snapshotDiff,
  wsUri,
  writeRel,
} from './helpers';

const CONFIG = '.sopmaturity.yml';

/** Files with at least one diagnostic of `check`. */
function filesWith(check: string): string[] {
  return [...diagnosticsSnapshot()].filter(([, list]) => list.some((d) => d.startsWith(`${check}@`))).map(([p]) => p);
}

function checklistPassing(api: SopMaturityApi): number {
  const check = api.getReport()?.checks.find((c) => c.id === 'checklist');
  assert.ok(check, 'no checklist check in the report');
  return check.levels[0].passing;
}

/** "$(checklist) OML 3 · 12 to L4" → 12 */
function toNext(text: string): number {
  const m = /· (\d+) to L\d/.exec(text);
  assert.ok(m, `status text without a count: ${text}`);
  return Number(m[1]);
}

/** Appends `text` to an open document through a WorkspaceEdit (no save). */
async function append(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(doc.getText().length), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/** After a last full audit, the diagnostics must be what they were: nothing stale before it. */
async function assertMatchesFreshAudit(api: SopMaturityApi, what: string): Promise<void> {
  await api.whenIdle();
  const settled = diagnosticsSnapshot();
  await vscode.commands.executeCommand(Command.auditWorkspace);
  await api.whenIdle();
  const fresh = diagnosticsSnapshot();
  assert.equal(snapshotDiff(settled, fresh), '', `${what}: diagnostics differ from a fresh audit`);
  const report = api.getReport();
  assert.ok(report);
  for (const doc of report.documents) {
    assert.equal(
      ours(wsUri(doc.path)).length,
      doc.findings.length,
      `${what}: ${doc.path} diagnostics vs report findings`,
    );
  }
}

suite('live audit', () => {
  let api: SopMaturityApi;
  let originalConfig: string;

  suiteSetup(async () => {
    api = await ready();
    originalConfig = await readRel(CONFIG);
  });

  suiteTeardown(async () => {
    if (originalConfig !== undefined) await writeRel(CONFIG, originalConfig);
  });

  test('editing a document updates diagnostics, the report and the status bar without saving', async () => {
    const rel = 'docs/service-desk/issue-type-catalogue.md';
    const uri = wsUri(rel);
    const doc = await vscode.workspace.openTextDocument(uri);
    await api.whenIdle();
    assert.ok(diagnosticOf(uri, 'checklist'), `${rel} has no checklist diagnostic`);
    const statusBefore = api.statusText();
    const passingBefore = checklistPassing(api);
    await append(doc, '\n## Checklist\n\n- [ ] Ticket categorised\n- [ ] Customer informed\n');
    await api.whenIdle();
    assert.ok(doc.isDirty, 'the document was saved');
    assert.ok(!diagnosticOf(uri, 'checklist'), 'the checklist diagnostic is still there');
    assert.equal(checklistPassing(api), passingBefore + 1, 'checklist stats did not count the document');
    const statusAfter = api.statusText();
    assert.notEqual(statusAfter, statusBefore, 'status bar text unchanged');
    assert.equal(toNext(statusAfter), toNext(statusBefore) - 1, `status: ${statusBefore} → ${statusAfter}`);
    await doc.save();
  });

  test('.sopmaturity.yml severity off hides a check', async () => {
    assert.ok(filesWith('metrics').length > 0, 'no metrics diagnostics to hide');
    await writeRel(CONFIG, `${originalConfig.trimEnd()}\nseverity:\n  metrics: off\n`);
    await waitFor('metrics diagnostics to disappear', () => filesWith('metrics').length === 0);
    await api.whenIdle();
    assert.deepEqual(filesWith('metrics'), []);
    assert.ok(filesWith('automation').length > 0, 'other checks went too');
  });

  test('a user rubric that disables a check re-audits with that rubric', async () => {
    assert.equal(api.getReport()?.rubric.source, 'builtin');
    assert.ok(filesWith('automation').length > 0, 'no automation diagnostics to begin with');
    await writeRel('sop-rubric.yml', 'extends: oml\ndisable: [automation]\n');
    await writeRel(CONFIG, `${originalConfig.trimEnd()}\nrubric: sop-rubric.yml\n`);
    await waitFor('automation diagnostics to disappear', () => filesWith('automation').length === 0);
    await api.whenIdle();
    const report = api.getReport();
    assert.notEqual(report?.rubric.source, 'builtin', 'the report still names the built-in rubric');
    assert.match(String(report?.rubric.source), /sop-rubric\.yml/);
    assert.ok(
      !report?.checks.some(
        (c) => c.id === 'automation' && report.documents.some((d) => d.findings.some((f) => f.check === 'automation')),
      ),
    );
    // The severity override is gone with the rewritten config: metrics is back.
    assert.ok(filesWith('metrics').length > 0, 'metrics diagnostics did not come back');
    // Restore.
    await writeRel(CONFIG, originalConfig);
    await waitFor('automation diagnostics to come back', () => filesWith('automation').length > 0);
    await vscode.workspace.fs.delete(wsUri('sop-rubric.yml'));
    await api.whenIdle();
    assert.equal(api.getReport()?.rubric.source, 'builtin');
    assert.deepEqual(ours(wsUri(CONFIG)), [], 'configuration errors after restoring');
  });

  test('rapid edits end with the diagnostics of the final text', async () => {
    const rel = 'docs/security/siem-alert-triage.md';
    const uri = wsUri(rel);
    const doc = await vscode.workspace.openTextDocument(uri);
    await api.whenIdle();
    assert.ok(diagnosticOf(uri, 'automation'), `${rel} has no automation diagnostic`);
    const original = doc.getText();
    const block = '\n## Automation\n\nThe SIEM playbook closes known false positives.\n';
    const started = Date.now();
    for (let i = 0; i < 10; i++) {
      const edit = new vscode.WorkspaceEdit();
      if (i % 2 === 0) edit.insert(uri, doc.positionAt(doc.getText().length), block);
      else edit.delete(uri, new vscode.Range(doc.positionAt(original.length), doc.positionAt(doc.getText().length)));
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    const elapsed = Date.now() - started;
    assert.equal(doc.getText(), original, 'the edits did not end on the original text');
    // The intermediate texts had an Automation section; the final one has not.
    await api.whenIdle();
    assert.ok(diagnosticOf(uri, 'automation'), `stale: no automation diagnostic after 10 edits in ${elapsed} ms`);
    // Once more, ending with the section.
    for (let i = 0; i < 9; i++) {
      const edit = new vscode.WorkspaceEdit();
      if (i % 2 === 0) edit.insert(uri, doc.positionAt(doc.getText().length), block);
      else edit.delete(uri, new vscode.Range(doc.positionAt(original.length), doc.positionAt(doc.getText().length)));
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    await api.whenIdle();
    assert.ok(!diagnosticOf(uri, 'automation'), 'stale: automation diagnostic although the final text has the section');
    await doc.save();
    await assertMatchesFreshAudit(api, 'after rapid edits');
  });

  test('an editor save during a full audit is not lost', async () => {
    const rel = 'docs/service-desk/priority-matrix.md';
    const uri = wsUri(rel);
    const doc = await vscode.workspace.openTextDocument(uri);
    await api.whenIdle();
    assert.ok(diagnosticOf(uri, 'checklist'), `${rel} has no checklist diagnostic`);
    const audit = vscode.commands.executeCommand(Command.auditWorkspace);
    await append(doc, '\n## Checklist\n\n- [ ] Priority set\n');
    await doc.save();
    await audit;
    await api.whenIdle();
    assert.ok(!diagnosticOf(uri, 'checklist'), 'stale checklist diagnostic after a save during the audit');
    await assertMatchesFreshAudit(api, 'after a save during a full audit');
  });

  test('a file changed on disk during a full audit is not lost', async () => {
    // Never opened in an editor: the audit reads it from disk, and the watcher reports the change.
    const rel = 'docs/operations/major-incident-review.md';
    const uri = wsUri(rel);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), `${rel} is open`);
    assert.ok(diagnosticOf(uri, 'checklist'), `${rel} has no checklist diagnostic`);
    const text = await readRel(rel);
    const audit = vscode.commands.executeCommand(Command.auditWorkspace);
    await writeRel(rel, `${text.trimEnd()}\n\n## Checklist\n\n- [ ] Timeline written\n`);
    await audit;
    await api.whenIdle();
    await waitFor('the disk change to reach the diagnostics', () => !diagnosticOf(uri, 'checklist'), 5_000);
    await api.whenIdle();
    await assertMatchesFreshAudit(api, 'after a disk write during a full audit');
  });

  test('a configuration change during a full audit wins', async () => {
    assert.ok(filesWith('metrics').length > 0, 'no metrics diagnostics to begin with');
    const audit = vscode.commands.executeCommand(Command.auditWorkspace);
    await writeRel(CONFIG, `${originalConfig.trimEnd()}\nseverity:\n  metrics: off\n`);
    await audit;
    await waitFor('metrics diagnostics to disappear', () => filesWith('metrics').length === 0);
    await api.whenIdle();
    assert.deepEqual(filesWith('metrics'), []);
    const settled = diagnosticsSnapshot();
    await vscode.commands.executeCommand(Command.auditWorkspace);
    await api.whenIdle();
    assert.equal(snapshotDiff(settled, diagnosticsSnapshot()), '', 'diagnostics differ from a fresh audit');
    await writeRel(CONFIG, originalConfig);
    await waitFor('metrics diagnostics to come back', () => filesWith('metrics').length > 0);
    await saveAll();
    await assertMatchesFreshAudit(api, 'after restoring the configuration');
    assert.deepEqual(checksOn(wsUri(CONFIG)), []);
  });
});
