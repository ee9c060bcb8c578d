// What the end-to-end tests need from the running extension: its id and the API
// `activate` returns (a narrow view of it, so the tests do not reach into internals).
import * as vscode from 'vscode';
import type { Report } from '../../src/core/report/types';
import type { AuditTimings } from '../../src/extension/main';

export const EXTENSION_ID = 'sop-maturity.sop-maturity';

/** The value `activate` resolves to. */
export interface SopMaturityApi {
  /** The report of a workspace folder, or of the audit root that contains a URI; else of the current root. */
  getReport(folder?: vscode.WorkspaceFolder | vscode.Uri): Report | undefined;
  whenIdle(): Promise<void>;
  statusText(): string;
  statusVisible(): boolean;
  timings(): AuditTimings;
}

/** Activates the extension (if it is not yet) and returns its API. */
export async function activateExtension(): Promise<SopMaturityApi> {
  const ext = vscode.extensions.getExtension<SopMaturityApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return ext.activate();
}

/** Polls `probe` until it returns a truthy value: diagnostics are published asynchronously. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
