import type { SopDocument } from '../parse/facts';
import type { TextEdit } from '../position';
import type { Fix, FixContext } from './fix';
import { findEntry } from '../parse/parse';
import { addDays, daysBetween, parseDate } from '../dates';
import { frontMatterBlocker, setKey, verified, yamlScalar } from './edits';

/**
 * `mark-reviewed`: today as the last review date, in the form the document
 * already writes it; a next review already due moves on by the same
 * interval. Only with `today` (a person's statement): a pinned `asOf` is
 * never a review date.
 */
export const markReviewed: Fix = {
  id: 'mark-reviewed',
  class: 'statement',
  title: 'Mark as reviewed today',
  edits(ctx) {
    const today = ctx.today;
    if (!today) return [];
    const holds = (d: SopDocument) =>
      d.review?.date === today && !(d.review.nextReview && d.review.nextReview <= today) && !d.frontMatter?.error;
    return verified(ctx, reviewedEdits(ctx, today), holds);
  },
  blocker: frontMatterBlocker,
};

function reviewedEdits(ctx: FixContext, today: string): TextEdit[] {
  const { doc } = ctx;
  const r = doc.review;
  const fm = doc.frontMatter;
  if (fm?.error) return [];
  let value = today;
  if (r && /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(r.raw.trim())) {
    const [y, m, d] = today.split('-');
    value = `${m}/${d}/${y}`;
  }
  const edits = setKey(ctx, 'reviewed', value);
  // A declared next review that is already past would keep the document failing: move it on by the same interval.
  const next = fm ? findEntry(fm.entries, ctx.rubric, 'nextReview') : undefined;
  const due = next ? parseDate(next.value) : undefined;
  if (fm && next && (due === undefined || due <= today)) {
    // Same interval as before when it is known, else half a year.
    const interval = r?.date && due && due > r.date ? daysBetween(r.date, due) : 182;
    const day = addDays(today, interval);
    const { start, end } = next.valueRange;
    edits.push({ start: start.offset, end: end.offset, newText: fm.format === 'toml' ? day : yamlScalar(day) });
  }
  return edits;
}
