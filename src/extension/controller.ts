/**
 * Keeps one `FolderAudit` per workspace folder up to date: the full audit in
 * the background (cancellable), live re-audits of edited documents after a
 * debounce, file-system changes, configuration and rubric changes. Every
 * change ends in `publish`, which recomputes the folder's report, sends the
 * changed diagnostics and tells listeners (status bar, panel).
 */
import * as vscode from 'vscode';
import type { Report } from '../core/types';
import { CONFIG_FILE, SETTINGS_SECTION } from './constants';
import { SITE_FILES } from '../core/site';
import type { DiagnosticsPublisher } from './diagnostics';
import { FolderAudit, openDocument } from './folder';
import { IdleTracker } from './idle';
import { markdownGlob } from './select';

/** Delay that coalesces bursts of file-system events (a branch switch, a bulk rename) into one recompute. */
const FS_COALESCE_MS = 150;

interface FolderState {
  audit: FolderAudit;
  watchers: vscode.Disposable[];
}

export class AuditController implements vscode.Disposable {
  readonly idle = new IdleTracker();
  private readonly folders = new Map<string, FolderState>();
  /** Pending debounced work by key (document URI, or folder URI for recomputes and reloads). */
  private readonly timers = new Map<string, { timer: ReturnType<typeof setTimeout>; end: () => void }>();
  /** Sources of queued or running full audits, cancelled when a newer full audit supersedes them. */
  private readonly runs = new Set<vscode.CancellationTokenSource>();
  private queue: Promise<void> = Promise.resolve();
  private readonly reportEmitter = new vscode.EventEmitter<Report>();
  private readonly disposables: vscode.Disposable[] = [this.reportEmitter];
  private firstAuditDone = false;

  /** Fires with the current folder's report whenever it changes (or the current folder does). */
  readonly onDidChangeReport = this.reportEmitter.event;

  constructor(
    private readonly publisher: DiagnosticsPublisher,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onDidChangeText(e)),
      vscode.workspace.onDidSaveTextDocument((d) => this.onDidSave(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onDidClose(d)),
      vscode.workspace.onDidChangeConfiguration((e) => this.onDidChangeConfiguration(e)),
      vscode.workspace.onDidChangeWorkspaceFolders((e) => this.onDidChangeFolders(e)),
      vscode.window.onDidChangeActiveTextEditor(() => this.fireCurrent()),
    );
  }

  /** True until the first full audit has finished (the status bar shows a spinner). */
  get busy(): boolean {
    return !this.firstAuditDone;
  }

  /** The audit of the folder that contains `uri`. */
  folderFor(uri: vscode.Uri): FolderAudit | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const state = folder && this.folders.get(folder.uri.toString());
    return state?.audit.loaded ? state.audit : undefined;
  }

  /** The folder of the active editor, else the first audited folder. */
  currentFolder(): FolderAudit | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    const byEditor = active && this.folderFor(active);
    if (byEditor) return byEditor;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const state = this.folders.get(folder.uri.toString());
      if (state?.audit.report) return state.audit;
    }
    return undefined;
  }

  /** The latest report of a folder (by URI), or of the current folder. */
  getReport(folder?: vscode.Uri): Report | undefined {
    if (folder) return this.folders.get(vscode.workspace.getWorkspaceFolder(folder)?.uri.toString() ?? folder.toString())?.audit.report;
    return this.currentFolder()?.report;
  }

  /** Every audited folder. */
  audits(): FolderAudit[] {
    return [...this.folders.values()].map((s) => s.audit).filter((a) => a.loaded);
  }

  /** Audits every folder of the workspace with a cancellable progress notification; supersedes earlier full audits. */
  auditAll(): Promise<void> {
    for (const source of this.runs) source.cancel();
    return this.enqueue([...(vscode.workspace.workspaceFolders ?? [])], true);
  }

  /** Re-audits one folder from scratch (its configuration or rubric changed), with progress in the status bar. */
  auditFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    return this.enqueue([folder], false);
  }

  private enqueue(folders: vscode.WorkspaceFolder[], notify: boolean): Promise<void> {
    const source = new vscode.CancellationTokenSource();
    this.runs.add(source);
    const end = this.idle.begin();
    const run = this.queue
      .then(() => (source.token.isCancellationRequested ? undefined : this.run(folders, notify, source)))
      .catch((err) => this.log.error('audit failed', err))
      .finally(() => {
        this.runs.delete(source);
        source.dispose();
        end();
      });
    this.queue = run;
    return run;
  }

  private async run(folders: vscode.WorkspaceFolder[], notify: boolean, source: vscode.CancellationTokenSource): Promise<void> {
    await vscode.window.withProgress(
      {
        location: notify ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
        title: 'SOP Maturity: auditing',
        cancellable: notify,
      },
      async (progress, progressToken) => {
        const cancel = progressToken.onCancellationRequested(() => source.cancel());
        try {
          for (const folder of folders) {
            if (source.token.isCancellationRequested) break;
            const started = Date.now();
            const audit = new FolderAudit(folder);
            let reported = 0;
            const ok = await audit.load(source.token, (done, total) => {
              const share = (100 / folders.length) * (done / Math.max(1, total));
              progress.report({ message: `${folder.name}: ${done} of ${total} files`, increment: share - reported });
              reported = share;
            });
            if (!ok) {
              this.log.info(`audit of ${folder.name} cancelled`);
              break;
            }
            this.install(audit);
            const report = this.publish(audit);
            this.log.info(
              `audited ${folder.name}: ${report.summary.documents} documents (${report.summary.procedures} procedures) in ${Date.now() - started} ms; OML ${report.levels.overall}`,
            );
          }
        } finally {
          cancel.dispose();
          this.firstAuditDone = true;
          this.fireCurrent();
        }
      },
    );
  }

  /** Replaces a folder's state with a freshly loaded audit and watches its files. */
  private install(audit: FolderAudit): void {
    const key = audit.root.toString();
    this.disposeFolder(key, false);
    // Documents edited while the load read their text: give the engine what the editor has now.
    for (const doc of vscode.workspace.textDocuments) {
      const rel = audit.relativePath(doc.uri);
      if (rel !== undefined && !doc.isClosed && audit.selects(rel) && audit.versionOf(rel) !== doc.version) audit.setText(rel, doc.getText(), doc.version);
    }
    this.folders.set(key, { audit, watchers: this.watch(audit) });
  }

  private watch(audit: FolderAudit): vscode.Disposable[] {
    const pattern = (glob: string) => new vscode.RelativePattern(audit.folder, glob);
    const markdown = vscode.workspace.createFileSystemWatcher(pattern(markdownGlob(audit.config)));
    // A deleted folder is reported once, for the folder itself, which a Markdown glob does not match.
    const deletions = vscode.workspace.createFileSystemWatcher(pattern('**/*'), true, true, false);
    const owners = vscode.workspace.createFileSystemWatcher(pattern('**/{CODEOWNERS,OWNERS}'));
    // The documentation site's files decide how links and index pages are read: a change re-audits the folder.
    const settingsFiles = [CONFIG_FILE, ...(audit.config.rubric ? [audit.config.rubric] : []), `{${SITE_FILES.join(',')}}`].map((f) =>
      vscode.workspace.createFileSystemWatcher(pattern(f)),
    );
    const reload = () => this.debounce(`reload:${audit.root}`, 200, () => void this.auditFolder(audit.folder));
    return [
      markdown,
      markdown.onDidCreate((u) => this.onDiskChange(audit, u)),
      markdown.onDidChange((u) => this.onDiskChange(audit, u)),
      deletions,
      deletions.onDidDelete((u) => this.onDiskDelete(audit, u)),
      owners,
      owners.onDidCreate((u) => this.onOwnerFile(audit, u)),
      owners.onDidChange((u) => this.onOwnerFile(audit, u)),
      owners.onDidDelete((u) => this.onOwnerFile(audit, u, true)),
      ...settingsFiles.flatMap((w) => [w, w.onDidCreate(reload), w.onDidChange(reload), w.onDidDelete(reload)]),
    ];
  }

  private async onDiskChange(audit: FolderAudit, uri: vscode.Uri): Promise<void> {
    const rel = audit.relativePath(uri);
    // An open document's editor text wins over the disk; its own events keep the engine current.
    if (rel === undefined || !audit.selects(rel) || openDocument(uri)) return;
    await this.idle.track(async () => {
      const text = await audit.readMarkdown(rel);
      if (typeof text === 'string') audit.setText(rel, text);
      else if ('error' in text) this.log.warn(`${rel}: ${text.error}`);
      this.scheduleRecompute(audit);
    });
  }

  private onDiskDelete(audit: FolderAudit, uri: vscode.Uri): void {
    const rel = audit.relativePath(uri);
    if (rel === undefined) return;
    let changed = audit.remove(rel);
    if (rel.endsWith('CODEOWNERS') || rel.endsWith('OWNERS')) {
      audit.setOwnerFile(rel, undefined);
      changed = true;
    }
    if (changed) this.scheduleRecompute(audit);
  }

  private async onOwnerFile(audit: FolderAudit, uri: vscode.Uri, deleted = false): Promise<void> {
    const rel = audit.relativePath(uri);
    if (rel === undefined) return;
    await this.idle.track(async () => {
      audit.setOwnerFile(rel, deleted ? undefined : await audit.readOptional(rel));
      this.scheduleRecompute(audit);
    });
  }

  private onDidChangeText(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const target = this.target(e.document);
    if (target?.audit.settings.run !== 'onType') return;
    const { document } = e;
    const version = document.version;
    this.debounce(document.uri.toString(), target.audit.settings.debounceMs, () => {
      // A result for an older version would be stale: only the latest scheduled change is audited.
      if (!document.isClosed && document.version === version) this.refresh(document);
    });
  }

  private onDidSave(document: vscode.TextDocument): void {
    const target = this.target(document);
    if (target && target.audit.settings.run !== 'off') this.refresh(document);
  }

  /** A closed editor may have discarded unsaved text: go back to the disk's. */
  private onDidClose(document: vscode.TextDocument): void {
    const target = this.target(document);
    if (!target || target.audit.versionOf(target.rel) === undefined) return;
    this.cancelTimer(document.uri.toString());
    void this.idle.track(async () => {
      const text = await target.audit.readMarkdown(target.rel);
      if (typeof text === 'string') target.audit.setText(target.rel, text);
      this.scheduleRecompute(target.audit);
    });
  }

  /** Gives the engine the editor's text of `document` and republishes its folder. */
  refresh(document: vscode.TextDocument): void {
    const target = this.target(document);
    if (!target) return;
    this.cancelTimer(document.uri.toString());
    const started = Date.now();
    target.audit.setText(target.rel, document.getText(), document.version);
    this.publish(target.audit);
    this.log.trace(`re-audited ${target.rel} (version ${document.version}) in ${Date.now() - started} ms`);
  }

  /** The folder audit and relative path of a document the audit reads, if any. */
  private target(document: vscode.TextDocument): { audit: FolderAudit; rel: string } | undefined {
    const audit = this.folderFor(document.uri);
    const rel = audit?.relativePath(document.uri);
    return audit && rel !== undefined && audit.selects(rel) ? { audit, rel } : undefined;
  }

  private onDidChangeConfiguration(e: vscode.ConfigurationChangeEvent): void {
    for (const state of this.folders.values()) {
      const { folder } = state.audit;
      if (e.affectsConfiguration(SETTINGS_SECTION, folder.uri)) {
        this.debounce(`reload:${folder.uri}`, 200, () => void this.auditFolder(folder));
      }
    }
  }

  private onDidChangeFolders(e: vscode.WorkspaceFoldersChangeEvent): void {
    for (const folder of e.removed) {
      this.disposeFolder(folder.uri.toString(), true);
    }
    if (e.added.length > 0) void this.enqueue([...e.added], false);
    this.fireCurrent();
  }

  private scheduleRecompute(audit: FolderAudit): void {
    this.debounce(`recompute:${audit.root}`, FS_COALESCE_MS, () => {
      if (this.folders.get(audit.root.toString())?.audit === audit) this.publish(audit);
    });
  }

  /** Recomputes a folder's report, publishes its diagnostics and notifies listeners. */
  private publish(audit: FolderAudit): Report {
    const report = audit.recompute();
    this.publisher.publish(audit.root, report, audit.configErrors, audit.config.severity);
    if (this.currentFolder() === audit) this.reportEmitter.fire(report);
    return report;
  }

  private fireCurrent(): void {
    const report = this.currentFolder()?.report;
    if (report) this.reportEmitter.fire(report);
  }

  /** Runs `task` after `delay` ms unless the same key is scheduled again first; tracked for `whenIdle`. */
  private debounce(key: string, delay: number, task: () => void): void {
    this.cancelTimer(key);
    const end = this.idle.begin();
    const timer = setTimeout(() => {
      this.timers.delete(key);
      try {
        task();
      } catch (err) {
        this.log.error(`update failed (${key})`, err);
      } finally {
        end();
      }
    }, delay);
    this.timers.set(key, { timer, end });
  }

  private cancelTimer(key: string): void {
    const pending = this.timers.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.timers.delete(key);
    pending.end();
  }

  private disposeFolder(key: string, clearDiagnostics: boolean): void {
    const state = this.folders.get(key);
    if (!state) return;
    for (const d of state.watchers) d.dispose();
    this.folders.delete(key);
    if (clearDiagnostics) this.publisher.clear(state.audit.root);
  }

  dispose(): void {
    for (const source of this.runs) source.cancel();
    for (const key of [...this.timers.keys()]) this.cancelTimer(key);
    for (const key of [...this.folders.keys()]) this.disposeFolder(key, false);
    for (const d of this.disposables) d.dispose();
  }
}
