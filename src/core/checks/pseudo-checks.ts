/**
 * Pseudo-checks: the ids of findings that no rubric check makes. They count
 * at no level and cannot be exempted, but are documented like checks (a
 * section of the check documentation under their id), and the configuration's
 * `severity` overrides them like checks.
 */
import type { Severity } from '../rubric/types';

export const PSEUDO_CHECK_IDS = ['front-matter', 'file', 'exemption'] as const;
export type PseudoCheckId = (typeof PSEUDO_CHECK_IDS)[number];

export interface PseudoCheck {
  id: PseudoCheckId;
  title: string;
  /** The severity of its findings unless the configuration overrides it. */
  severity: Severity;
}

export const PSEUDO_CHECKS: Readonly<Record<PseudoCheckId, PseudoCheck>> = {
  /** The front matter could not be read, or a key is written twice. */
  'front-matter': { id: 'front-matter', title: 'Readable front matter', severity: 'error' },
  /** The file was not audited: too large, too slow to parse, NUL bytes, not valid in its encoding, unreadable. */
  file: { id: 'file', title: 'Audited file', severity: 'warning' },
  /** An exemption comment that does not count (no reason or a placeholder, no date or too far ahead, expired). */
  exemption: { id: 'exemption', title: 'Exemption that counts', severity: 'warning' },
};
