// Diagnostics for the whole repository, before anyone opens a file: source, documentation
// link, related information; and a broken front matter that yields a diagnostic, not a crash.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_NAME } from '../../../src/extension/constants';
import { waitFor, type SopMaturityApi } from '../api';
import { checkOf, diagnosticOf, ours, ready, relOf, wsUri, writeRel } from './helpers';

/** Findings the engine itself files, outside the rubric (pseudo-checks: no entry in `report.checks`). */
const ENGINE_CHECKS = new Set(['front-matter', 'file', 'exemption']);

suite('diagnostics', () => {
  let api: SopMaturityApi;

  suiteSetup(async () => {
    api = await ready();
  });

  test('unopened files get diagnostics with source, code and documentation link', async () => {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const report = api.getReport();
    assert.ok(report, 'no report');
    const docsUrls = new Map(report.checks.map((c) => [c.id, c.docsUrl]));
    const unopened = vscode.languages
      .getDiagnostics()
      .filter(([uri, d]) => !open.has(uri.toString()) && ours(uri).length > 0 && d.length > 0);
    assert.ok(unopened.length >= 20, `only ${unopened.length} unopened files have diagnostics`);
    for (const [uri] of unopened) {
      for (const d of ours(uri)) {
        assert.equal(d.source, EXTENSION_NAME);
        // Every diagnostic links to its check's documentation, the engine's own findings (`front-matter`, `file`,
        // `exemption`: no entry in `report.checks`) to their section of the same page.
        assert.equal(typeof d.code, 'object', `${relOf(uri)}: ${checkOf(d)} has no documentation link`);
        const id = checkOf(d);
        if (!docsUrls.has(id)) {
          assert.ok(ENGINE_CHECKS.has(id), `${relOf(uri)}: unknown check ${id}`);
          const pageOf = (u: string) => u.replace(/#.*$/, '');
          const target = (d.code as { target: vscode.Uri }).target.toString();
          const page = vscode.Uri.parse(pageOf(report.checks[0].docsUrl)).toString();
          assert.equal(pageOf(target), page, `${relOf(uri)}: ${id} links elsewhere`);
          assert.ok(target.endsWith(`#${id}`), `${relOf(uri)}: ${id} links to ${target}`);
          continue;
        }
        const code = d.code as { value: string | number; target: vscode.Uri };
        const url = docsUrls.get(String(code.value));
        assert.ok(url, `${relOf(uri)}: unknown check ${code.value}`);
        assert.equal(
          code.target.toString(),
          vscode.Uri.parse(url).toString(),
          `${relOf(uri)}: ${code.value} links elsewhere`,
        );
      }
    }
    // Each document's diagnostics are its findings, one for one.
    for (const doc of report.documents) {
      const expected = doc.findings.map((f) => f.check).sort();
      assert.deepEqual(ours(wsUri(doc.path)).map(checkOf).sort(), expected, doc.path);
    }
  });

  test('a one-version clash points at the other version', () => {
    const d = diagnosticOf(wsUri('docs/operations/vpn-troubleshooting.md'), 'one-version');
    assert.ok(d, 'no one-version diagnostic on docs/operations/vpn-troubleshooting.md');
    const related = d.relatedInformation ?? [];
    assert.equal(related.length, 1, 'one related location expected');
    assert.equal(relOf(related[0].location.uri), 'notes/old-vpn-runbook.md');
    assert.equal(related[0].location.range.start.line, 1, 'the related title is on line 2');
    // And the other way round.
    const back = diagnosticOf(wsUri('notes/old-vpn-runbook.md'), 'one-version');
    assert.ok(back, 'no one-version diagnostic on notes/old-vpn-runbook.md');
    assert.equal(
      relOf(back.relatedInformation?.[0]?.location.uri ?? vscode.Uri.file('/')),
      'docs/operations/vpn-troubleshooting.md',
    );
  });

  test('broken YAML front matter is an error diagnostic at its line, not an exception', async () => {
    const rel = 'docs/operations/broken-front-matter.md';
    const uri = wsUri(rel);
    // Line 3 (0-based 2) nests a mapping in a compact mapping, which YAML refuses.
    await writeRel(
      rel,
      '---\ntitle: Restart the print spooler\nowner: ops: team\ncategory: Printing\n---\n\n# How to restart the print spooler\n\n1. Stop it.\n2. Start it.\n',
    );
    const d = await waitFor('a front-matter diagnostic on the broken file', () => diagnosticOf(uri, 'front-matter'));
    await api.whenIdle();
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(
      d.range.start.line,
      2,
      `expected the error on line 3 (owner: ops: team), got line ${d.range.start.line + 1}: ${d.message}`,
    );
    assert.match(d.message, /YAML/);
    // The rest of the audit carries on: the report still lists the document and every other file.
    const report = api.getReport();
    assert.ok(
      report?.documents.some((doc) => doc.path === rel),
      'the broken file is not in the report',
    );
    await vscode.workspace.fs.delete(uri);
    await waitFor('the deleted file to lose its diagnostics', () => ours(uri).length === 0);
  });
});
