// The quick-fix menu of a line with many findings, as the light bulb asks for it: the fixes
// (the first preferred), one "fix all in this file", one exemption entry, one documentation
// link per check; and the fix-all source action that editor.codeActionsOnSave can name.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FIX_ALL_KIND } from '../../../src/extension/constants';
import { checkOf, codeActions, ours, ready, warmUpCodeActions, wsUri } from './helpers';

const FIX_ALL = 'Fix all safe SOP Maturity problems in this file';
const EXEMPT = 'Exempt this document from a check…';

suite('quick-fix menu', () => {
  suiteSetup(async () => {
    await ready();
    await warmUpCodeActions();
  });

  test('the busiest line: fixes first, then fix all, one exemption entry, one documentation link per check', async () => {
    // The line of any document with the most diagnostics.
    let best: { uri: vscode.Uri; line: number; diagnostics: vscode.Diagnostic[] } | undefined;
    for (const [uri] of vscode.languages.getDiagnostics()) {
      const byLine = new Map<number, vscode.Diagnostic[]>();
      for (const d of ours(uri)) byLine.set(d.range.start.line, [...(byLine.get(d.range.start.line) ?? []), d]);
      for (const [line, diagnostics] of byLine)
        if (!best || diagnostics.length > best.diagnostics.length) best = { uri, line, diagnostics };
    }
    assert.ok(best && best.diagnostics.length >= 2, 'no line with several diagnostics');
    const range = best.diagnostics.reduce((r, d) => r.union(d.range), best.diagnostics[0].range);
    const actions = await codeActions(best.uri, range, vscode.CodeActionKind.QuickFix);
    const titles = actions.map((a) => a.title);
    const where = `${best.uri.path} line ${best.line + 1} (${best.diagnostics.length} diagnostics): ${titles.join(' | ')}`;
    const checks = [...new Set(best.diagnostics.map(checkOf))];
    const docs = titles.filter((t) => t.startsWith('Open the documentation for '));
    assert.equal(new Set(docs).size, docs.length, `a documentation link twice: ${where}`);
    assert.ok(docs.length <= checks.length, `more documentation links than checks: ${where}`);
    assert.equal(titles.filter((t) => t.startsWith('Exempt')).length, 1, `not one exemption entry: ${where}`);
    assert.ok(titles.filter((t) => t === FIX_ALL).length <= 1, `fix all offered twice: ${where}`);
    const fixAll = titles.indexOf(FIX_ALL);
    const exempt = titles.indexOf(EXEMPT);
    if (fixAll >= 0) assert.ok(fixAll < exempt, `fix all after the exemption: ${where}`);
    for (const t of docs) assert.ok(titles.indexOf(t) > exempt, `documentation before the exemption: ${where}`);
    const fixes = actions.slice(0, fixAll >= 0 ? fixAll : exempt);
    if (fixes.length > 0)
      assert.equal(fixes[0].isPreferred, true, `the first entry is not the preferred fix: ${where}`);
    assert.ok(
      fixes.every((a) => !a.title.startsWith('Open the documentation')),
      where,
    );
  });

  test('fix all in this file is also the source.fixAll.sopMaturity action', async () => {
    const uri = wsUri('docs/operations/vpn-troubleshooting.md');
    await vscode.workspace.openTextDocument(uri);
    const kind = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);
    const whole = new vscode.Range(0, 0, 0, 0);
    const actions = await codeActions(uri, whole, kind);
    assert.ok(
      actions.every((a) => a.title === FIX_ALL),
      actions.map((a) => a.title).join(' | '),
    );
  });
});
