/**
 * Entry point (dist/extension.js): a small shell, so that activation costs
 * a few milliseconds instead of compiling the engine. It registers every
 * contributed command at once and loads the implementation (host.ts, bundled
 * as dist/host.js with the engine) right after `activate` has returned, or
 * sooner when a command needs it. It imports nothing heavy: `vscode`,
 * `node:path` and the constants, and only types from the rest.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Report } from '../core/report/types';
import { Command, EXTENSION_NAME } from './constants';
import type { FirstAudit } from './controller';
import type { Host, startHost } from './host';

/** What `activate` returns: the hooks the end-to-end tests drive the extension through. */
export interface SopMaturityApi {
  /** The latest report of a workspace folder (or of the folder containing a URI), else of the current folder. */
  getReport(folder?: vscode.WorkspaceFolder | vscode.Uri): Report | undefined;
  /** Resolves when the host has started and no audit, debounce or file-system update is pending. */
  whenIdle(): Promise<void>;
  /** The status bar text. */
  statusText(): string;
  /** True while the status bar item is shown (never for a root with nothing to show). */
  statusVisible(): boolean;
  /** When the extension activated, and what its first audit cost (for the bench and the end-to-end tests). */
  timings(): AuditTimings;
}

/** What the first audit of the window cost. */
export interface AuditTimings {
  /** `Date.now()` when `activate` was called. */
  activatedAt?: number;
  firstAudit?: FirstAudit;
}

/** The host bundle, next to this one; a computed path, so that esbuild leaves it out of this bundle. */
const HOST_BUNDLE = path.join(__dirname, 'host.js');

export function activate(context: vscode.ExtensionContext): SopMaturityApi {
  const activatedAt = Date.now();
  let host: Host | undefined;
  let failure: unknown;
  let settle!: { resolve(host: Host): void; reject(error: unknown): void };
  const ready = new Promise<Host>((resolve, reject) => (settle = { resolve, reject }));
  ready.catch(() => undefined); // a failure is reported where it happens; `whenIdle` still rejects with it

  /** The started host: loads and starts it on first use (synchronously, so a command never waits a tick). */
  const load = (): Host => {
    if (host) return host;
    if (failure !== undefined) throw failure;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- dist/host.js, loaded on first use
      const { startHost: start } = require(HOST_BUNDLE) as { startHost: typeof startHost };
      host = start(context);
    } catch (error) {
      failure = error ?? new Error(`${EXTENSION_NAME} failed to start`);
      settle.reject(failure);
      throw failure;
    }
    settle.resolve(host);
    return host;
  };

  for (const id of Object.values(Command)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => load().commands[id](...args)),
    );
  }

  // After activation has returned: activation events (opening a Markdown file) do not wait for the engine.
  const deferred = setImmediate(() => {
    try {
      load();
    } catch (error) {
      console.error(`[${EXTENSION_NAME}] failed to start`, error);
      void vscode.window.showErrorMessage(
        `${EXTENSION_NAME} failed to start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  context.subscriptions.push({
    dispose: () => {
      clearImmediate(deferred);
      if (host || failure !== undefined) return;
      failure = new Error(`${EXTENSION_NAME} was deactivated before it started`);
      settle.reject(failure);
    },
  });

  return {
    getReport: (folder) => host?.api.getReport(folder),
    whenIdle: async () => (await ready).api.whenIdle(),
    statusText: () => host?.api.statusText() ?? '',
    statusVisible: () => host?.api.statusVisible() ?? false,
    timings: () => ({ ...host?.api.timings(), activatedAt }),
  };
}
