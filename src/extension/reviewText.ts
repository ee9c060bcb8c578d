/**
 * The words of the review reminders in the document, without `vscode`: the
 * CodeLens on a procedure's first line, the "Review due in N days"
 * diagnostic, and the hovers on the owner and review keys. All of them read
 * the report's review queue (`report.reviews`), never decide anything.
 */
import type { DocumentReport, Report, ReviewItem, ReviewsReport } from '../core/report/types';
import { plural } from './explorerModel';

/** The diagnostic code of the review reminder (it is not a finding: no check, no level). */
export const REVIEW_DUE_CODE = 'review-due';

/** One CodeLens of the first line: a title, and the action it runs (none: words only). */
export interface LensPart {
  title: string;
  action?: 'mark-reviewed' | 'add-owner';
}

const byReport = new WeakMap<ReviewsReport, Map<string, ReviewItem>>();

/** The review item of a path (indexed once per report). */
export function reviewItem(report: Report | undefined, path: string): ReviewItem | undefined {
  const reviews = report?.reviews;
  if (!reviews) return undefined;
  let index = byReport.get(reviews);
  if (!index) {
    index = new Map(reviews.items.map((i) => [i.path, i]));
    byReport.set(reviews, index);
  }
  return index.get(path);
}

/** "Priya N. (Service desk manager)" → "Priya N.": the lens names the person, the hover says the rest. */
export function shortOwner(owner: string): string {
  const short = owner.replace(/\s*\([^()]*\)\s*$/, '').trim();
  return short === '' ? owner : short;
}

/**
 * The lenses of a procedure's first line: "Owner: Priya N. · reviewed 2026-09-14 · next review 2027-03-14" and
 * "Mark reviewed"; "No owner" and "Add owner" when it has none.
 */
export function lensParts(doc: Pick<DocumentReport, 'owner' | 'reviewed'>, item: ReviewItem | undefined): LensPart[] {
  const owner = item ? item.owner : (doc.owner ?? null);
  const words: string[] = [];
  if (owner !== null) words.push(`Owner: ${shortOwner(owner)}`);
  const last = item ? item.lastReviewed : (doc.reviewed ?? null);
  words.push(last ? `reviewed ${last}` : 'never reviewed');
  if (item?.due) {
    const late = item.state === 'overdue' && item.days !== null ? ` (${plural(item.days, 'day')} late)` : '';
    words.push(`next review ${item.due}${late}`);
  }
  const parts: LensPart[] = [];
  if (owner === null) parts.push({ title: 'No owner' }, { title: 'Add owner', action: 'add-owner' });
  parts.push({ title: words.join(' · ') }, { title: 'Mark reviewed', action: 'mark-reviewed' });
  return parts;
}

/** The reminder's message inside the review window ("Review due in 12 days"), else undefined. */
export function reminderMessage(item: ReviewItem | undefined): string | undefined {
  if (item?.state !== 'due-soon' || item.days === null) return undefined;
  const when = item.days <= 0 ? 'today' : `in ${plural(item.days, 'day')}`;
  return `Review due ${when}${item.due ? ` (${item.due})` : ''}`;
}

const SOURCE_WORDS: Record<string, string> = {
  'front-matter': 'the front-matter key',
  body: 'the line',
  codeowners: 'CODEOWNERS',
  'owners-file': 'the owners file',
};

/** Where the owner came from, in Markdown ("from the front-matter key `owner`"). */
export function ownerHover(item: Pick<ReviewItem, 'owner' | 'ownerSource' | 'ownerOrigin'>): string {
  if (item.owner === null) return '**No owner**: nobody is accountable for this procedure (a placeholder is no owner).';
  const source = item.ownerSource ? SOURCE_WORDS[item.ownerSource] : undefined;
  const origin = item.ownerOrigin ? ` \`${item.ownerOrigin.replace(/`/g, "'")}\`` : '';
  const from =
    item.ownerSource === 'codeowners'
      ? ` from CODEOWNERS${origin ? ` (rule${origin})` : ''}`
      : source
        ? ` from ${source}${origin}`
        : '';
  return `**Owner:** ${escapeMarkdown(item.owner)}${from}.`;
}

/** When the last review was and when the next one is due, in Markdown. */
export function reviewHover(item: ReviewItem, within: number): string {
  const last = item.lastReviewed ? `Last reviewed ${item.lastReviewed}.` : 'Never reviewed.';
  if (!item.due) return `${last} No next review date: add the date of a review to start the cycle.`;
  const from = item.dueFrom === 'document' ? "the document's own review interval" : "the rubric's review age";
  const days = item.days ?? 0;
  const when =
    item.state === 'overdue'
      ? `**overdue by ${plural(days, 'day')}**`
      : item.state === 'due-soon'
        ? `due ${days <= 0 ? 'today' : `in ${plural(days, 'day')}`} (inside the ${within}-day review window)`
        : `in ${plural(days, 'day')}`;
  return `${last} Next review due **${item.due}** (from ${from}): ${when}.`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}
