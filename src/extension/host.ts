/**
 * The extension's implementation (bundled as dist/host.js): wires the audit
 * controller, diagnostics, quick fixes, status bar and panel, and gives the
 * shell (main.ts) the command handlers and the API. The shell loads it just
 * after activation, or at once when a command or a restored panel needs it.
 * Starting registers things only; the first audit runs a tick later.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SopCodeActionProvider } from './codeActions';
import { addOwner, ReviewCodeLensProvider } from './codeLens';
import { Commands } from './commands';
import { Command, EXTENSION_NAME } from './constants';
import { AuditController } from './controller';
import { DiagnosticsPublisher } from './diagnostics';
import { SopExplorer, uriOfArgument } from './explorer';
import { isGroupBy } from './explorerModel';
import type { ExportFormat } from './export';
import { history } from './history';
import { SopHoverProvider } from './kind';
import type { SopMaturityApi } from './main';
import { MaturityPanel, type PanelHost } from './panel';
import { ReviewHoverProvider, ReviewReminders } from './reviewReminders';
import { StatusBar } from './statusBar';

/** A command id contributed in package.json. */
export type CommandId = (typeof Command)[keyof typeof Command];

/** What the shell gets from a started host. */
export interface Host {
  /** The handler of every contributed command (the shell registers them, each once). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers take typed arguments (a Uri, a finding)
  readonly commands: Readonly<Record<CommandId, (...args: any[]) => unknown>>;
  readonly api: SopMaturityApi;
}

/** Markdown files the quick fixes apply to (any scheme would also match untitled and virtual files). */
const MARKDOWN_FILES: vscode.DocumentSelector = { language: 'markdown', scheme: 'file' };

/** Creates everything and schedules the first audit; every disposable goes into `context.subscriptions`. */
export function startHost(context: vscode.ExtensionContext): Host {
  const log = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  const publisher = new DiagnosticsPublisher();
  const controller = new AuditController(publisher, log);
  const commands = new Commands(controller, log);
  const status = new StatusBar();
  context.subscriptions.push(log, publisher, controller, status);

  const panelHost: PanelHost = {
    getReport: () => controller.getReport(),
    onDidChangeReport: controller.onDidChangeReport,
    openDocument: (path, line, column, besides) => commands.openDocument(path, line, column, besides),
    applyFixes: async (checkId) => void (await commands.fixAllWorkspace(checkId)),
    createSopForTrait: async (traitId) => void (await commands.newSop(traitId)),
    exportReport: async (format) => void (await commands.exportReport(format)),
    setKind: async (path, fix, besides) => {
      // Shown first, so the edit lands in an editor the user sees (and can undo there).
      await commands.openDocument(path, undefined, undefined, besides);
      await commands.setKind(fix, vscode.Uri.file(path));
    },
    getHistory: (onProgress, token) => history(controller.getReport()?.root, onProgress, token),
  };

  // No item until there is something to show: a root without procedures (a code project's README) stays silent.
  const updateStatus = () => status.update(controller.visibleReport(), controller.visibleRootName());
  context.subscriptions.push(
    controller.onDidChange(updateStatus),
    vscode.languages.registerCodeActionsProvider(
      MARKDOWN_FILES,
      new SopCodeActionProvider(controller),
      SopCodeActionProvider.metadata,
    ),
    vscode.languages.registerHoverProvider(MARKDOWN_FILES, new SopHoverProvider(controller)),
    MaturityPanel.registerSerializer(context, panelHost),
  );

  // The SOP explorer, the review reminders and the first-line CodeLens follow every published report.
  const explorer = new SopExplorer(controller, context.workspaceState);
  const reminders = new ReviewReminders();
  const lenses = new ReviewCodeLensProvider(controller);
  context.subscriptions.push(
    explorer,
    reminders,
    lenses,
    controller.onDidPublish(({ audit, report }) => {
      reminders.publish(audit, report);
      lenses.refresh();
    }),
    vscode.languages.registerCodeLensProvider(MARKDOWN_FILES, lenses),
    vscode.languages.registerHoverProvider(MARKDOWN_FILES, new ReviewHoverProvider(controller)),
  );

  // The first audit reads the whole repository: start it only after the current task (activation, or the
  // command that loaded the host) has returned. Until it starts, `whenIdle` must not report idle, hence the extra piece
  // of work.
  // A microtask, not a timer: the other extensions starting with the window would otherwise run first.
  const startup = controller.idle.begin();
  let disposed = false;
  queueMicrotask(() => {
    // In the background: progress in the status bar, never a notification for an audit nobody asked for.
    if (!disposed) void controller.startFirstAudit().then(updateStatus);
    startup();
  });
  context.subscriptions.push({
    dispose: () => {
      disposed = true;
      startup();
    },
  });
  log.info(`started (${vscode.workspace.workspaceFolders?.length ?? 0} workspace folders)`);

  /**
   * Says why a command has nothing to show (no folder, turned off, still auditing, no procedures); true when it did.
   */
  const explain = (): boolean => {
    const why = controller.nothingToShow();
    if (why) void vscode.window.showInformationMessage(why);
    return why !== undefined;
  };

  return {
    commands: {
      [Command.auditWorkspace]: () => controller.auditAll(),
      // `{ tab }` (optional, from code or a keybinding's args): the panel opens on that tab.
      [Command.openPanel]: (arg?: unknown) => {
        // The panel still opens (it lists what it found and why nothing counts); the message says why it is empty.
        explain();
        const tab = typeof arg === 'object' && arg !== null ? (arg as { tab?: unknown }).tab : undefined;
        return MaturityPanel.createOrShow(
          context,
          panelHost,
          typeof tab === 'string' ? { type: 'reveal', tab } : undefined,
        );
      },
      // A URI (CodeLens, quick fix, panel), a row of the SOP explorer, or nothing: the active editor's document.
      [Command.markReviewed]: (arg?: unknown) => commands.markReviewed(uriOfArgument(arg)),
      [Command.newSop]: (traitId?: string) => commands.newSop(typeof traitId === 'string' ? traitId : undefined),
      [Command.exportReport]: (format?: ExportFormat) =>
        explain() ? undefined : commands.exportReport(typeof format === 'string' ? format : undefined),
      [Command.showLog]: () => log.show(),
      [Command.fixAllWorkspace]: (checkId?: string) =>
        controller.audits().length === 0 && explain()
          ? false
          : commands.fixAllWorkspace(typeof checkId === 'string' ? checkId : undefined),
      [Command.moveToCentral]: (uri: vscode.Uri, target: string) => commands.moveToCentral(uri, target),
      [Command.exemptDocument]: (uri: vscode.Uri, checks: string[], check?: string) =>
        commands.exemptDocument(uri, checks, check),
      [Command.treatAsSop]: (uri?: vscode.Uri | string) => commands.setKind('treat-as-sop', uri),
      [Command.notAnSop]: (uri?: vscode.Uri | string) => commands.setKind('not-an-sop', uri),
      // Resolves to the groups shown (the end-to-end tests read the tree through it).
      [Command.explorerGroupBy]: async (by?: unknown) => {
        const chosen = await explorer.chooseGrouping(isGroupBy(by) ? by : undefined);
        return chosen && { groupBy: chosen, groups: explorer.snapshot(), badge: explorer.badge };
      },
      [Command.openProcedure]: async (arg?: unknown) => {
        const uri = uriOfArgument(arg);
        if (uri) await vscode.window.showTextDocument(uri, { preview: true });
      },
      [Command.openInPanel]: async (arg?: unknown) => {
        const uri = uriOfArgument(arg);
        // The panel shows the document's details (when the report it shows holds the document).
        const root = panelHost.getReport()?.root;
        const rel = uri && root ? path.relative(root, uri.fsPath).split(path.sep).join('/') : undefined;
        const inside = rel !== undefined && rel !== '' && !rel.startsWith('../') && !path.isAbsolute(rel);
        MaturityPanel.createOrShow(context, panelHost, inside ? { type: 'reveal', path: rel } : undefined);
        // The document next to the panel, so its diagnostics and the panel are both in view.
        if (uri) await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
      },
      [Command.addOwner]: (uri?: unknown) => {
        const target = uriOfArgument(uri) ?? vscode.window.activeTextEditor?.document.uri;
        return target ? addOwner(controller, target) : false;
      },
    },
    api: {
      getReport: (folder) => controller.getReport(folder && 'uri' in folder ? folder.uri : folder),
      whenIdle: () => controller.idle.whenIdle(),
      statusText: () => status.text,
      statusVisible: () => status.visible,
      timings: () => ({ firstAudit: controller.firstAudit }),
    },
  };
}
