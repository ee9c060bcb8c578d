import type { DocumentCheck } from './check';
import type { FixId } from '../fixes/fix';
import { entryOf, entryPlace, frontMatterPlace, unreadFrontMatter } from './check';
import { daysBetween } from '../dates';

/** `review-date`: a valid, recent, not-future last review that is not past the document's own next review. */
export const reviewDate: DocumentCheck<{ maxAgeDays: number }> = {
  id: 'review-date',
  scope: 'document',
  reads: 'document',
  /** `maxAgeDays`: the most days since the last review. */
  defaults: { maxAgeDays: 365 },
  run(doc, ctx) {
    const unread = unreadFrontMatter(doc);
    if (unread) return unread;
    const maxAge = ctx.params.maxAgeDays;
    const fixes: FixId[] = ['mark-reviewed'];
    const r = doc.review;
    if (!r) {
      return {
        pass: false,
        message:
          'No review date: add `last_reviewed: YYYY-MM-DD` to the front matter after checking the procedure still works',
        range: frontMatterPlace(doc),
        fixes,
      };
    }
    const range = entryPlace(doc, entryOf(doc, r.key));
    if (!r.date) {
      return { pass: false, message: `\`${r.key}\` "${r.raw}" is not a date: write it as YYYY-MM-DD`, range, fixes };
    }
    const age = daysBetween(r.date, ctx.asOf);
    if (age < 0)
      return {
        pass: false,
        message: `\`${r.key}\` ${r.date} is in the future (audit date ${ctx.asOf}): record the day the review happened`,
        range,
        fixes,
      };
    if (r.nextReview && r.nextReview < ctx.asOf) {
      return {
        pass: false,
        message: `Review was due on ${r.nextReview} (last reviewed ${r.date}): review the procedure and update \`${r.key}\``,
        range,
        fixes,
      };
    }
    if (age > maxAge) {
      return {
        pass: false,
        message: `Last reviewed ${r.date}, ${age} days before ${ctx.asOf} (at most ${maxAge}): review the procedure and update \`${r.key}\``,
        range,
        fixes,
      };
    }
    return { pass: true };
  },
};
