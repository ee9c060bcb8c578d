/**
 * The review queue as `sop-maturity reviews` writes it: text for a terminal, a Markdown digest for an issue or a chat
 * post, JSON and CSV. Pure functions of a queue (`ReviewList`): the items to list, already chosen and in queue order.
 */
import type { ReviewItem, ReviewState, ReviewsReport } from './types';
import { compareReviewItems, reviewCounts, withReviewWindow } from '../audit/reviews';
import { escapeMarkdown, plural, terminalSafe } from './common';

/** The items to list (overdue, due soon, never reviewed) as of a date, with the window that decided "due soon". */
export interface ReviewList {
  asOf: string;
  within: number;
  items: ReviewItem[];
}

/** The title of the digest and of the issue the GitHub Action keeps. */
export const REVIEWS_TITLE = 'SOP reviews due';

/**
 * The list of one or more audit roots' queues: paths made relative to DIR (`rel` is the root's path from DIR, '' for
 * DIR), seen with `within` when given, only the procedures that need a review (ok items are left out), of `owner`
 * when given (case-insensitive; one of several comma-separated owners matches), in queue order.
 */
export function reviewList(
  roots: readonly { rel: string; reviews: ReviewsReport }[],
  options: { within?: number; owner?: string; asOf: string },
): ReviewList {
  const wanted = options.owner?.trim().toLowerCase();
  const items: ReviewItem[] = [];
  let within = options.within;
  for (const r of roots) {
    const seen = options.within === undefined ? r.reviews : withReviewWindow(r.reviews, options.within);
    within ??= seen.within;
    for (const i of seen.items) {
      if (i.state === 'ok') continue;
      if (wanted !== undefined && !ownedBy(i.owner, wanted)) continue;
      items.push(r.rel === '' ? i : { ...i, path: `${r.rel}/${i.path}` });
    }
  }
  items.sort(compareReviewItems);
  return { asOf: roots[0]?.reviews.asOf ?? options.asOf, within: within ?? 30, items };
}

function ownedBy(owner: string | null, wanted: string): boolean {
  if (owner === null) return false;
  const o = owner.toLowerCase();
  return o === wanted || o.split(',').some((part) => part.trim() === wanted);
}

/** The items by owner, unowned first, in queue order. */
export function reviewGroups(items: readonly ReviewItem[]): { owner: string | null; items: ReviewItem[] }[] {
  const groups: { owner: string | null; items: ReviewItem[] }[] = [];
  for (const i of items) {
    const last = groups[groups.length - 1];
    if (last && last.owner === i.owner) last.items.push(i);
    else groups.push({ owner: i.owner, items: [i] });
  }
  return groups;
}

/** "3 overdue, 2 due soon (within 30 days), 4 never reviewed". */
export function reviewCountsLine(list: ReviewList): string {
  const c = reviewCounts(list.items);
  return `${c.overdue} overdue, ${c['due-soon']} due soon (within ${plural(list.within, 'day')}), ${c['never-reviewed']} never reviewed`;
}

/** "overdue by 12 days", "due in 3 days", "due today", "never reviewed". */
export function reviewStateText(i: Pick<ReviewItem, 'state' | 'days'>): string {
  if (i.state === 'overdue') return `overdue by ${plural(i.days ?? 0, 'day')}`;
  if (i.state === 'due-soon') return i.days === 0 ? 'due today' : `due in ${plural(i.days ?? 0, 'day')}`;
  if (i.state === 'never-reviewed') return 'never reviewed';
  return `ok, due in ${plural(i.days ?? 0, 'day')}`;
}

function dates(i: ReviewItem): string {
  if (i.lastReviewed === null) return 'no review date';
  return i.due === null
    ? `last review ${i.lastReviewed} (in the future)`
    : `last reviewed ${i.lastReviewed}, due ${i.due}`;
}

/** Aligned text for a terminal: a heading per owner, one line per procedure. */
export function reviewsText(list: ReviewList): string {
  const out = [`Reviews as of ${list.asOf}: ${reviewCountsLine(list)}.`];
  if (list.items.length === 0) {
    out.push('Nothing to review.');
    return `${out.join('\n')}\n`;
  }
  const width = Math.max(...list.items.map((i) => reviewStateText(i).length));
  for (const g of reviewGroups(list.items)) {
    out.push('', `${g.owner === null ? 'No owner' : terminalSafe(g.owner)} (${g.items.length})`);
    for (const i of g.items) {
      const title = i.title ? `  ${terminalSafe(i.title)}` : '';
      out.push(`  ${reviewStateText(i).padEnd(width)}  ${terminalSafe(i.path)}${title}  (${dates(i)})`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * The Markdown digest for an issue or a chat post: a heading, the counts, and per owner (unowned first) at most
 * `maxPerOwner` procedures, then "and N more".
 */
export function reviewsMarkdown(list: ReviewList, options: { maxPerOwner: number }): string {
  const out = [`## ${REVIEWS_TITLE}`, '', `As of ${list.asOf}: ${reviewCountsLine(list)}.`];
  if (list.items.length === 0) {
    out.push('', 'Nothing to review: every procedure was reviewed in time.');
    return `${out.join('\n')}\n`;
  }
  for (const g of reviewGroups(list.items)) {
    const name = g.owner === null ? 'No owner' : escapeMarkdown(g.owner);
    const counts = reviewCounts(g.items);
    const parts = (['overdue', 'due-soon', 'never-reviewed'] as ReviewState[])
      .filter((s) => counts[s] > 0)
      .map((s) => `${counts[s]} ${s === 'due-soon' ? 'due soon' : s === 'never-reviewed' ? 'never reviewed' : s}`);
    out.push('', `### ${name} (${parts.join(', ')})`, '');
    for (const i of g.items.slice(0, options.maxPerOwner)) {
      const title = i.title ? `${escapeMarkdown(i.title)} ` : '';
      out.push(`- **${reviewStateText(i)}**: ${title}\`${i.path.replace(/`/g, "'")}\` (${dates(i)})`);
    }
    const more = g.items.length - options.maxPerOwner;
    if (more > 0) out.push(`- and ${more} more`);
  }
  return `${out.join('\n')}\n`;
}

/** `{ asOf, within, items: [{ path, title, owner, state, lastReviewed, due, days }] }`. */
export function reviewsJson(list: ReviewList): string {
  const items = list.items.map((i) => ({
    path: i.path,
    title: i.title ?? null,
    owner: i.owner,
    state: i.state,
    lastReviewed: i.lastReviewed,
    due: i.due,
    days: i.days,
  }));
  return `${JSON.stringify({ asOf: list.asOf, within: list.within, items }, null, 2)}\n`;
}

const CSV_COLUMNS = ['path', 'title', 'owner', 'state', 'lastReviewed', 'due', 'days'] as const;

/** One row per procedure under a header row, RFC 4180: CRLF line ends, fields with `,` `"` or a line break quoted. */
export function reviewsCsv(list: ReviewList): string {
  const rows = list.items.map((i) =>
    [i.path, i.title ?? '', i.owner ?? '', i.state, i.lastReviewed ?? '', i.due ?? '', i.days ?? ''].map((v) =>
      csvField(String(v)),
    ),
  );
  return `${[CSV_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
