// Shared helpers of the integration tests: workspace paths, our diagnostics, code actions
// and the byte-for-byte check of what an edit changed. Not a test file (index.ts does not list it).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_NAME } from '../../../src/extension/constants';
import { activateExtension, type SopMaturityApi } from '../api';

let cached: SopMaturityApi | undefined;

/** The extension's API, once the first audit has finished. */
export async function ready(): Promise<SopMaturityApi> {
  cached ??= await activateExtension();
  await cached.whenIdle();
  return cached;
}

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return folder.uri;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...rel.split('/'));
}

export function relOf(uri: vscode.Uri): string {
  const base = `${root().path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.toString();
}

export function existsRel(rel: string): boolean {
  return fs.existsSync(wsUri(rel).fsPath);
}

export async function writeRel(rel: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(wsUri(rel), new TextEncoder().encode(text));
}

export async function readRel(rel: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(wsUri(rel)));
}

/** The check id of one of our diagnostics. */
export function checkOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

/** Our diagnostics on `uri`. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === EXTENSION_NAME);
}

export function checksOn(uri: vscode.Uri): string[] {
  return ours(uri).map(checkOf);
}

export function diagnosticOf(uri: vscode.Uri, check: string): vscode.Diagnostic | undefined {
  return ours(uri).find((d) => checkOf(d) === check);
}

/** Every file's diagnostics of ours as comparable strings, by workspace-relative path (files with none left out). */
export function diagnosticsSnapshot(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [uri, all] of vscode.languages.getDiagnostics()) {
    const list = all
      .filter((d) => d.source === EXTENSION_NAME)
      .map(
        (d) =>
          `${checkOf(d)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} [${d.severity}] ${d.message}`,
      )
      .sort();
    if (list.length > 0) out.set(relOf(uri), list);
  }
  return out;
}

/** Differences between two snapshots, for an assertion message ('' when equal). */
export function snapshotDiff(a: Map<string, string[]>, b: Map<string, string[]>): string {
  const lines: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? [];
    const y = b.get(key) ?? [];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    for (const d of x) if (!y.includes(d)) lines.push(`${key}: only before: ${d}`);
    for (const d of y) if (!x.includes(d)) lines.push(`${key}: only after: ${d}`);
  }
  return lines.join('\n');
}

/** Polls an async probe until it returns a truthy value. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Code actions for a range, through the same command the light bulb uses. */
export async function codeActions(
  uri: vscode.Uri,
  range: vscode.Range,
  kind?: vscode.CodeActionKind,
): Promise<vscode.CodeAction[]> {
  return (
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
      kind?.value,
    )) ?? []
  );
}

/**
 * The very first code action request after startup sometimes comes back empty (seen about one
 * run in three, on a document whose diagnostics are there; later requests never do): not yet
 * explained, reported to the lead. Suites that ask for code actions call this once first, so
 * that their assertions are about the fixes, and the log says when it happened.
 */
export async function warmUpCodeActions(): Promise<void> {
  const uri = wsUri('docs/operations/vpn-troubleshooting.md');
  await vscode.workspace.openTextDocument(uri);
  const diagnostic = ours(uri)[0];
  if (!diagnostic) return;
  for (let i = 0; i < 20; i++) {
    if ((await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix)).length > 0) return;
    console.log(`[e2e] code actions: request ${i + 1} after startup came back empty`);
    await sleep(250);
  }
  throw new Error('no code actions at all on docs/operations/vpn-troubleshooting.md');
}

/** Applies a code action the way the editor does: its edit, then its command. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit)
    assert.ok(await vscode.workspace.applyEdit(action.edit), `VS Code refused the edit of "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Offsets of the starts of the lines of `text` as VS Code counts lines (\r\n, \n or \r). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      starts.push(i + 1);
    } else if (c === '\n') starts.push(i + 1);
  }
  return starts;
}

export function offsetAt(text: string, pos: vscode.Position): number {
  const starts = lineStarts(text);
  assert.ok(pos.line < starts.length, `position ${pos.line}:${pos.character} beyond the text`);
  return starts[pos.line] + pos.character;
}

/** The text a snippet inserts when nobody types: placeholders keep their default values. */
export function snippetText(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) out += snippet[++i];
    else if (c === '$' && snippet[i + 1] === '{') {
      const colon = snippet.indexOf(':', i);
      i = colon; // the default value follows; its closing brace is dropped below
    } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else if (c === '}') continue;
    else out += c;
  }
  return out;
}

export interface PlainEdit {
  start: number;
  end: number;
  newText: string;
}

/** The edits of `edit` on `uri` as offsets into `before` (snippet edits as the text they insert). */
export function editsOn(edit: vscode.WorkspaceEdit, uri: vscode.Uri, before: string): PlainEdit[] {
  const out: PlainEdit[] = [];
  for (const [u, edits] of edit.entries()) {
    if (u.toString() !== uri.toString()) continue;
    for (const e of edits as (vscode.TextEdit | vscode.SnippetTextEdit)[]) {
      const text = 'snippet' in e && e.snippet ? snippetText(e.snippet.value) : (e as vscode.TextEdit).newText;
      out.push({ start: offsetAt(before, e.range.start), end: offsetAt(before, e.range.end), newText: text });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The one region in which `after` differs from `before` (common prefix and suffix kept),
 * for edits the API does not list: `WorkspaceEdit.entries()` leaves snippet edits out.
 */
export function diffRegion(before: string, after: string): PlainEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let end = before.length;
  let endAfter = after.length;
  while (end > start && endAfter > start && before[end - 1] === after[endAfter - 1]) {
    end--;
    endAfter--;
  }
  return { start, end, newText: after.slice(start, endAfter) };
}

export function applyPlain(text: string, edits: readonly PlainEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * Asserts that `after` is `before` with exactly `edits` applied and, when `insertOnly`, that
 * every edit only inserts: removing the inserted regions from `after` gives `before` back.
 */
export function assertOnlyEdited(
  before: string,
  after: string,
  edits: readonly PlainEdit[],
  insertOnly: boolean,
): void {
  assert.ok(edits.length > 0, 'the action has no edit on the document');
  assert.equal(after, applyPlain(before, edits), 'the document changed outside the fix edits');
  if (!insertOnly) return;
  for (const e of edits)
    assert.equal(e.end, e.start, `edit at ${e.start} replaces "${before.slice(e.start, e.end)}" instead of inserting`);
  // Recover the original by cutting the inserted regions out of the new text.
  let recovered = '';
  let cursor = 0;
  let shift = 0;
  for (const e of edits) {
    const at = e.start + shift;
    recovered += after.slice(cursor, at);
    cursor = at + e.newText.length;
    shift += e.newText.length;
  }
  recovered += after.slice(cursor);
  assert.equal(recovered, before, 'removing the inserted text does not give the original back');
}

/** Saves `doc` if dirty (so later tests and the window's shutdown see no unsaved text). */
export async function saveIfDirty(doc: vscode.TextDocument): Promise<void> {
  if (doc.isDirty) assert.ok(await doc.save(), `could not save ${relOf(doc.uri)}`);
}

/** True when `before` can be had from `after` by deleting characters only (the fix only inserted). */
export function isSubsequence(before: string, after: string): boolean {
  let i = 0;
  for (let j = 0; j < after.length && i < before.length; j++) if (after[j] === before[i]) i++;
  return i === before.length;
}

/**
 * Runs `start` (something that applies a workspace edit whose entries need confirmation, which
 * opens VS Code's refactor preview) and does what a user does there: entries that need
 * confirmation start unchecked, so tick each of the `files` files (one row each in the collapsed
 * tree), then press Apply. Resolves with what `start` resolves to.
 */
export async function withPreviewApply<T>(files: number, start: () => Thenable<T>): Promise<T> {
  let done = false;
  const result = Promise.resolve(start()).finally(() => (done = true));
  const run = (id: string) =>
    vscode.commands.executeCommand(id).then(undefined, (err) => console.log(`[e2e] ${id}: ${String(err)}`));
  // Give the preview time to open and load its files (the tree must be complete before ticking).
  for (const deadline = Date.now() + 2_500; !done && Date.now() < deadline;) await sleep(100);
  if (!done) {
    // Out of any webview (an iframe keeps the keyboard focus from the list commands), into the tree.
    await run('workbench.action.focusActiveEditorGroup');
    await run('refactorPreview.focus');
    await run('list.collapseAll');
    await run('list.focusFirst');
    for (let i = 0; i < files; i++) {
      await run('refactorPreview.toggleCheckedState');
      await run('list.focusDown');
    }
  }
  // SOP_E2E_DEBUG_PREVIEW=1: a screenshot of the ticked preview (test-results/debug-preview.png).
  if (process.env.SOP_E2E_DEBUG_PREVIEW) await (await import('../screenshot')).screenshot('debug-preview');
  const deadline = Date.now() + 20_000;
  while (!done) {
    if (Date.now() > deadline) throw new Error('the refactor preview was never applied');
    await run('refactorPreview.apply');
    await sleep(300);
  }
  return result;
}

/** Saves every dirty document of the workspace. */
export async function saveAll(): Promise<void> {
  for (const d of vscode.workspace.textDocuments) if (d.isDirty && !d.isUntitled) await d.save();
}

export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Replaces `obj[key]` for the duration of `body`; fails clearly when the API object does not allow it. */
export async function withStub<T extends object, K extends keyof T>(
  obj: T,
  key: K,
  stub: T[K],
  body: () => Promise<void>,
): Promise<void> {
  const original = obj[key];
  try {
    (obj as Writable<T>)[key] = stub;
  } catch (err) {
    assert.fail(`cannot stub vscode.window.${String(key)} (${String(err)}): the extension needs a test hook for this`);
  }
  assert.equal(
    obj[key],
    stub,
    `vscode.window.${String(key)} could not be replaced: the extension needs a test hook for this`,
  );
  try {
    await body();
  } finally {
    (obj as Writable<T>)[key] = original;
  }
}

/** Answers the workspace fix-all question ("Apply the safe fixes ...?") with `answer` while `body` runs. */
export async function withFixAllAnswer(answer: string, body: () => Promise<void>): Promise<void> {
  const original = vscode.window.showInformationMessage;
  const stub = ((message: string, ...rest: unknown[]) =>
    message.startsWith('Apply the safe fixes')
      ? Promise.resolve(answer)
      : (original as (...a: unknown[]) => Thenable<unknown>)(
          message,
          ...rest,
        )) as typeof vscode.window.showInformationMessage;
  await withStub(vscode.window, 'showInformationMessage', stub, body);
}
