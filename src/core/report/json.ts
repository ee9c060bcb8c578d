/**
 * The report as JSON: the contract of DESIGN.md, on one line by default (the smallest file: indenting a report of
 * 10,000 documents adds half its size), indented by two spaces with `pretty`. By default `root` is the audited
 * folder's name (see shareable.ts); with `absolutePaths` it is the absolute path the engine audited.
 */
import type { Report } from './types';
import { shareableReport, type PathOptions } from './shareable';

/** How a JSON report (or SARIF log) is written. */
export interface JsonOptions extends PathOptions {
  /** Indent by two spaces; default: one line. */
  pretty?: boolean;
}

/** `value` as JSON text, indented by two spaces when `pretty`; ends with a line break. */
export function jsonText(value: unknown, pretty = false): string {
  return `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`;
}

/** Serialises the report as the core produced it, its paths made shareable unless asked; ends with a line break. */
export function formatJson(report: Report, options: JsonOptions = {}): string {
  return jsonText(options.absolutePaths ? report : shareableReport(report), options.pretty);
}
