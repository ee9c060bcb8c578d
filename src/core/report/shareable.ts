/**
 * Reports are shared: pasted into pull requests, uploaded to code scanning,
 * attached to tickets. The engine knows the audited folder by its absolute
 * path, which names the machine's user and layout and means nothing to a
 * reader elsewhere, so every report format names the folder only (its last
 * segment), and the JSON and SARIF reports write the absolute path only when
 * the user asks for it (`--absolute-paths`). Paths inside the report are
 * already relative to the audited folder.
 */
import type { Report } from './types';

/** Whether a report may carry the machine's absolute paths. */
export interface PathOptions {
  /** Keep the absolute root (JSON `root`, SARIF `originalUriBaseIds`); default false. */
  absolutePaths?: boolean;
}

/** True for `/x`, `C:\x`, `C:/x` and `\\server\share`: paths that only mean something on one machine. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** The audited folder's name ("ops-docs" for `/srv/acme/ops-docs`); "." when the root has no name (`/`). */
export function rootName(root: string): string {
  const name =
    root
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  return name === '' || /^[A-Za-z]:$/.test(name) ? '.' : name;
}

/**
 * A file path fit to share: relative to the audited root when it lies
 * inside it, else its file name; relative paths and `builtin` as they are.
 */
export function shareablePath(path: string, root: string): string {
  if (!isAbsolutePath(path)) return path;
  const base = root.replace(/[\\/]+$/, '');
  if (base !== '' && path.startsWith(base) && /^[\\/]/.test(path.slice(base.length))) {
    return path.slice(base.length + 1).replace(/\\/g, '/');
  }
  return path.split(/[\\/]/).pop() || path;
}

/**
 * The report with the folder's name as its root and the rubric's source made shareable; the rest is shared, not copied.
 */
export function shareableReport(report: Report): Report {
  return {
    ...report,
    root: rootName(report.root),
    rubric: { ...report.rubric, source: shareablePath(report.rubric.source, report.root) },
  };
}
