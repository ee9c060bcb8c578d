// The maturity panel's part of issue 18 in a real VS Code: "Mark reviewed" from the panel's
// Reviews tab (the `markReviewed` webview message) runs the Mark reviewed command on that
// document and edits only its review date; a target in `.sopmaturity.yml` reaches the status
// bar ("L4 by Mar 31 · N to go") and the targets strip of the panel (screenshot).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Command } from '../../../src/extension/constants';
import type { WebviewMessage } from '../../../src/shared/protocol';
import { waitFor, type SopMaturityApi } from '../api';
import { screenshot } from '../screenshot';
import { readRel, ready, sleep, withStub, writeRel, wsUri, type Writable } from './helpers';
import { webviewReport } from './panelMessages';

const DOC = 'docs/backups/quarterly-restore-test.md';
const CONFIG = '.sopmaturity.yml';

/** Today as the extension writes it (local date, ISO). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

suite('panel: reviews and targets', () => {
  let api: SopMaturityApi;
  const posted: { type: string }[] = [];
  let listener: ((m: unknown) => unknown) | undefined;

  suiteSetup(async () => {
    api = await ready();
    // A panel left open by an earlier suite would only be revealed; this suite needs its own listener.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const original = vscode.window.createWebviewPanel;
    const create = ((...args: Parameters<typeof original>) => {
      const panel = original.apply(vscode.window, args);
      const webview = panel.webview as Writable<vscode.Webview>;
      const post = webview.postMessage.bind(webview);
      webview.postMessage = (m: { type: string }) => {
        posted.push(m);
        return post(m);
      };
      const on = webview.onDidReceiveMessage.bind(webview);
      webview.onDidReceiveMessage = ((l: (m: unknown) => unknown, thisArg?: unknown, d?: vscode.Disposable[]) => {
        listener = (m) => l.call(thisArg, m);
        return on(l, thisArg, d);
      }) as vscode.Event<unknown>;
      return panel;
    }) as typeof vscode.window.createWebviewPanel;
    await withStub(vscode.window, 'createWebviewPanel', create, async () => {
      await vscode.commands.executeCommand(Command.openPanel);
    });
    await waitFor('a report message to the webview', () => posted.some((m) => m.type === 'report'), 20_000);
  });

  test('Mark reviewed from the panel edits only the review date of that document', async () => {
    assert.ok(listener, 'the panel does not listen to its webview');
    const before = await readRel(DOC);
    const after = before.replace(/^last_reviewed: .*$/m, `last_reviewed: ${today()}`);
    assert.notEqual(after, before, `${DOC} has no review date before today`);
    const message: WebviewMessage = { type: 'markReviewed', path: DOC };
    await listener(message);
    const doc = await vscode.workspace.openTextDocument(wsUri(DOC));
    await waitFor(`${DOC} marked reviewed`, () => doc.getText().includes(`last_reviewed: ${today()}`));
    assert.equal(doc.getText(), after);
    // A forged path is refused: nothing else is edited.
    await listener({ type: 'markReviewed', path: '../outside.md' });
    await sleep(200);
    // Put the document back as it was for the suites that follow.
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    const undo = new vscode.WorkspaceEdit();
    undo.replace(doc.uri, all, before);
    await vscode.workspace.applyEdit(undo);
    await doc.save();
    await api.whenIdle();
  });

  test('a target reaches the status bar and the targets strip', async () => {
    const config = await readRel(CONFIG);
    try {
      await writeRel(CONFIG, `${config.trimEnd()}\ntargets:\n  - level: 4\n    by: 2027-03-31\n`);
      const report = await waitFor(
        'a report with targets',
        () => {
          const r = api.getReport();
          return r?.targets && r.targets.length > 0 ? r : undefined;
        },
        20_000,
      );
      await api.whenIdle();
      const target = report.targets![0];
      if (!target.met) {
        await waitFor('the target in the status bar', () => api.statusText().includes('L4 by Mar 31'));
      }
      // The webview's copy (the report, then the deltas) has the targets.
      await waitFor(
        'the report with targets posted to the panel',
        () => (webviewReport(posted)?.targets?.length ?? 0) > 0,
      );
      await sleep(500);
      await screenshot('e2e-panel-targets');
    } finally {
      await writeRel(CONFIG, config);
      await api.whenIdle();
    }
  });

  test('the panel opens on the Owners and Reviews tabs, and "Open in panel" shows a document', async () => {
    const revealed = (check: (m: { tab?: string; path?: string }) => boolean) =>
      posted.some((m) => m.type === 'reveal' && check(m as { tab?: string; path?: string }));
    for (const tab of ['owners', 'reviews']) {
      await vscode.commands.executeCommand(Command.openPanel, { tab });
      await waitFor(`the ${tab} tab revealed`, () => revealed((m) => m.tab === tab));
      await sleep(500);
      await screenshot(`e2e-panel-${tab}`);
    }
    await vscode.commands.executeCommand(Command.openInPanel, wsUri(DOC));
    await waitFor(`${DOC} revealed in the panel`, () => revealed((m) => m.path === DOC));
    await api.whenIdle();
  });
});
