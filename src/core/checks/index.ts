/**
 * The registry of checks, and of the pseudo-checks whose findings no check
 * makes. Every check id a rubric names must be here; a test keeps the
 * rubric and the registry in step.
 */
import type { Rubric } from '../rubric/types';
import type { Check } from './check';
import { sopPresent } from './sop-present';
import { owner } from './owner';
import { procedure } from './procedure';
import { recurringCoverage, assuranceCoverage } from './coverage';
import { centralLocation } from './central-location';
import { kbIndex } from './kb-index';
import { category } from './category';
import { requiredSections } from './required-sections';
import { checklist } from './checklist';
import { reviewDate } from './review-date';
import { links } from './links';
import { verification } from './verification';
import { prerequisites } from './prerequisites';
import { automation } from './automation';
import { metrics } from './metrics';
import { oneVersion } from './one-version';

export { PSEUDO_CHECKS, PSEUDO_CHECK_IDS, type PseudoCheck, type PseudoCheckId } from './pseudo-checks';

export const CHECKS: readonly Check[] = [
  sopPresent,
  owner,
  procedure,
  recurringCoverage,
  centralLocation,
  kbIndex,
  category,
  requiredSections,
  checklist,
  reviewDate,
  links,
  verification,
  assuranceCoverage,
  prerequisites,
  automation,
  metrics,
  oneVersion,
];

const BY_ID = new Map(CHECKS.map((c) => [c.id, c]));

/** The check with an id, or undefined. */
export function getCheck(id: string): Check | undefined {
  return BY_ID.get(id);
}

/** Every registered check id. */
export const CHECK_IDS: ReadonlySet<string> = new Set(BY_ID.keys());

/**
 * Where a check or pseudo-check is documented: the rubric's `docsUrl` with
 * `{id}` replaced by its id (the anchor of its section in docs/checks.md for
 * the default rubric).
 */
export function docsUrl(rubric: Pick<Rubric, 'docsUrl'>, id: string): string {
  return rubric.docsUrl.replace('{id}', id);
}
