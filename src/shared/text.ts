/** Small wording helpers shared by the CLI formatters and the panel (browser-safe: no imports). */

/** A 0..1 share as a whole percentage ("83%"). */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "1 document" / "3 documents". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
