/** One entry point for every report format the CLI writes. */
import type { Report } from '../../core/report/types';
import type { Format } from '../args';
import { formatBadge } from './badge';
import { formatHtml } from '../../core/report/html';
import { formatJson } from '../../core/report/json';
import { formatMarkdown } from '../../core/report/markdown';
import { formatSarif } from '../../core/report/sarif';
import type { JsonOptions } from '../../core/report/json';
import { formatText, type TextOptions } from './text';

/**
 * Renders `report` in `format`; `text` options apply to the text format
 * only, `paths` (and `pretty`) to JSON and SARIF (the other formats name only the folder).
 */
export function formatReport(report: Report, format: Format, text: TextOptions, paths: JsonOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(report, text);
    case 'json':
      return formatJson(report, paths);
    case 'sarif':
      return formatSarif(report, paths);
    case 'markdown':
      return formatMarkdown(report);
    case 'html':
      return formatHtml(report);
    case 'badge':
      return formatBadge(report);
  }
}
