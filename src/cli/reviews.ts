/**
 * `sop-maturity reviews`: the procedures whose review is overdue, due soon or missing, grouped by owner, as text,
 * a Markdown digest, JSON or CSV. The queue is the report's `reviews` section (the engine decides every state); this
 * module picks the items and writes them.
 */
import type { Report } from '../core/report/types';
import { reviewList, reviewsCsv, reviewsJson, reviewsMarkdown, reviewsText } from '../core/report/reviews';
import type { ReviewsCliOptions } from './args';
import { EXIT_OK } from './exit';

/** Exit code with `--fail-on-overdue` when a review is overdue. */
export const EXIT_OVERDUE = 1;

/** Writes the queue of DIR's report and of the audit roots below it (`rel`: POSIX path from DIR); the exit code. */
export function runReviews(
  roots: readonly { rel: string; report: Report }[],
  options: ReviewsCliOptions,
  stdout: { write(text: string): unknown },
): number {
  const list = reviewList(
    roots.flatMap((r) => (r.report.reviews ? [{ rel: r.rel, reviews: r.report.reviews }] : [])),
    { within: options.within, owner: options.owner, asOf: roots[0]?.report.asOf ?? '' },
  );
  const output =
    options.format === 'json'
      ? reviewsJson(list)
      : options.format === 'csv'
        ? reviewsCsv(list)
        : options.format === 'markdown'
          ? reviewsMarkdown(list, { maxPerOwner: options.maxPerOwner })
          : reviewsText(list);
  stdout.write(output);
  return options.failOnOverdue && list.items.some((i) => i.state === 'overdue') ? EXIT_OVERDUE : EXIT_OK;
}
