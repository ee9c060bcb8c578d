// The window opens an SOP repository: the extension activates and audits it by itself, before
// anybody opens a file, and publishes diagnostics for files nobody opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsIn, folder, started } from './workspace';

suite('start-up', () => {
  test('an SOP workspace audits without any file being opened', async () => {
    assert.deepEqual(
      vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()),
      [],
      'an editor was open before the test',
    );
    const api = await started();
    const report = api.getReport(folder('sops'));
    assert.ok(report, 'no report for the SOP repository');
    assert.ok(report.summary.procedures >= 2, `only ${report.summary.procedures} procedures`);
    const opened = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && d.uri.path.endsWith('.md'));
    assert.deepEqual(
      opened.map((d) => d.uri.path),
      [],
      'a Markdown document was opened',
    );
    assert.ok(diagnosticsIn('sops', 'docs').length > 0, 'no diagnostics in the SOP repository');
    const timings = api.timings();
    assert.ok(timings.activatedAt && timings.firstAudit, 'no timing of the first audit');
    console.log(`[e2e] activation to first diagnostics: ${timings.firstAudit.publishedAt - timings.activatedAt} ms`);
  });
});
