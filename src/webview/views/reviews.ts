/**
 * The reviews tab: the review queue of `Report.reviews`. Unowned procedures
 * come first, then each owner's; in a group overdue (most days late first),
 * then due soon (fewest days left first), then never reviewed. Each row has
 * "Mark reviewed", which asks the host to run the Mark reviewed command on
 * that document (an undoable edit of its front matter).
 */
import type { ReviewItem, ReviewState } from '../../core/report/types';
import { plural } from '../../shared/text';
import { count, documentButton, section, type ViewContext } from '../components';
import { h } from '../h';

/** Rows rendered at most; a live update of a 10,000-document queue should stay quick. */
export const MAX_REVIEW_ROWS = 300;

/** The states the queue lists, in their order; `ok` procedures are only counted. */
const QUEUE_STATES: readonly ReviewState[] = ['overdue', 'due-soon', 'never-reviewed'];

/** The queue in display order: groups (unowned first, then owners by name), then state, then urgency. */
export function reviewQueue(items: readonly ReviewItem[]): ReviewItem[] {
  const rank = (i: ReviewItem): number => QUEUE_STATES.indexOf(i.state);
  const urgency = (i: ReviewItem): number =>
    i.state === 'overdue' ? -(i.days ?? 0) : i.state === 'due-soon' ? (i.days ?? 0) : 0;
  return items
    .filter((i) => rank(i) >= 0)
    .sort((a, b) => {
      if (a.owner !== b.owner) {
        if (a.owner === null) return -1;
        if (b.owner === null) return 1;
        return a.owner.localeCompare(b.owner);
      }
      return rank(a) - rank(b) || urgency(a) - urgency(b) || a.path.localeCompare(b.path);
    });
}

/** "12 days overdue", "due in 5 days", "never reviewed". */
export function reviewStateWords(item: Pick<ReviewItem, 'state' | 'days'>): string {
  const days = item.days ?? 0;
  switch (item.state) {
    case 'overdue':
      return `${plural(days, 'day')} overdue`;
    case 'due-soon':
      return days === 0 ? 'due today' : `due in ${plural(days, 'day')}`;
    case 'never-reviewed':
      return 'never reviewed';
    case 'ok':
      return item.days === null ? 'up to date' : `due in ${plural(days, 'day')}`;
  }
}

function row(ctx: ViewContext, item: ReviewItem): HTMLElement {
  const dates = [
    item.lastReviewed ? `last reviewed ${item.lastReviewed}` : null,
    item.due ? `due ${item.due}` : null,
  ].filter(Boolean);
  return h(
    'li',
    { class: `review-item review-${item.state}`, 'data-path': item.path },
    documentButton(ctx, item.path, { title: item.title }),
    h('span', { class: `review-state tag tag-${item.state}` }, reviewStateWords(item)),
    h('span', { class: 'review-dates muted' }, dates.join(' · ')),
    h(
      'button',
      {
        type: 'button',
        class: 'button secondary small mark-reviewed',
        'aria-label': `Mark ${item.path} reviewed`,
        'data-focus-key': `reviews:mark:${item.path}`,
        on: { click: () => ctx.post({ type: 'markReviewed', path: item.path }) },
      },
      'Mark reviewed',
    ),
  );
}

/** The reviews tab; says so when the report has no review data. */
export function renderReviews(ctx: ViewContext): HTMLElement {
  const reviews = ctx.report.reviews;
  if (!reviews) {
    return section('Reviews', null, h('p', { class: 'muted' }, 'No review data in this report.'));
  }
  const queue = reviewQueue(reviews.items);
  const { overdue, 'due-soon': dueSoon, 'never-reviewed': never, ok } = reviews.counts;
  const summary =
    `As of ${reviews.asOf}: ${overdue} overdue, ${dueSoon} due within ${plural(reviews.within, 'day')}, ` +
    `${never} never reviewed, ${ok} up to date.`;
  const groups = new Map<string | null, ReviewItem[]>();
  const shown = queue.slice(0, MAX_REVIEW_ROWS);
  for (const item of shown) groups.set(item.owner, [...(groups.get(item.owner) ?? []), item]);
  const body =
    queue.length === 0
      ? h('p', { class: 'muted' }, 'Nothing to review: every procedure is up to date.')
      : [...groups].map(([owner, items]) =>
          h(
            'div',
            { class: 'review-group' },
            h('h3', { class: 'group-title' }, `${owner ?? 'Unowned'} (${count(items.length, 'procedure')})`),
            h(
              'ul',
              { class: 'review-list', 'aria-label': `Reviews of ${owner ?? 'unowned procedures'}` },
              items.map((i) => row(ctx, i)),
            ),
          ),
        );
  const more =
    queue.length > shown.length
      ? h(
          'p',
          { class: 'muted review-more' },
          `and ${queue.length - shown.length} more: sop-maturity reviews lists them all.`,
        )
      : null;
  return section('Reviews', summary, ...(Array.isArray(body) ? body : [body]), more);
}
