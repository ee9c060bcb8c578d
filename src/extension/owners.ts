/**
 * Owner suggestions for the "add owner" quick fix, best first: whoever
 * CODEOWNERS/OWNERS already names for the file, the most common owner of the
 * sibling documents, and the last git author. Plain data in, plain data out.
 */
import type { OwnerSource } from '../core/parse/facts';
import { mostCommonSibling, type PathValue } from './siblings';

/** Where a suggested owner comes from. */
export type SuggestionSource = 'codeowners' | 'owners-file' | 'siblings' | 'git';

export interface OwnerSuggestion {
  owner: string;
  source: SuggestionSource;
  /** Quick fix title. */
  title: string;
}

export interface OwnerInput {
  /** The document, relative to the report root. */
  path: string;
  /** The owner the report resolved for the document, if any (see `DocumentReport.owner*`). */
  resolved?: { owner: string; source: OwnerSource; origin?: string };
  /** Real (non-placeholder) owners of the other documents. */
  owners: readonly PathValue[];
  /** Name of the last author of the file, when the git extension knows it. */
  gitAuthor?: string;
}

/**
 * The owners to offer, deduplicated, best first. A rules-file owner comes
 * first because the repository already says so; an owner written in the
 * document itself is not offered (the finding then is about its value).
 */
export function ownerSuggestions(input: OwnerInput): OwnerSuggestion[] {
  const out: OwnerSuggestion[] = [];
  const add = (owner: string | undefined, source: SuggestionSource, title: string) => {
    const value = owner?.trim();
    if (value && !out.some((s) => s.owner.toLowerCase() === value.toLowerCase()))
      out.push({ owner: value, source, title });
  };
  const r = input.resolved;
  if (r && (r.source === 'codeowners' || r.source === 'owners-file')) {
    add(
      r.owner,
      r.source,
      `Add owner "${r.owner}" (from ${r.origin ?? (r.source === 'codeowners' ? 'CODEOWNERS' : 'OWNERS')})`,
    );
  }
  const sibling = mostCommonSibling(input.path, input.owners);
  add(sibling, 'siblings', `Add owner "${sibling}" (most common in this folder)`);
  add(input.gitAuthor, 'git', `Add owner "${input.gitAuthor}" (last git author)`);
  return out;
}
