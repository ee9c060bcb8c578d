/**
 * Entry point: wires the audit controller, diagnostics, quick fixes,
 * commands, status bar and panel. Activation only registers things; the
 * first audit is scheduled to run after `activate` has returned.
 */
import * as vscode from 'vscode';
import type { Report } from '../core/types';
import { SopCodeActionProvider } from './codeActions';
import { Commands } from './commands';
import { Command, EXTENSION_NAME } from './constants';
import { AuditController } from './controller';
import { DiagnosticsPublisher } from './diagnostics';
import type { ExportFormat } from './export';
import { MaturityPanel, type PanelHost } from './panel';
import { StatusBar } from './statusBar';
import { history } from './history';

/** What `activate` returns: the hooks the end-to-end tests drive the extension through. */
export interface SopMaturityApi {
  /** The latest report of a workspace folder (or of the folder containing a URI), else of the current folder. */
  getReport(folder?: vscode.WorkspaceFolder | vscode.Uri): Report | undefined;
  /** Resolves when no audit, debounce or file-system update is pending. */
  whenIdle(): Promise<void>;
  /** The status bar text. */
  statusText(): string;
}

/** Markdown files the quick fixes apply to (any scheme would also match untitled and virtual files). */
const MARKDOWN_FILES: vscode.DocumentSelector = { language: 'markdown', scheme: 'file' };

export function activate(context: vscode.ExtensionContext): SopMaturityApi {
  const log = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  const publisher = new DiagnosticsPublisher();
  const controller = new AuditController(publisher, log);
  const commands = new Commands(controller, log);
  const status = new StatusBar();
  context.subscriptions.push(log, publisher, controller, status);

  const host: PanelHost = {
    getReport: () => controller.getReport(),
    onDidChangeReport: controller.onDidChangeReport,
    openDocument: (path, line, column) => commands.openDocument(path, line, column),
    applyFixes: async (checkId) => void (await commands.fixAllWorkspace(checkId)),
    createSopForTrait: async (traitId) => void (await commands.newSop(traitId)),
    exportReport: async (format) => void (await commands.exportReport(format)),
    getHistory: (onProgress, token) => history(controller.getReport()?.root, onProgress, token),
  };

  const updateStatus = () => status.update(controller.getReport(), controller.busy);
  context.subscriptions.push(
    controller.onDidChangeReport(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.languages.registerCodeActionsProvider(MARKDOWN_FILES, new SopCodeActionProvider(controller), SopCodeActionProvider.metadata),
    MaturityPanel.registerSerializer(context, host),
    vscode.commands.registerCommand(Command.auditWorkspace, () => controller.auditAll()),
    vscode.commands.registerCommand(Command.openPanel, () => MaturityPanel.createOrShow(context, host)),
    vscode.commands.registerCommand(Command.markReviewed, (uri?: vscode.Uri) => commands.markReviewed(uri)),
    vscode.commands.registerCommand(Command.newSop, (traitId?: string) => commands.newSop(typeof traitId === 'string' ? traitId : undefined)),
    vscode.commands.registerCommand(Command.exportReport, (format?: ExportFormat) => commands.exportReport(typeof format === 'string' ? format : undefined)),
    vscode.commands.registerCommand(Command.showLog, () => log.show()),
    vscode.commands.registerCommand(Command.fixAllWorkspace, (checkId?: string) => commands.fixAllWorkspace(typeof checkId === 'string' ? checkId : undefined)),
    vscode.commands.registerCommand(Command.moveToCentral, (uri: vscode.Uri, target: string) => commands.moveToCentral(uri, target)),
  );

  // The first audit reads the whole repository: start it only after activation has returned.
  // Until it starts, `whenIdle` must not report idle, hence the extra piece of work.
  const startup = controller.idle.begin();
  const first = setTimeout(() => {
    void controller.auditAll().then(updateStatus);
    startup();
  }, 0);
  context.subscriptions.push({
    dispose: () => {
      clearTimeout(first);
      startup();
    },
  });
  log.info(`activated (${vscode.workspace.workspaceFolders?.length ?? 0} workspace folders)`);

  return {
    getReport: (folder) => controller.getReport(folder && 'uri' in folder ? folder.uri : folder),
    whenIdle: () => controller.idle.whenIdle(),
    statusText: () => status.text,
  };
}
