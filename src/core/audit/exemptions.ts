/** Exemptions that count: an exemption comment covers a check only with a reason and an expiry date within bounds. */
import type { Exemption, SopDocument } from '../parse/facts';
import type { Rubric } from '../rubric/types';
import { addDays } from '../dates';
import { reasonProblem } from '../parse/placeholders';

/** Words an exemption's reason needs at least (RUBRIC.md, "A level is earned, never clicked"). */
export const EXEMPTION_REASON_WORDS = 3;

/**
 * Why an exemption does not count as of the audit date, as the finding
 * says it, or undefined when it counts: it needs a reason of at least three
 * words that is not a placeholder (`<reason>`, `TBD`), and an expiry date
 * that is not past and no more than the rubric's `exemptionMaxDays`
 * (default 365) after the audit date.
 */
export function exemptionProblem(e: Exemption, asOf: string, rubric: Rubric): string | undefined {
  const latest = addDays(asOf, rubric.settings.exemptionMaxDays ?? 365);
  const until = e.until === undefined ? `, and end it with (until YYYY-MM-DD), no later than ${latest}` : '';
  const ask = `say in ${EXEMPTION_REASON_WORDS} words or more why this check does not apply to this document${until}`;
  switch (reasonProblem(e.reason, rubric, EXEMPTION_REASON_WORDS)) {
    case 'missing':
      return 'Exemption without a reason does not count: write `-- REASON (until YYYY-MM-DD)` after the check ids';
    case 'placeholder':
      return `Exemption reason "${e.reason}" is a placeholder, so the exemption does not count: ${ask}`;
    case 'short':
      return `Exemption reason "${e.reason}" is too short to count: ${ask}`;
  }
  if (e.until === undefined)
    return `Exemption without an expiry date does not count: end it with (until YYYY-MM-DD), no later than ${latest}`;
  if (e.until < asOf)
    return `Exemption expired on ${e.until}: fix the document or renew the exemption with a new reason and date`;
  if (e.until > latest)
    return `Exemption until ${e.until} runs too far ahead to count: set a date no later than ${latest} (${rubric.settings.exemptionMaxDays ?? 365} days after ${asOf}), and renew it then if it still applies`;
  return undefined;
}

/** True when an exemption of the document counts and covers the check as of the audit date. */
export function activeExemption(doc: SopDocument, checkId: string, asOf: string, rubric: Rubric): boolean {
  return doc.exemptions.some(
    (e) => (e.checks.length === 0 || e.checks.includes(checkId)) && exemptionProblem(e, asOf, rubric) === undefined,
  );
}
