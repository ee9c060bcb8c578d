// "Why is this (not) an SOP?" in a real VS Code: the hover on the first line of a sample
// document says its kind and why, its "Treat as SOP" link writes `type: sop` (the kind, the
// report and the diagnostics follow, and Undo takes it back), and the "Not an SOP" quick fix
// on the first line writes `type: reference` again, leaving the file as it was.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Command } from '../../../src/extension/constants';
import { waitFor, type SopMaturityApi } from '../api';
import { screenshot } from '../screenshot';
import { applyAction, checksOn, codeActions, eventually, ready, saveIfDirty, wsUri } from './helpers';

const REL = 'docs/reference/glossary.md';

/** Our hover on a line of `uri`, as its Markdown text. */
async function hoverText(uri: vscode.Uri, line: number): Promise<string | undefined> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(line, 0),
    )) ?? [];
  const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
  return texts.find((t) => t.includes('SOP Maturity:'));
}

/** The hover's text as a reader sees it (the extension escapes every punctuation mark of a document's text). */
function unescaped(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The command link of a hover: its command id and arguments, as VS Code would run them. */
function commandLink(markdown: string): { command: string; args: unknown[] } {
  const m = /\]\(command:([\w.]+)\?([^\s)]+)/.exec(markdown);
  assert.ok(m, `no command link in the hover: ${markdown}`);
  return { command: m[1], args: JSON.parse(decodeURIComponent(m[2])) as unknown[] };
}

suite('why is this (not) an SOP', () => {
  let api: SopMaturityApi;

  suiteSetup(async () => {
    api = await ready();
  });

  const kindOf = () => api.getReport()?.documents.find((d) => d.path === REL);

  test('hover, Treat as SOP from the hover link, Undo, and Not an SOP as a quick fix', async () => {
    const uri = wsUri(REL);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await api.whenIdle();
    const original = doc.getText();
    const before = kindOf();
    assert.equal(before?.kind, 'other', `${REL} should start as an other document`);
    const graded = ['owner', 'checklist', 'procedure', 'required-sections', 'review-date', 'category', 'verification'];
    assert.ok(
      !checksOn(uri).some((c) => graded.includes(c)),
      `an other document got document-check diagnostics: ${checksOn(uri).join(', ')}`,
    );

    // The hover on line 1 says the kind and the engine's reason, and offers the correction.
    const hover = await eventually('our hover on line 1', () => hoverText(uri, 0));
    assert.ok(
      unescaped(hover).startsWith(`**SOP Maturity:** other document — ${before.kindReason}`),
      `the hover does not say the kind and reason: ${hover}`,
    );
    const link = commandLink(hover);
    assert.equal(link.command, Command.treatAsSop);
    assert.equal(await hoverText(uri, 8), undefined, 'a hover below the title');
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('e2e-hover');

    // Treat as SOP, run as the link runs it: the type changes, nothing else; the audit follows.
    assert.equal(await vscode.commands.executeCommand(link.command, ...link.args), true);
    assert.equal(doc.getText(), original.replace(/^type: reference$/m, 'type: sop'));
    await waitFor('the report to call it a procedure', () => kindOf()?.kind === 'procedure');
    await waitFor('document-check diagnostics on the new procedure', () =>
      checksOn(uri).some((c) => graded.includes(c)),
    );
    const asProcedure = (await hoverText(uri, 0))!;
    assert.match(asProcedure, /^\*\*SOP Maturity:\*\* procedure — /);
    assert.equal(commandLink(asProcedure).command, Command.notAnSop);

    // One Undo takes the whole edit back, and the audit follows again.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original);
    await waitFor('the report to call it an other document again', () => kindOf()?.kind === 'other');
    await vscode.commands.executeCommand('redo');
    await waitFor('a procedure again after redo', () => kindOf()?.kind === 'procedure');

    // Not an SOP, as the quick fix on the first line (no diagnostic needed there).
    const actions = await codeActions(uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.QuickFix);
    const notAnSop = actions.find((a) => a.title.startsWith('Not an SOP'));
    assert.ok(notAnSop?.edit, `no "Not an SOP" on line 1; offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(!actions.some((a) => a.title.startsWith('Treat as SOP')), 'both corrections offered on a procedure');
    await applyAction(notAnSop);
    assert.equal(doc.getText(), original, 'Not an SOP after Treat as SOP should give the file back as it was');
    await waitFor('an other document after Not an SOP', () => kindOf()?.kind === 'other');
    await waitFor('the document-check diagnostics to go', () => !checksOn(uri).some((c) => graded.includes(c)));
    await saveIfDirty(doc);
    await api.whenIdle();
    assert.equal(kindOf()?.kind, 'other');
  });

  test('Treat as SOP creates front matter on a file without one, and Not an SOP is offered on it then', async () => {
    const rel = 'notes/kind-probe.md';
    const uri = wsUri(rel);
    const text = '# Printer notes\r\n\r\nThe office printer is on the second floor.\r\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    // Opened only once the watcher has fed it to the audit: the disk's events skip an open document.
    await waitFor(`${rel} in the report`, () => api.getReport()?.documents.find((d) => d.path === rel));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(api.getReport()?.documents.find((d) => d.path === rel)?.kind, 'other');
    const actions = await codeActions(uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.QuickFix);
    const treat = actions.find((a) => a.title.startsWith('Treat as SOP'));
    assert.ok(treat, `no "Treat as SOP"; offered: ${actions.map((a) => a.title).join(' | ')}`);
    await applyAction(treat);
    assert.equal(doc.getText(), `---\r\ntype: sop\r\n---\r\n${text}`);
    await waitFor(
      `${rel} to be a procedure`,
      () => api.getReport()?.documents.find((d) => d.path === rel)?.kind === 'procedure',
    );
    assert.match((await hoverText(uri, 0))!, /^\*\*SOP Maturity:\*\* procedure — /);
    await saveIfDirty(doc);
    await vscode.workspace.fs.delete(uri);
    await waitFor(`${rel} to leave the report`, () => !api.getReport()?.documents.some((d) => d.path === rel));
  });
});
