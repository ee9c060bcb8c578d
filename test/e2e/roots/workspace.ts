// The fixture workspace's folders and the extension as the window started it. Not a test file.
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor, type SopMaturityApi } from '../api';
import { EXTENSION_NAME } from '../../../src/extension/constants';

export function folder(name: 'sops' | 'plain'): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  if (!found) throw new Error(`workspace folder ${name} is not open`);
  return found;
}

export function uriIn(name: 'sops' | 'plain', rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(name).uri, ...rel.split('/'));
}

/** The extension's API once the window has activated it by itself (a test never calls `activate`). */
export async function started(): Promise<SopMaturityApi> {
  const ext = vscode.extensions.getExtension<SopMaturityApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  await waitFor('the extension to activate on its own', () => ext.isActive, 60_000);
  const api = ext.exports;
  await api.whenIdle();
  return api;
}

/** Our diagnostics in files below `name` (optionally below a sub-path of it), as "path: check@line". */
export function diagnosticsIn(name: 'sops' | 'plain', under = ''): string[] {
  const base = `${uriIn(name, under).path.replace(/\/$/, '')}/`;
  const out: string[] = [];
  for (const [uri, all] of vscode.languages.getDiagnostics()) {
    if (!uri.path.startsWith(base)) continue;
    for (const d of all.filter((x) => x.source === EXTENSION_NAME)) {
      const check = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
      out.push(`${uri.path.slice(base.length)}: ${check}@${d.range.start.line + 1}`);
    }
  }
  return out.sort();
}
