/**
 * Report export: the same formatters as the CLI (`--format`), so a file
 * saved from the editor equals the one CI writes. Exported files are meant
 * to be shared, so they take the formatters' default: the audited folder by
 * its name, never the machine's absolute path (the CLI's `--absolute-paths`
 * has no counterpart here).
 */
import { formatHtml } from '../core/report/html';
import { formatJson } from '../core/report/json';
import { formatMarkdown } from '../core/report/markdown';
import { formatSarif } from '../core/report/sarif';
import type { Report } from '../core/report/types';

export type ExportFormat = 'json' | 'sarif' | 'markdown' | 'html';

export interface ExportSpec {
  format: ExportFormat;
  label: string;
  detail: string;
  /** File extension without the dot. */
  extension: string;
  render(report: Report): string;
}

/** The export formats, in quick pick order. */
export const EXPORTS: readonly ExportSpec[] = [
  {
    format: 'json',
    label: 'JSON',
    detail: 'The full report (schema version 1), for scripts and dashboards',
    extension: 'json',
    // A file a person opens: indented.
    render: (report) => formatJson(report, { pretty: true }),
  },
  {
    format: 'sarif',
    label: 'SARIF',
    detail: 'Findings for code scanning (GitHub, Azure DevOps)',
    extension: 'sarif',
    render: (report) => formatSarif(report, { pretty: true }),
  },
  {
    format: 'markdown',
    label: 'Markdown',
    detail: 'A summary for a pull request or a wiki page',
    extension: 'md',
    render: formatMarkdown,
  },
  { format: 'html', label: 'HTML', detail: 'A standalone page to share', extension: 'html', render: formatHtml },
];

/** The spec of a format id, or undefined for an unknown one. */
export function exportSpec(format: string): ExportSpec | undefined {
  return EXPORTS.find((e) => e.format === format);
}
