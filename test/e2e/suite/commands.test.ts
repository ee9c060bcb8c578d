// New SOP from the template, and the maturity panel: it opens, gets the report, and
// messages from its webview have their effect.
//
// The extension and these tests live in the same extension folder, so VS Code hands both
// the same `vscode` API object: wrapping `window.showInputBox` and `window.createWebviewPanel`
// here is what the extension calls. Each wrapper is removed again after its test.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Command } from '../../../src/extension/constants';
import type { WebviewMessage } from '../../../src/shared/protocol';
import { EXTENSION_ID, waitFor, type SopMaturityApi } from '../api';
import {
  checksOn,
  existsRel,
  readRel,
  ready,
  relOf,
  saveAll,
  withFixAllAnswer,
  withStub,
  writeRel,
  wsUri,
  type Writable,
} from './helpers';
import { webviewReport } from './panelMessages';
import { FIX_ALL_APPLY } from '../../../src/extension/constants';

suite('commands and panel', () => {
  let api: SopMaturityApi;

  suiteSetup(async () => {
    api = await ready();
  });

  // A new SOP is a draft (RUBRIC.md, "New documents start as drafts"): this test used to expect a
  // document with no findings at all, which is what let a click raise the level.
  test('new SOP from the template: asks for a title, says where it goes, and creates a draft', async () => {
    const report = api.getReport();
    assert.ok(report);
    const existing = report.documents.find((d) => d.kind === 'procedure' && d.title)!.title!;
    const prompts: vscode.InputBoxOptions[] = [];
    let validation: string | undefined | null | vscode.InputBoxValidationMessage | Thenable<unknown>;
    let preview: unknown;
    const title = 'Rotate the backup encryption key';
    const showInputBox = (async (options?: vscode.InputBoxOptions) => {
      prompts.push(options ?? {});
      validation = options?.validateInput?.(existing) as typeof validation;
      preview = options?.validateInput?.(title);
      return title;
    }) as typeof vscode.window.showInputBox;
    let uri: vscode.Uri | undefined;
    await withStub(vscode.window, 'showInputBox', showInputBox, async () => {
      uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(Command.newSop);
    });
    assert.equal(prompts.length, 1, 'the command did not ask for a title');
    assert.ok(validation, `an existing procedure title ("${existing}") was accepted`);
    assert.ok(uri, 'newSop returned no URI');
    const rel = relOf(uri);
    const folder = path.posix.dirname(rel);
    assert.ok(
      rel.startsWith(`${report.centralFolder}/`),
      `${rel} is outside the central folder ${report.centralFolder}`,
    );
    assert.equal(path.posix.basename(rel), 'rotate-the-backup-encryption-key.md');
    // The prompt names the folder and the index page; the validation message names the file.
    const indexRel = `${folder}/README.md`;
    assert.ok(
      prompts[0].prompt?.includes(`${folder}/`) && prompts[0].prompt.includes(indexRel),
      `the prompt does not say where: ${prompts[0].prompt}`,
    );
    assert.deepEqual(preview, {
      message: `Creates ${rel}, links it from ${indexRel}`,
      severity: vscode.InputBoxValidationSeverity.Info,
    });
    assert.ok(existsRel(rel), `${rel} was not written`);
    assert.equal(
      relOf(vscode.window.activeTextEditor?.document.uri ?? vscode.Uri.file('/')),
      rel,
      'the new SOP is not the active editor',
    );
    await waitFor(`${rel} in the report`, () => api.getReport()?.documents.some((d) => d.path === rel));
    await api.whenIdle();
    const doc = api.getReport()?.documents.find((d) => d.path === rel);
    assert.equal(doc?.title, title);
    // A draft: nobody named an owner, chose a category, reviewed it or wrote it yet, and its diagnostics say so.
    const checks = checksOn(uri);
    for (const check of ['owner', 'category', 'review-date'])
      assert.ok(checks.includes(check), `the draft passes ${check}: ${checks.join(', ')}`);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.ok(!/last_reviewed|\d{4}-\d{2}-\d{2}/.test(text), 'the draft carries a review date');
    // It is listed on its folder's index page: the link appended, nothing else changed.
    const indexUri = wsUri(indexRel);
    const index = await vscode.workspace.openTextDocument(indexUri);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const original = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(
        vscode.Uri.joinPath(ext.extensionUri, 'examples', ...relOf(indexUri).split('/')),
      ),
    );
    assert.equal(index.getText(), `${original}- [${title}](rotate-the-backup-encryption-key.md)\n`);
    if (index.isDirty) await index.save();
    await api.whenIdle();
    assert.ok(!checksOn(uri).includes('kb-index'), 'the draft is not linked from its index page');
  });

  /** What the panel host posted to its webview, and its webview message listener(s). */
  const posted: { type: string }[] = [];
  const listeners: ((m: unknown) => unknown)[] = [];

  test('the panel opens, receives the report and acts on webview messages', async () => {
    let created: vscode.WebviewPanel | undefined;
    const original = vscode.window.createWebviewPanel;
    const create = ((...args: Parameters<typeof original>) => {
      const panel = original.apply(vscode.window, args);
      created = panel;
      const webview = panel.webview as Writable<vscode.Webview>;
      const post = webview.postMessage.bind(webview);
      webview.postMessage = (m: { type: string }) => {
        posted.push(m);
        return post(m);
      };
      const on = webview.onDidReceiveMessage.bind(webview);
      webview.onDidReceiveMessage = ((
        listener: (m: unknown) => unknown,
        thisArg?: unknown,
        disposables?: vscode.Disposable[],
      ) => {
        listeners.push((m) => listener.call(thisArg, m));
        return on(listener, thisArg, disposables);
      }) as vscode.Event<unknown>;
      return panel;
    }) as typeof vscode.window.createWebviewPanel;
    await withStub(vscode.window, 'createWebviewPanel', create, async () => {
      await vscode.commands.executeCommand(Command.openPanel);
    });
    assert.ok(created, 'openPanel created no webview panel (was it already open?)');
    assert.equal(created.viewType, 'sopMaturity.panel');
    assert.equal(listeners.length, 1, 'the panel does not listen to its webview');
    const send = async (m: WebviewMessage | Record<string, unknown>) => {
      await listeners[0](m);
      await new Promise((r) => setTimeout(r, 50));
    };
    // The real webview loads in Chromium and says `ready`; the host answers with the report.
    const report = await waitFor(
      'a report message to the webview',
      () =>
        posted.find((m) => m.type === 'report') as
          { type: 'report'; report: { label: string; documents: unknown[] } } | undefined,
      20_000,
    );
    assert.ok(report.report.documents.length > 0, 'empty report posted');

    // openDocument: opens the file at the line.
    await send({ type: 'openDocument', path: 'docs/operations/change-management.md', line: 3, column: 1 });
    await waitFor(
      'the document from the panel to open',
      () =>
        relOf(vscode.window.activeTextEditor?.document.uri ?? vscode.Uri.file('/')) ===
        'docs/operations/change-management.md',
    );
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 2);
    // A path out of the workspace is refused (nothing opens).
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    await send({ type: 'openDocument', path: '../../etc/passwd' });
    await send({ type: 'openDocument', path: 'docs/../../outside.md' });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), active, 'a forged path opened something');

    // A message that fails validation is ignored (no preview to discard, returns at once).
    await send({ type: 'applyFixes', checkId: 'checklist', extra: true });
    await send({ type: 'runCommand', command: 'workbench.action.quit' });
    // A report change reaches the open panel as a delta that carries the changed document, not the whole report; the
    // webview's copy (the report, then the deltas) is the host's report.
    const rel = 'docs/operations/change-management.md';
    const text = await readRel(rel);
    const before = posted.length;
    try {
      await writeRel(rel, text.replace(/^title: (.*)$/m, 'title: $1 (edited)'));
      const message = await waitFor(
        'a report delta with the edited document',
        () =>
          posted
            .slice(before)
            .find((m) => m.type === 'reportDelta' && JSON.stringify(m).includes('Change management (edited)')),
        20_000,
      );
      assert.ok(!posted.slice(before).some((m) => m.type === 'report'), 'the whole report was posted again');
      assert.ok(JSON.stringify(message).length < JSON.stringify(report.report).length / 4, 'the delta is not small');
      await api.whenIdle();
      await waitFor('the webview copy equal to the host report', () =>
        JSON.stringify(webviewReport(posted)) === JSON.stringify(api.getReport()) ? true : undefined,
      );
    } finally {
      await writeRel(rel, text);
      await api.whenIdle();
    }
  });

  test("the panel's applyFixes message applies the safe fixes of its check", async () => {
    assert.equal(listeners.length, 1, 'the panel test did not capture the webview listener');
    // applyFixes: the safe fixes of one check, answered "Apply" in the fix-all question.
    const targets = api
      .getReport()!
      .documents.filter((d) => d.findings.some((f) => f.check === 'checklist' && f.fixes.includes('add-checklist')))
      .map((d) => d.path);
    assert.ok(targets.length > 0, 'no checklist finding left to fix from the panel');
    // The listener does not return the handler's promise: the workspace edit resolves when the preview closes.
    const pending = new Set(targets);
    const applied = new Promise<boolean>((resolve) => {
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) pending.delete(relOf(e.document.uri));
        if (pending.size === 0) {
          sub.dispose();
          resolve(true);
        }
      });
    });
    await withFixAllAnswer(FIX_ALL_APPLY, async () => {
      await listeners[0]({ type: 'applyFixes', checkId: 'checklist' });
      await applied;
    });
    await saveAll();
    await api.whenIdle();
    for (const p of targets)
      assert.ok(!checksOn(wsUri(p)).includes('checklist'), `${p}: checklist left after the panel's applyFixes`);
  });

  test("the panel's applyFixes message never writes a review date", async () => {
    assert.equal(listeners.length, 1, 'the panel test did not capture the webview listener');
    const before = api
      .getReport()!
      .documents.filter((d) => d.findings.some((f) => f.check === 'review-date'))
      .map((d) => d.path);
    assert.ok(before.length > 0, 'no review-date finding in the workspace');
    const changed: string[] = [];
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) changed.push(relOf(e.document.uri));
    });
    try {
      // Even if a forged message asks (the panel shows no such button), nothing is applied.
      await withFixAllAnswer(FIX_ALL_APPLY, async () => {
        await listeners[0]({ type: 'applyFixes', checkId: 'review-date' });
        await new Promise((r) => setTimeout(r, 500));
      });
    } finally {
      sub.dispose();
    }
    assert.deepEqual(changed, [], 'documents changed');
    await api.whenIdle();
    const after = api
      .getReport()!
      .documents.filter((d) => d.findings.some((f) => f.check === 'review-date'))
      .map((d) => d.path);
    assert.deepEqual(after, before);
  });
});
