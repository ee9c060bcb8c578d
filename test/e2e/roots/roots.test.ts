// Audit roots, silence and what discovery leaves out, in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_NAME } from '../../../src/extension/constants';
import { waitFor } from '../api';
import { diagnosticsIn, folder, started, uriIn } from './workspace';

suite('audit roots', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a folder that is not an SOP repository stays silent: no diagnostics, no status bar item', async () => {
    const api = await started();
    const report = api.getReport(folder('plain'));
    assert.ok(report, 'the code project was not audited');
    assert.equal(
      report.summary.procedures,
      0,
      `procedures found: ${report.documents
        .filter((d) => d.kind === 'procedure')
        .map((d) => d.path)
        .join(', ')}`,
    );
    assert.deepEqual(diagnosticsIn('plain'), []);
    await vscode.window.showTextDocument(uriIn('plain', 'README.md'));
    await api.whenIdle();
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(diagnosticsIn('plain'), [], 'opening the README gave it diagnostics');
    assert.equal(api.statusVisible(), false, `the status bar shows "${api.statusText()}" for the code project`);
    // The SOP repository's item comes back with its editor.
    await vscode.window.showTextDocument(uriIn('sops', 'docs/sops/restart-mail.md'));
    await waitFor('the status bar item of the SOP repository', () => api.statusVisible());
  });

  test('a nested .sopmaturity.yml makes its folder a root of its own, which the parent leaves out', async () => {
    const api = await started();
    const parent = api.getReport(folder('sops'));
    const nested = api.getReport(uriIn('sops', 'team-b'));
    assert.ok(parent && nested, 'a report is missing');
    assert.equal(
      vscode.Uri.file(nested.root).path,
      uriIn('sops', 'team-b').path,
      'team-b is not audited as its own root',
    );
    assert.deepEqual(
      nested.documents.map((d) => d.path),
      ['runbooks/rotate-keys.md'],
    );
    assert.deepEqual(
      parent.documents.filter((d) => d.path.startsWith('team-b/')).map((d) => d.path),
      [],
      'the parent audits the nested root',
    );
    // Diagnostics of the nested root's file come once, from the nested root.
    const keys = diagnosticsIn('sops', 'team-b');
    assert.ok(keys.length > 0, 'no diagnostics in team-b');
    assert.equal(new Set(keys).size, keys.length, `duplicate diagnostics: ${keys.join(', ')}`);
    // The status bar and the panel follow the root of the active editor.
    await vscode.window.showTextDocument(uriIn('sops', 'team-b/runbooks/rotate-keys.md'));
    await api.whenIdle();
    assert.equal(api.getReport()?.root, nested.root);
  });

  test('a .sopmaturity.yml that appears makes a new root (the parent lets go of its files); when it goes, the parent takes them back', async () => {
    const api = await started();
    const doc = uriIn('sops', 'team-c/runbooks/restart-dns.md');
    const config = uriIn('sops', 'team-c/.sopmaturity.yml');
    const parentHas = () =>
      api.getReport(folder('sops'))?.documents.some((d) => d.path === 'team-c/runbooks/restart-dns.md');
    const own = () => api.getReport(doc)?.root === uriIn('sops', 'team-c').fsPath;
    await vscode.workspace.fs.writeFile(
      doc,
      new TextEncoder().encode(
        '# Restart DNS\n\n## Procedure\n\n1. Log in to the DNS server.\n2. Restart the DNS service.\n3. Check that names resolve.\n',
      ),
    );
    await waitFor('the parent to audit the new document', () => parentHas(), 30_000);
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('asOf: 2026-11-01\n'));
    await waitFor('team-c to become a root of its own', () => own() && !parentHas(), 30_000);
    await vscode.workspace.fs.delete(config);
    await waitFor('the parent to take team-c back', () => !own() && parentHas(), 30_000);
    await vscode.workspace.fs.delete(uriIn('sops', 'team-c'), { recursive: true });
    await api.whenIdle();
  });

  test('gitignored folders are not read', async () => {
    const api = await started();
    const parent = api.getReport(folder('sops'))!;
    assert.deepEqual(
      parent.documents.filter((d) => d.path.startsWith('build/')).map((d) => d.path),
      [],
    );
    assert.deepEqual(diagnosticsIn('sops', 'build'), []);
    const plain = api.getReport(folder('plain'))!;
    assert.deepEqual(
      plain.documents.filter((d) => d.path.startsWith('dist/') || d.path.includes('node_modules')).map((d) => d.path),
      [],
    );
  });

  test('a front-matter syntax error gives one diagnostic, at the line of the error', async () => {
    await started();
    const uri = uriIn('sops', 'docs/sops/broken-front-matter.md');
    const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === EXTENSION_NAME);
    const front = ours.filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'front-matter');
    assert.equal(
      front.length,
      1,
      `front-matter diagnostics: ${front.map((d) => `${d.range.start.line + 1}: ${d.message}`).join(' | ')}`,
    );
    assert.equal(
      front[0].range.start.line,
      2,
      `expected line 3 (owner: ops: team), got ${front[0].range.start.line + 1}`,
    );
    const firstLine = ours.filter((d) => d.range.start.line === 0);
    assert.deepEqual(
      firstLine.map((d) => d.message),
      [],
      'findings pile up on line 1',
    );
  });

  test('sopMaturity.enable: false turns a folder off (no diagnostics, no report), true audits it again', async () => {
    const api = await started();
    const config = () => vscode.workspace.getConfiguration('sopMaturity', folder('sops').uri);
    await config().update('enable', false, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await waitFor('the SOP repository to be turned off', () => api.getReport(folder('sops')) === undefined);
      await api.whenIdle();
      assert.deepEqual(diagnosticsIn('sops'), []);
      // Nothing left to show: the other folder is silent.
      await waitFor('the status bar item to go', () => !api.statusVisible());
    } finally {
      await config().update('enable', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitFor('the SOP repository to be audited again', () => api.getReport(folder('sops')));
    await api.whenIdle();
    assert.ok(diagnosticsIn('sops', 'docs').length > 0, 'no diagnostics after turning the audit back on');
    await waitFor('the status bar item to come back', () => api.statusVisible());
  });
});
