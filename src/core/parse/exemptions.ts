/**
 * Exemption comments: `<!-- sop-maturity-disable CHECK-ID ... -- REASON
 * (until YYYY-MM-DD) -->`, read into `SopDocument.exemptions` (or
 * `badExemptions` when the date is not one).
 */
import type { Exemption, SopDocument } from './facts';
import type { Range } from '../position';
import { parseDate } from '../dates';

/** An exemption comment anywhere in raw HTML; group 1 is its body. */
export const EXEMPTION = /<!--\s*sop-maturity-disable\b([\s\S]*?)-->/g;

/**
 * `<!-- sop-maturity-disable CHECK-ID ... -- REASON (until YYYY-MM-DD) -->`:
 * no ids means every check; a reason is required; the date is optional.
 */
export function readExemption(doc: SopDocument, body: string, range: Range): void {
  const sep = body.search(/\s--(\s|$)/);
  const idsPart = sep >= 0 ? body.slice(0, sep) : body;
  let rest = sep >= 0 ? body.slice(sep).replace(/^\s--/, '') : '';
  let until: string | undefined;
  const u = /\(\s*until\s+([^)]*?)\s*\)\s*$/i.exec(rest);
  if (u) {
    until = parseDate(u[1]);
    rest = rest.slice(0, u.index);
    if (!until) {
      doc.badExemptions.push({ range, message: `exemption date "${u[1]}" is not a date: write (until YYYY-MM-DD)` });
      return;
    }
  }
  const checks = idsPart
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const reason = rest.trim();
  const ex: Exemption = { checks, range, until };
  if (reason) ex.reason = reason;
  doc.exemptions.push(ex);
}
