/** The report as JSON: the contract of DESIGN.md, unchanged, indented by two spaces. */
import type { Report } from '../../core/types';

/** Serialises the report exactly as the core produced it; ends with a line break. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
