/**
 * The report as JSON: the contract of DESIGN.md, indented by two spaces. By
 * default `root` is the audited folder's name (see shareable.ts); with
 * `absolutePaths` it is the absolute path the engine audited.
 */
import type { Report } from './types';
import { shareableReport, type PathOptions } from './shareable';

/** Serialises the report as the core produced it, its paths made shareable unless asked; ends with a line break. */
export function formatJson(report: Report, options: PathOptions = {}): string {
  return `${JSON.stringify(options.absolutePaths ? report : shareableReport(report), null, 2)}\n`;
}
