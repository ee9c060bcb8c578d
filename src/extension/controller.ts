/**
 * Keeps one `FolderAudit` per audit root up to date: a workspace folder is a
 * root, and so is every folder below it that holds a `.sopmaturity.yml` (its
 * parent leaves it out). The full audit runs in the background (cancellable),
 * live re-audits of edited documents after a debounce, file-system changes,
 * configuration and rubric changes. Every change ends in `publish`, which
 * recomputes the root's report, sends the changed diagnostics (none for a
 * silent root: no procedure and no `.sopmaturity.yml`) and tells listeners
 * (status bar, panel).
 */
import * as vscode from 'vscode';
import type { Report } from '../core/report/types';
import { CONFIG_FILE, SETTINGS_SECTION, Setting } from './constants';
import { SITE_FILES } from '../core/parse/site';
import { OWNER_FILE_NAMES, isOwnerFile } from '../core/parse/owners';
import type { DiagnosticsPublisher } from './diagnostics';
import { FolderAudit, openDocument, type LoadTimings } from './folder';
import { IdleTracker } from './idle';
import { markdownGlob } from './select';

/** Delay that coalesces bursts of file-system events (a branch switch, a bulk rename) into one recompute. */
const FS_COALESCE_MS = 150;

interface FolderState {
  audit: FolderAudit;
  watchers: vscode.Disposable[];
}

/** What the first audit of the window cost (the bench reads it through the API). */
export interface FirstAudit {
  /** `Date.now()` when the first audit started (the host loaded, the window's other work done)... */
  startedAt: number;
  /** ...and when its diagnostics were published. */
  publishedAt: number;
  /** Per audit root: the load's phases, and the report and publishing time. */
  roots: {
    name: string;
    documents: number;
    procedures: number;
    silent: boolean;
    timings?: LoadTimings;
    publishing: number;
  }[];
}

/**
 * The settings that decide which roots are audited and which files they read: a change re-audits the workspace folder.
 */
const AUDIT_SETTINGS = [SETTINGS_SECTION, 'files.exclude'];

export class AuditController implements vscode.Disposable {
  readonly idle = new IdleTracker();
  private readonly folders = new Map<string, FolderState>();
  /** Pending debounced work by key (document URI, or folder URI for recomputes and reloads). */
  private readonly timers = new Map<string, { timer: ReturnType<typeof setTimeout>; end: () => void }>();
  /** Sources of queued or running full audits, cancelled when a newer full audit supersedes them. */
  private readonly runs = new Set<vscode.CancellationTokenSource>();
  private queue: Promise<void> = Promise.resolve();
  private readonly reportEmitter = new vscode.EventEmitter<Report>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly publishEmitter = new vscode.EventEmitter<{ audit: FolderAudit; report: Report | undefined }>();
  private readonly disposables: vscode.Disposable[] = [this.reportEmitter, this.changeEmitter, this.publishEmitter];
  /** Per workspace folder: watchers of `.sopmaturity.yml` and `.gitignore` files anywhere below it. */
  private readonly folderWatchers = new Map<string, vscode.Disposable[]>();
  /** Workspace folders whose `sopMaturity.enable` is false. */
  private readonly disabled = new Set<string>();
  private firstAuditDone = false;
  /** Set when the first full audit has published. */
  firstAudit?: FirstAudit;

  /** Fires with the current root's report whenever it changes (or the current root does). */
  readonly onDidChangeReport = this.reportEmitter.event;
  /**
   * Fires whenever what the status bar shows may have changed, also when no root is left (the audit was turned off).
   */
  readonly onDidChange = this.changeEmitter.event;
  /**
   * Fires whenever any root publishes a report (undefined: the root is silent or gone, so what was shown for it goes):
   * the review reminders and the CodeLenses follow every root, not only the current one.
   */
  readonly onDidPublish = this.publishEmitter.event;

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

  /** The audit of the deepest audit root that contains `uri` (or is `uri`). */
  folderFor(uri: vscode.Uri): FolderAudit | undefined {
    let best: FolderAudit | undefined;
    for (const { audit } of this.folders.values()) {
      if (!audit.loaded || !contains(audit.root, uri)) continue;
      if (!best || audit.root.path.length > best.root.path.length) best = audit;
    }
    return best;
  }

  /**
   * The root of the active editor's file; without one, the first root with
   * something to show, else the first audited root (a silent one: the panel
   * explains what it found).
   */
  currentFolder(): FolderAudit | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    const byEditor = active && this.folderFor(active);
    if (byEditor) return byEditor;
    const audited = this.ordered().filter((a) => a.report);
    return audited.find((a) => !a.silent) ?? audited[0];
  }

  /** The report the status bar shows: the current root's, unless it is silent. */
  visibleReport(): Report | undefined {
    const audit = this.currentFolder();
    return audit && !audit.silent ? audit.report : undefined;
  }

  /**
   * The name of the root the status bar shows when the workspace has more
   * than one audit root (a nested `.sopmaturity.yml`, a multi-root
   * workspace), so a level is never read as another folder's; undefined
   * with a single root.
   */
  visibleRootName(): string | undefined {
    const audit = this.currentFolder();
    return audit && !audit.silent && this.ordered().length > 1 ? audit.name : undefined;
  }

  /**
   * The latest report of the root that contains a URI (a workspace folder's URI: its own root), or of the current root.
   */
  getReport(folder?: vscode.Uri): Report | undefined {
    if (folder) return this.folderFor(folder)?.report;
    return this.currentFolder()?.report;
  }

  /** Every audited root with something to show (fix-all, the panel's workspace actions). */
  audits(): FolderAudit[] {
    return this.ordered().filter((a) => !a.silent);
  }

  /** Every audited root, silent ones included, workspace folders first. */
  allAudits(): FolderAudit[] {
    return this.ordered();
  }

  private ordered(): FolderAudit[] {
    const order = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    return [...this.folders.values()]
      .map((s) => s.audit)
      .filter((a) => a.loaded)
      .sort(
        (a, b) =>
          order.indexOf(a.folder.uri.toString()) - order.indexOf(b.folder.uri.toString()) ||
          a.rootPath.localeCompare(b.rootPath),
      );
  }

  /**
   * Why a command has nothing to show for the current root, or undefined when
   * it has: no folder, the audit turned off, still running, or a root where
   * no document reads as a procedure.
   */
  nothingToShow(): string | undefined {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) return 'SOP Maturity: open a folder to audit its SOPs and runbooks.';
    const audit = this.currentFolder();
    if (!audit) {
      if (folders.every((f) => this.disabled.has(f.uri.toString()))) {
        return `SOP Maturity is turned off for ${folders.map((f) => f.name).join(', ')} (setting ${SETTINGS_SECTION}.${Setting.enable}).`;
      }
      return 'SOP Maturity is still auditing the workspace; try again in a moment.';
    }
    if (!audit.silent) return undefined;
    const documents = audit.report?.summary.documents ?? 0;
    const found =
      documents === 0
        ? 'no Markdown documents'
        : `${documents} Markdown document${documents === 1 ? '' : 's'}, none reads as a procedure`;
    return `SOP Maturity found no procedures in ${audit.name} (${found}). Add a ${CONFIG_FILE} to audit it anyway, or use 'Treat Current Document as SOP'.`;
  }

  /**
   * Audits every folder of the workspace; supersedes earlier full audits.
   * `notify`: a cancellable progress notification (the Audit Workspace
   * command); else progress shows in the status bar only (the automatic
   * first audit).
   */
  auditAll(notify = true): Promise<void> {
    for (const source of this.runs) source.cancel();
    return this.enqueue([...(vscode.workspace.workspaceFolders ?? [])], notify);
  }

  /**
   * The automatic first audit, in the background; none when a command has
   * already asked for one (the command that loaded the host, such as Audit
   * Workspace, keeps its own progress).
   */
  startFirstAudit(): Promise<void> {
    return this.runs.size > 0 ? this.queue : this.auditAll(false);
  }

  /** Re-audits one workspace folder from scratch, every root in it (its configuration, roots or rubric changed). */
  auditFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    return this.enqueue([folder], false);
  }

  /** Re-audits one audit root from scratch (its own files changed: `.gitignore`, the rubric, site files). */
  private auditRoot(audit: FolderAudit): Promise<void> {
    return this.enqueue([audit.folder], false, audit.rootPath);
  }

  private enqueue(folders: vscode.WorkspaceFolder[], notify: boolean, only?: string): Promise<void> {
    const source = new vscode.CancellationTokenSource();
    this.runs.add(source);
    const end = this.idle.begin();
    const run = this.queue
      .then(() => (source.token.isCancellationRequested ? undefined : this.run(folders, notify, source, only)))
      .catch((err) => this.log.error('audit failed', err))
      .finally(() => {
        this.runs.delete(source);
        source.dispose();
        end();
      });
    this.queue = run;
    return run;
  }

  private async run(
    folders: vscode.WorkspaceFolder[],
    notify: boolean,
    source: vscode.CancellationTokenSource,
    only?: string,
  ): Promise<void> {
    await vscode.window.withProgress(
      {
        location: notify ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
        title: 'SOP Maturity: auditing',
        cancellable: notify,
      },
      async (progress, progressToken) => {
        const cancel = progressToken.onCancellationRequested(() => source.cancel());
        const startedAt = Date.now();
        const first: FirstAudit['roots'] = [];
        try {
          for (const folder of folders) {
            if (source.token.isCancellationRequested) break;
            // One root again (its own files changed), else the folder's roots: '' first, each nested root found by its
            // parent's walk.
            const again = only !== undefined && this.folders.has(rootKey(folder, only));
            const pending = again ? [only] : this.plan(folder);
            let cancelled = false;
            for (let rootPath = pending.shift(); rootPath !== undefined && !cancelled; rootPath = pending.shift()) {
              if (source.token.isCancellationRequested) break;
              const started = Date.now();
              const audit = new FolderAudit(folder, rootPath);
              let reported = 0;
              const ok = await audit.load(source.token, (done, total) => {
                const share = (100 / folders.length) * (done / Math.max(1, total));
                progress.report({
                  message: `${audit.name}: ${done} of ${total} files`,
                  increment: Math.max(0, share - reported),
                });
                reported = share;
              });
              if (!ok) {
                this.log.info(`audit of ${audit.name} cancelled`);
                cancelled = true;
                break;
              }
              const nested = audit.nestedRoots.map((r) => (rootPath === '' ? r : `${rootPath}/${r}`));
              if (!again) {
                this.dropRootsBelow(audit, nested);
                pending.push(...nested);
              }
              this.install(audit);
              const publishing = Date.now();
              const report = this.publish(audit);
              const t = audit.timings;
              const ms = Date.now() - publishing;
              first.push({
                name: audit.name,
                documents: report.summary.documents,
                procedures: report.summary.procedures,
                silent: audit.silent,
                timings: t,
                publishing: ms,
              });
              this.log.info(
                `audited ${audit.name}: ${report.summary.documents} documents (${report.summary.procedures} procedures) in ${Date.now() - started} ms` +
                  (t
                    ? ` (configuration ${t.configuration}, discovery ${t.discovery}, reading ${t.reading}, parsing ${t.parsing}, report and diagnostics ${ms} ms)`
                    : '') +
                  (audit.silent
                    ? '; no procedure and no .sopmaturity.yml: nothing shown'
                    : `; OML ${report.levels.overall}`),
              );
            }
          }
        } finally {
          cancel.dispose();
          if (!this.firstAuditDone && !source.token.isCancellationRequested)
            this.firstAudit = { startedAt, publishedAt: Date.now(), roots: first };
          this.firstAuditDone = true;
          this.fireCurrent();
        }
      },
    );
  }

  /**
   * Where the audit of a workspace folder starts: its own root, or nothing
   * when the audit is turned off there (every root of it is then dropped
   * with its diagnostics).
   */
  private plan(folder: vscode.WorkspaceFolder): string[] {
    const key = folder.uri.toString();
    const enabled =
      vscode.workspace.getConfiguration(SETTINGS_SECTION, folder.uri).get<boolean>(Setting.enable) !== false;
    if (enabled) {
      this.disabled.delete(key);
      this.watchFolder(folder);
      return [''];
    }
    this.disabled.add(key);
    for (const [k, state] of [...this.folders])
      if (state.audit.folder.uri.toString() === key) this.disposeFolder(k, true);
    this.unwatchFolder(key);
    this.log.info(`${folder.name}: ${SETTINGS_SECTION}.${Setting.enable} is off, not audited`);
    return [];
  }

  /**
   * Drops the roots below `audit` that are no longer roots (their
   * `.sopmaturity.yml` went) with their diagnostics, before `audit`
   * publishes its own: a root that left never clears what its parent now
   * says about the same files. Roots below a kept nested root are left to
   * that root's own load.
   */
  private dropRootsBelow(audit: FolderAudit, nested: readonly string[]): void {
    const folderKey = audit.folder.uri.toString();
    const below = (p: string, base: string) => base === '' || p.startsWith(`${base}/`);
    for (const [k, state] of [...this.folders]) {
      const p = state.audit.rootPath;
      if (state.audit.folder.uri.toString() !== folderKey || p === audit.rootPath || !below(p, audit.rootPath))
        continue;
      if (nested.some((n) => p === n || p.startsWith(`${n}/`))) continue;
      this.disposeFolder(k, true);
    }
  }

  /** Watches a workspace folder for audit roots appearing or leaving and for `.gitignore` changes. */
  private watchFolder(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    if (this.folderWatchers.has(key)) return;
    const configs = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `**/${CONFIG_FILE}`));
    const ignores = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/.gitignore'));
    const onConfig = (uri: vscode.Uri, changed: boolean) => {
      const dir = vscode.Uri.joinPath(uri, '..');
      const root = [...this.folders.values()].find((s) => s.audit.root.toString() === dir.toString())?.audit;
      // An edited `.sopmaturity.yml` reloads its root; one that appears or leaves changes the roots: the whole folder
      // again.
      if (changed && root) this.debounce(`reload:${root.root}`, 200, () => void this.auditRoot(root));
      else this.debounce(`reload:${key}`, 200, () => void this.auditFolder(folder));
    };
    const onIgnore = (uri: vscode.Uri) => {
      const root = this.folderFor(uri);
      if (root) this.debounce(`reload:${root.root}`, 200, () => void this.auditRoot(root));
    };
    this.folderWatchers.set(key, [
      configs,
      configs.onDidCreate((u) => onConfig(u, false)),
      configs.onDidChange((u) => onConfig(u, true)),
      configs.onDidDelete((u) => onConfig(u, false)),
      ignores,
      ignores.onDidCreate(onIgnore),
      ignores.onDidChange(onIgnore),
      ignores.onDidDelete(onIgnore),
    ]);
  }

  private unwatchFolder(key: string): void {
    for (const d of this.folderWatchers.get(key) ?? []) d.dispose();
    this.folderWatchers.delete(key);
  }

  /** Replaces a folder's state with a freshly loaded audit and watches its files. */
  private install(audit: FolderAudit): void {
    const key = audit.root.toString();
    this.disposeFolder(key, false);
    // Documents edited while the load read their text: give the engine what the editor has now.
    for (const doc of vscode.workspace.textDocuments) {
      const rel = audit.relativePath(doc.uri);
      if (rel !== undefined && !doc.isClosed && audit.selects(rel) && audit.versionOf(rel) !== doc.version) {
        // A long text is parsed off the host's thread: the report is brought up to date when it arrives.
        const parsed = audit.updateText(rel, doc.getText(), doc.version);
        void this.idle.track(async () => {
          if (await parsed) this.scheduleRecompute(audit);
        });
      }
    }
    this.folders.set(key, { audit, watchers: this.watch(audit) });
  }

  private watch(audit: FolderAudit): vscode.Disposable[] {
    const pattern = (glob: string) => new vscode.RelativePattern(audit.root, glob);
    const markdown = vscode.workspace.createFileSystemWatcher(pattern(markdownGlob(audit.config)));
    // A deleted folder is reported once, for the folder itself, which a Markdown glob does not match.
    // A folder created or deleted with files in it is reported once, for the folder itself, which a Markdown glob does
    // not match.
    const folders = vscode.workspace.createFileSystemWatcher(pattern('**/*'), false, true, false);
    const owners = vscode.workspace.createFileSystemWatcher(pattern(`**/{${OWNER_FILE_NAMES.join(',')}}`));
    // The documentation site's files decide how links and index pages are read: a change re-audits the folder.
    // `.sopmaturity.yml` files are watched per workspace folder (they make roots).
    const settingsFiles = [...(audit.config.rubric ? [audit.config.rubric] : []), `{${SITE_FILES.join(',')}}`].map(
      (f) => vscode.workspace.createFileSystemWatcher(pattern(f)),
    );
    const reload = () => this.debounce(`reload:${audit.root}`, 200, () => void this.auditRoot(audit));
    return [
      markdown,
      markdown.onDidCreate((u) => this.onDiskChange(audit, u)),
      markdown.onDidChange((u) => this.onDiskChange(audit, u)),
      folders,
      folders.onDidCreate((u) => this.onDiskCreate(audit, u)),
      folders.onDidDelete((u) => this.onDiskDelete(audit, u)),
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
      if (typeof text === 'string') await audit.updateText(rel, text);
      else if ('error' in text) this.log.warn(`${rel}: ${text.error}`);
      this.scheduleRecompute(audit);
    });
  }

  /** A new folder (a copy, a checkout, a move): its Markdown files, which may have come without events of their own. */
  private async onDiskCreate(audit: FolderAudit, uri: vscode.Uri): Promise<void> {
    const rel = audit.relativePath(uri);
    if (rel === undefined || audit.leavesOut(rel)) return;
    await this.idle.track(async () => {
      const below = await audit.markdownBelow(rel);
      if (below.length === 0) return;
      for (const file of below) {
        if (openDocument(audit.uri(file))) continue;
        const text = await audit.readMarkdown(file);
        if (typeof text === 'string') await audit.updateText(file, text);
      }
      this.scheduleRecompute(audit);
    });
  }

  private onDiskDelete(audit: FolderAudit, uri: vscode.Uri): void {
    const rel = audit.relativePath(uri);
    if (rel === undefined) return;
    let changed = audit.remove(rel);
    if (isOwnerFile(rel)) {
      audit.setOwnerFile(rel, undefined);
      changed = true;
    }
    if (changed) this.scheduleRecompute(audit);
  }

  private async onOwnerFile(audit: FolderAudit, uri: vscode.Uri, deleted = false): Promise<void> {
    const rel = audit.relativePath(uri);
    if (rel === undefined || audit.leavesOut(rel)) return;
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
      if (typeof text === 'string') await target.audit.updateText(target.rel, text);
      this.scheduleRecompute(target.audit);
    });
  }

  /**
   * Gives the engine the editor's text of `document` and republishes its
   * folder: at once for a short text, when its facts arrive for a long one
   * (parsed off the host's thread; a newer text drops them and publishes).
   */
  refresh(document: vscode.TextDocument): void {
    const target = this.target(document);
    if (!target) return;
    this.cancelTimer(document.uri.toString());
    const started = Date.now();
    const { audit, rel } = target;
    const parsed = audit.updateText(rel, document.getText(), document.version);
    void this.idle.track(async () => {
      try {
        if (!(await parsed) || this.folders.get(audit.root.toString())?.audit !== audit) return;
        this.publish(audit);
        this.log.trace(`re-audited ${rel} (version ${document.version}) in ${Date.now() - started} ms`);
      } catch (err) {
        this.log.error(`update failed (${rel})`, err);
      }
    });
  }

  /** The folder audit and relative path of a document the audit reads, if any. */
  private target(document: vscode.TextDocument): { audit: FolderAudit; rel: string } | undefined {
    const audit = this.folderFor(document.uri);
    const rel = audit?.relativePath(document.uri);
    return audit && rel !== undefined && audit.selects(rel) ? { audit, rel } : undefined;
  }

  private onDidChangeConfiguration(e: vscode.ConfigurationChangeEvent): void {
    // Every workspace folder, audited or turned off: turning `enable` back on audits it.
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (AUDIT_SETTINGS.some((section) => e.affectsConfiguration(section, folder.uri))) {
        this.debounce(`reload:${folder.uri}`, 200, () => void this.auditFolder(folder));
      }
    }
  }

  private onDidChangeFolders(e: vscode.WorkspaceFoldersChangeEvent): void {
    for (const folder of e.removed) {
      const key = folder.uri.toString();
      for (const [k, state] of [...this.folders])
        if (state.audit.folder.uri.toString() === key) this.disposeFolder(k, true);
      this.unwatchFolder(key);
      this.disabled.delete(key);
    }
    if (e.added.length > 0) void this.enqueue([...e.added], false);
    this.fireCurrent();
  }

  private scheduleRecompute(audit: FolderAudit): void {
    this.debounce(`recompute:${audit.root}`, FS_COALESCE_MS, () => {
      if (this.folders.get(audit.root.toString())?.audit === audit) this.publish(audit);
    });
  }

  /** Recomputes a root's report, publishes its diagnostics (a silent root's: none) and notifies listeners. */
  private publish(audit: FolderAudit): Report {
    const report = audit.recompute();
    if (audit.silent) this.publisher.clear(audit.root);
    else this.publisher.publish(audit.root, report, audit.configErrors);
    this.publishEmitter.fire({ audit, report: audit.silent ? undefined : report });
    if (this.currentFolder() === audit) {
      this.reportEmitter.fire(report);
      this.changeEmitter.fire();
    }
    return report;
  }

  private fireCurrent(): void {
    const report = this.currentFolder()?.report;
    if (report) this.reportEmitter.fire(report);
    this.changeEmitter.fire();
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
    if (clearDiagnostics) this.publishEmitter.fire({ audit: state.audit, report: undefined });
  }

  dispose(): void {
    for (const source of this.runs) source.cancel();
    for (const key of [...this.timers.keys()]) this.cancelTimer(key);
    for (const key of [...this.folders.keys()]) this.disposeFolder(key, false);
    for (const key of [...this.folderWatchers.keys()]) this.unwatchFolder(key);
    for (const d of this.disposables) d.dispose();
  }
}

/** The state key of an audit root. */
function rootKey(folder: vscode.WorkspaceFolder, rootPath: string): string {
  return (rootPath === '' ? folder.uri : vscode.Uri.joinPath(folder.uri, ...rootPath.split('/'))).toString();
}

/** True when `uri` is `root` or lies below it. */
function contains(root: vscode.Uri, uri: vscode.Uri): boolean {
  if (uri.scheme !== root.scheme || uri.authority !== root.authority) return false;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path === root.path || uri.path.startsWith(base);
}
