// The VSIX as shipped (bundle, manifest, .vscodeignore) activates and audits:
// catches an extension that works from source but not once packaged.
import * as assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension } from '../api';

suite('packaged extension', () => {
  test('is the installed VSIX, not a development copy', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    // Installed extensions live in <extensions-dir>/<publisher>.<name>-<version>.
    assert.equal(path.basename(ext.extensionPath), `${EXTENSION_ID}-${ext.packageJSON.version}`);
  });

  test('activates and audits the workspace', async () => {
    const api = await activateExtension();
    await api.whenIdle();
    const report = api.getReport();
    assert.ok(report, 'no report after whenIdle()');
    assert.ok(report.summary.documents > 0, 'the report counts no documents');
  });
});
