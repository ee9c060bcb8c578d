/**
 * The maturity panel's host side: creates (or reveals) the webview, serves
 * the page with a strict CSP, posts the report once when the webview is ready
 * and then only what changed (a delta of `reportDelta.ts`, never the whole
 * report: at 10,000 documents that is some 15 MB per keystroke), and turns
 * validated webview messages into calls on the
 * {@link PanelHost} the extension provides. The webview is a view: it owns no
 * data, and nothing it sends is trusted before {@link isWebviewMessage}.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Report } from '../core/report/types';
import {
  isWebviewMessage,
  type HistoryResult,
  type HostMessage,
  type RevealMessage,
  type WebviewMessage,
} from '../shared/protocol';
import type { KindFix } from '../shared/kind';
import { diffReports } from '../shared/reportDelta';
import { summaryMarkdown } from '../shared/summary';
import { Command } from './constants';
import { panelHtml } from './panelHtml';

/** What the panel needs from the extension. */
export interface PanelHost {
  /** The current report, or undefined before the first audit. */
  getReport(): Report | undefined;
  /** Fires with each new report; the panel posts what changed since the one it sent last. */
  onDidChangeReport: vscode.Event<Report>;
  /**
   * Opens a document. `path` is absolute and already checked to lie inside
   * the report root; `line` and `column` are 1-based, as in the report. The
   * editor opens in another group than `besides` (the panel's column).
   */
  openDocument(path: string, line?: number, column?: number, besides?: vscode.ViewColumn): Promise<void>;
  /** Applies the safe quick fixes of one check, after a preview. */
  applyFixes(checkId: string): Promise<void>;
  /** Creates an SOP from the template for an uncovered trait. */
  createSopForTrait(traitId: string): Promise<void>;
  exportReport(format: 'json' | 'sarif' | 'markdown' | 'html'): Promise<void>;
  /**
   * "Treat as SOP" / "Not an SOP" on a document (opened besides the panel first); `path` is absolute and checked like
   * `openDocument`'s.
   */
  setKind(path: string, fix: KindFix, besides?: vscode.ViewColumn): Promise<void>;
  /** Maturity over time from git; optional until the history engine exists. */
  getHistory?(
    onProgress: (done: number, total: number) => void,
    token: vscode.CancellationToken,
  ): Promise<HistoryResult>;
}

/** Progress messages at most this often: a fast history run should not flood the webview. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Resolves a report-relative POSIX path to an absolute path inside `root`,
 * or undefined when it would leave the root (the validator already refuses
 * `..` and absolute paths; this is the second fence, on the real file system
 * path).
 */
export function resolveInsideRoot(root: string, relative: string): string | undefined {
  const resolved = path.resolve(root, ...relative.split('/'));
  const back = path.relative(root, resolved);
  return back !== '' && !back.startsWith('..') && !path.isAbsolute(back) ? resolved : undefined;
}

/** The maturity panel: one instance, revealed when it already exists. */
export class MaturityPanel {
  static readonly viewType = 'sopMaturity.panel';
  private static current: MaturityPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private history: HistoryResult | undefined;
  /** The webview has said `ready` (its script runs and listens). */
  private webviewReady = false;
  /** A reveal asked for before the webview was ready. */
  private pendingReveal: RevealMessage | undefined;
  private historyRun: vscode.CancellationTokenSource | undefined;
  /** The report the webview holds (as of the last snapshot and deltas posted) and its version. */
  private sent: { report: Report; version: number } | undefined;
  private version = 0;
  /** A report came while the panel was hidden: the webview is told when it shows again. */
  private stale = false;

  /** Shows the panel beside the editor, creating it on first use. */
  /** Opens the panel, or brings it forward; `reveal`: then shows a tab or a document's details in it. */
  static createOrShow(context: vscode.ExtensionContext, host: PanelHost, reveal?: RevealMessage): void {
    if (MaturityPanel.current) {
      MaturityPanel.current.panel.reveal(undefined, true);
      if (reveal) MaturityPanel.current.reveal(reveal);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      MaturityPanel.viewType,
      'SOP Maturity',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      MaturityPanel.webviewOptions(context),
    );
    MaturityPanel.current = new MaturityPanel(panel, context, host);
    if (reveal) MaturityPanel.current.reveal(reveal);
  }

  /** Restores the panel after a window reload; register it on activation. */
  static registerSerializer(context: vscode.ExtensionContext, host: PanelHost): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(MaturityPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
        // The saved UI state lives in the webview (getState); the data comes fresh from the host.
        panel.webview.options = MaturityPanel.webviewOptions(context);
        MaturityPanel.current?.panel.dispose();
        MaturityPanel.current = new MaturityPanel(panel, context, host);
      },
    });
  }

  private static webviewOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')],
      // The webview restores its UI state itself; keeping a hidden panel alive costs memory for nothing.
      retainContextWhenHidden: false,
    };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly host: PanelHost,
  ) {
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.html = MaturityPanel.html(panel.webview, context.extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isWebviewMessage(message)) void this.handle(message);
      }),
      host.onDidChangeReport((report) => this.update(report)),
      panel.onDidChangeViewState(() => {
        const report = this.host.getReport();
        if (panel.visible && this.stale && report) this.update(report);
      }),
    );
  }

  private static html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
    const media = (file: string): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file)).toString();
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: media('panel.js'),
      styleUri: media('panel.css'),
    });
  }

  /** Posts `message` now if the webview has loaded, else once it says it is ready (after the snapshot). */
  private reveal(message: RevealMessage): void {
    if (this.webviewReady) this.post(message);
    else this.pendingReveal = message;
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /**
   * Tells the webview of a new report: what changed since the report it holds, or the whole
   * report when it holds none or the root changed. Nothing before the webview is ready (the
   * snapshot it asks for is current), and nothing while the panel is hidden (it is told when it
   * shows again).
   */
  private update(report: Report): void {
    if (!this.webviewReady) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const sent = this.sent;
    if (!sent || sent.report.root !== report.root) {
      this.postSnapshot(report);
      return;
    }
    if (sent.report === report) return;
    const delta = diffReports(sent.report, report);
    if (!delta) {
      // Nothing the webview holds changed: later deltas are made from this report.
      this.sent = { report, version: sent.version };
      return;
    }
    const version = ++this.version;
    this.post({ type: 'reportDelta', base: sent.version, version, delta });
    this.sent = { report, version };
  }

  /** Posts the whole report (the base of the deltas that follow), or that there is none. */
  private postSnapshot(report = this.host.getReport()): void {
    this.stale = false;
    if (!report) {
      this.sent = undefined;
      this.post({ type: 'noReport', reason: 'No audit yet: open a folder with Markdown SOPs or runbooks.' });
      return;
    }
    const version = ++this.version;
    this.post({ type: 'report', report, version });
    this.sent = { report, version };
  }

  /** Sends the current snapshot (and the cached history) after the webview (re)loads. */
  private sendSnapshot(): void {
    this.postSnapshot();
    if (this.history) this.post({ type: 'history', result: this.history });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          this.webviewReady = true;
          this.sendSnapshot();
          if (this.pendingReveal) this.post(this.pendingReveal);
          this.pendingReveal = undefined;
          break;
        case 'openDocument': {
          const root = this.host.getReport()?.root;
          const file = root ? resolveInsideRoot(root, message.path) : undefined;
          if (file) await this.host.openDocument(file, message.line, message.column, this.panel.viewColumn);
          break;
        }
        case 'applyFixes':
          await this.host.applyFixes(message.checkId);
          break;
        case 'createSop':
          await this.host.createSopForTrait(message.traitId);
          break;
        case 'export':
          await this.host.exportReport(message.format);
          break;
        case 'copyMarkdown':
          await this.copyMarkdown();
          break;
        case 'requestHistory':
          await this.computeHistory();
          break;
        case 'setKind': {
          const root = this.host.getReport()?.root;
          const file = root ? resolveInsideRoot(root, message.path) : undefined;
          if (file) await this.host.setKind(file, message.fix, this.panel.viewColumn);
          break;
        }
        case 'markReviewed': {
          const root = this.host.getReport()?.root;
          const file = root ? resolveInsideRoot(root, message.path) : undefined;
          if (file) await this.markReviewed(file);
          break;
        }
      }
    } catch (error) {
      this.post({ type: 'notice', kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Runs the Mark reviewed command on a document; says so when the command is not there. */
  private async markReviewed(file: string): Promise<void> {
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes(Command.markReviewed)) {
      this.post({ type: 'notice', kind: 'error', text: 'Mark reviewed is not available in this version.' });
      return;
    }
    await vscode.commands.executeCommand(Command.markReviewed, vscode.Uri.file(file));
  }

  private async copyMarkdown(): Promise<void> {
    const report = this.host.getReport();
    if (!report) return;
    await vscode.env.clipboard.writeText(summaryMarkdown(report));
    this.post({ type: 'notice', kind: 'info', text: 'Maturity summary copied as Markdown.' });
  }

  private async computeHistory(): Promise<void> {
    if (!this.host.getHistory) {
      this.history = { available: false, reason: 'History from git is not available in this version yet.' };
      this.post({ type: 'history', result: this.history });
      return;
    }
    this.historyRun?.cancel();
    const run = new vscode.CancellationTokenSource();
    this.historyRun = run;
    let last = 0;
    this.post({ type: 'historyProgress', done: 0, total: 0 });
    try {
      const result = await this.host.getHistory((done, total) => {
        const now = Date.now();
        if (now - last < PROGRESS_INTERVAL_MS && done < total) return;
        last = now;
        this.post({ type: 'historyProgress', done, total });
      }, run.token);
      if (run.token.isCancellationRequested) return;
      this.history = result;
      this.post({ type: 'history', result });
    } catch (error) {
      // Not cached: the next request tries again.
      const reason = `History could not be computed: ${error instanceof Error ? error.message : String(error)}`;
      this.post({ type: 'history', result: { available: false, reason } });
    } finally {
      run.dispose();
      if (this.historyRun === run) this.historyRun = undefined;
    }
  }

  private dispose(): void {
    if (MaturityPanel.current === this) MaturityPanel.current = undefined;
    this.historyRun?.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
