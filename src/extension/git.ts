/**
 * What the built-in git extension can tell us: the last author of a file
 * (an owner suggestion). The git extension may be disabled, still starting, or the folder may
 * not be a repository: every call resolves to undefined then, never throws.
 */
import * as vscode from 'vscode';
import { GIT_EXTENSION_ID } from './constants';

/** The few members of the git extension's API (`git.d.ts`, version 1) used here. */
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitRepository {
  log(options?: { maxEntries?: number; path?: string }): Promise<{ authorName?: string; authorEmail?: string }[]>;
}
interface GitExtension {
  enabled: boolean;
  getAPI(version: 1): GitApi;
}

const TIMEOUT_MS = 2000;

async function repositoryFor(uri: vscode.Uri): Promise<GitRepository | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>(GIT_EXTENSION_ID);
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports?.enabled) return undefined;
  return exports.getAPI(1).getRepository(uri) ?? undefined;
}

/** Name of the last commit author of `uri`, if git knows it. */
export async function lastAuthor(uri: vscode.Uri): Promise<string | undefined> {
  return guarded(async () => {
    const repo = await repositoryFor(uri);
    const commits = await repo?.log({ maxEntries: 1, path: uri.fsPath });
    return commits?.[0]?.authorName?.trim() || undefined;
  });
}

/** Runs `task`, turning errors and slowness (a code action must not hang on git) into undefined. */
async function guarded<T>(task: () => Promise<T | undefined>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), TIMEOUT_MS);
  });
  try {
    return await Promise.race([task().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
