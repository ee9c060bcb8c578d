/**
 * Maturity over time for the panel: the core's git history engine (the same
 * one as `sop-maturity history`), run in the background with progress and
 * cancellation, and kept per repository state so that reopening the panel
 * does not audit every sampled commit again.
 */
import type * as vscode from 'vscode';
import { computeHistory } from '../node/history';
import type { HistoryResult } from '../shared/protocol';
import { git } from '../node/git';

const cache = new Map<string, HistoryResult>();

/** Monthly samples over the last year of the repository holding `root`. */
export async function history(
  root: string | undefined,
  onProgress: (done: number, total: number) => void,
  token: vscode.CancellationToken,
): Promise<HistoryResult> {
  if (!root) return { available: false, reason: 'No audit yet: open a folder with Markdown SOPs first.' };
  const head = await git(root, ['rev-parse', 'HEAD']).catch(() => '');
  const key = `${root}\u0000${head.trim()}`;
  const known = cache.get(key);
  if (known) return known;
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  try {
    const points = await computeHistory({ root, every: 'month', since: '12.months', onProgress, signal: abort.signal });
    const result: HistoryResult = Array.isArray(points)
      ? {
          available: true,
          points: points.map((p) => ({
            date: p.date,
            commit: p.commit,
            overall: p.overall,
            documentation: p.documentation,
            process: p.process,
          })),
        }
      : { available: false, reason: points.unavailable };
    cache.set(key, result);
    return result;
  } finally {
    sub.dispose();
  }
}
