// The extension comes up in a real VS Code on a copy of examples/ and audits it
// without anyone opening a file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Command, EXTENSION_NAME } from '../../../src/extension/constants';
import { activateExtension, waitFor, type SopMaturityApi } from '../api';
import { screenshot } from '../screenshot';

suite('smoke', () => {
  let api: SopMaturityApi;

  suiteSetup(async () => {
    api = await activateExtension();
  });

  test('activates and exports its API', () => {
    for (const fn of ['getReport', 'whenIdle', 'statusText'] as const) assert.equal(typeof api[fn], 'function', fn);
  });

  test('audits the workspace into a report', async () => {
    await api.whenIdle();
    const report = api.getReport();
    assert.ok(report, 'no report after whenIdle()');
    assert.equal(report.schemaVersion, 1);
    assert.ok(report.summary.documents > 0, 'the report counts no documents');
    // examples/ has procedures, so it is assessed: level 1..5 (0 means "not assessed").
    assert.ok(report.levels.overall >= 1 && report.levels.overall <= 5, `overall level ${report.levels.overall}`);
    assert.notEqual(api.statusText(), '', 'empty status bar text');
  });

  test('publishes diagnostics for files nobody opened', async () => {
    await api.whenIdle();
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const unopened = await waitFor('diagnostics on an unopened file', () =>
      vscode.languages
        .getDiagnostics()
        .filter(([uri, diags]) => !open.has(uri.toString()) && diags.some((d) => d.source === EXTENSION_NAME)),
    );
    assert.ok(unopened.length > 0);
  });

  test('opens the maturity panel next to the Problems view', async () => {
    await vscode.commands.executeCommand(Command.openPanel);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('e2e-workbench');
  });
});
