/**
 * The review queue and the owners section of a report (issue 18): for every procedure its owner, last review, next
 * review due and a state as of the audit date; per owner their procedures, reviews due and the share passing every
 * document check. Pure functions of the document reports, their facts and the evaluation; linear in the documents.
 */
import type { SopDocument } from '../parse/facts';
import type {
  DocumentReport,
  OwnerReport,
  OwnersReport,
  ReviewItem,
  ReviewState,
  ReviewsReport,
} from '../report/types';
import type { Rubric } from '../rubric/types';
import type { RuleOutcome } from './evaluate';
import { addDays, daysBetween } from '../dates';
import { isPlaceholderValue } from '../parse/placeholders';

/** The due-soon window when `reviewWindowDays` is not set. */
export const DEFAULT_REVIEW_WINDOW_DAYS = 30;
/** The review age when the rubric's `review-date` check sets none. */
export const DEFAULT_REVIEW_AGE_DAYS = 365;

/** The review age (`maxAgeDays`) of the rubric's `review-date` check at its lowest level, else 365 days. */
export function reviewAgeDays(rubric: Rubric): number {
  const check = rubric.checks.find((c) => c.id === 'review-date');
  if (!check) return DEFAULT_REVIEW_AGE_DAYS;
  const lowest = [...check.levels].sort((a, b) => a.level - b.level)[0];
  const age = { ...check.params, ...(lowest?.params ?? {}) }.maxAgeDays;
  return typeof age === 'number' && Number.isFinite(age) && age >= 0 ? Math.round(age) : DEFAULT_REVIEW_AGE_DAYS;
}

/** The accountable owner of a document report, or null when it has none or only a placeholder. */
export function accountableOwner(d: DocumentReport, doc: SopDocument | undefined, rubric: Rubric): string | null {
  const owner = d.owner?.trim();
  if (!owner) return null;
  if (doc?.owner && doc.owner.value === d.owner) return doc.owner.placeholder ? null : owner;
  return owner.split(', ').every((v) => isPlaceholderValue(v, rubric)) ? null : owner;
}

/** What the queue is computed from. */
export interface ReviewInput {
  documents: readonly DocumentReport[];
  /** The facts of a path (for the review date and the due date the document declares). */
  docOf: (path: string) => SopDocument | undefined;
  rubric: Rubric;
  asOf: string;
  /** The due-soon window in days. */
  within: number;
}

/**
 * One procedure's place in the queue. The document's own next review (`review_by`, `next_review`, or last review +
 * `review_in`) wins over the rubric's review age. Due on the audit date is due soon (0 days left), the day after is
 * overdue. A last review after the audit date is not a review that happened (the `review-date` check says so): the
 * procedure is never reviewed, its date kept as written.
 */
export function reviewItem(
  d: DocumentReport,
  doc: SopDocument | undefined,
  rubric: Rubric,
  asOf: string,
  within: number,
  ageDays = reviewAgeDays(rubric),
): ReviewItem {
  const owner = accountableOwner(d, doc, rubric);
  const last = doc?.review?.date ?? d.reviewed ?? null;
  const item: ReviewItem = {
    path: d.path,
    ...(d.title !== undefined ? { title: d.title } : {}),
    owner,
    ...(owner && d.ownerSource ? { ownerSource: d.ownerSource } : {}),
    ...(owner && d.ownerOrigin ? { ownerOrigin: d.ownerOrigin } : {}),
    state: 'never-reviewed',
    lastReviewed: last,
    due: null,
    days: null,
  };
  if (last === null || last > asOf) return item;
  const declared = doc?.review?.nextReview;
  const due = declared ?? addDays(last, ageDays);
  const left = daysBetween(asOf, due);
  item.due = due;
  item.dueFrom = declared ? 'document' : 'rubric';
  item.state = left < 0 ? 'overdue' : left <= within ? 'due-soon' : 'ok';
  item.days = left < 0 ? -left : left;
  return item;
}

const STATE_ORDER: Record<ReviewState, number> = { overdue: 0, 'due-soon': 1, 'never-reviewed': 2, ok: 3 };

/** Queue order: unowned first, then by owner; in a group overdue (most days late first), due soon, never, ok. */
export function compareReviewItems(a: ReviewItem, b: ReviewItem): number {
  if (a.owner !== b.owner) {
    if (a.owner === null) return -1;
    if (b.owner === null) return 1;
    return a.owner < b.owner ? -1 : 1;
  }
  if (a.state !== b.state) return STATE_ORDER[a.state] - STATE_ORDER[b.state];
  const days = (a.days ?? 0) - (b.days ?? 0);
  if (days !== 0) return a.state === 'overdue' ? -days : days;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Counts of the states of `items`. */
export function reviewCounts(items: readonly ReviewItem[]): Record<ReviewState, number> {
  const counts: Record<ReviewState, number> = { overdue: 0, 'due-soon': 0, ok: 0, 'never-reviewed': 0 };
  for (const i of items) counts[i.state]++;
  return counts;
}

/** The review queue of every procedure (stubs included), in queue order. */
export function reviewQueue(input: ReviewInput): ReviewsReport {
  const { rubric, asOf, within } = input;
  const age = reviewAgeDays(rubric);
  const items: ReviewItem[] = [];
  for (const d of input.documents) {
    if (d.kind !== 'procedure') continue;
    items.push(reviewItem(d, input.docOf(d.path), rubric, asOf, within, age));
  }
  items.sort(compareReviewItems);
  return { asOf, within, items, counts: reviewCounts(items) };
}

/**
 * The same queue seen with another due-soon window (`--within`): due-soon and ok items move between the two; nothing
 * else changes.
 */
export function withReviewWindow(reviews: ReviewsReport, within: number): ReviewsReport {
  if (within === reviews.within) return reviews;
  const items = reviews.items
    .map((i): ReviewItem => {
      if ((i.state !== 'due-soon' && i.state !== 'ok') || i.days === null) return i;
      const state: ReviewState = i.days <= within ? 'due-soon' : 'ok';
      return state === i.state ? i : { ...i, state };
    })
    .sort(compareReviewItems);
  return { ...reviews, within, items, counts: reviewCounts(items) };
}

/**
 * The lowest level of a document check each path fails (from the evaluation's failing lists), for "passes every
 * document check up to level L": linear in the failing entries.
 */
export function lowestFailedLevels(outcomes: readonly RuleOutcome[]): Map<string, number> {
  const lowest = new Map<string, number>();
  for (const o of outcomes) {
    if (o.check.scope !== 'document') continue;
    const level = o.rule.level;
    for (const p of o.failing) {
      const was = lowest.get(p);
      if (was === undefined || level < was) lowest.set(p, level);
    }
  }
  return lowest;
}

/**
 * Per owner: procedures, overdue and due-soon reviews, the share passing every document check up to the current
 * overall level and up to the next one (`next` equals `current` at the top of the ladder); and the unowned procedures.
 */
export function ownersReport(
  reviews: ReviewsReport,
  outcomes: readonly RuleOutcome[],
  current: number,
  next: number,
): OwnersReport {
  const lowest = lowestFailedLevels(outcomes);
  const byOwner = new Map<string, { report: OwnerReport; passCurrent: number; passNext: number }>();
  const unowned: string[] = [];
  for (const i of reviews.items) {
    if (i.owner === null) {
      unowned.push(i.path);
      continue;
    }
    let o = byOwner.get(i.owner);
    if (!o) {
      o = {
        report: { owner: i.owner, procedures: 0, overdue: 0, dueSoon: 0, passingCurrent: 0, passingNext: 0, paths: [] },
        passCurrent: 0,
        passNext: 0,
      };
      byOwner.set(i.owner, o);
    }
    o.report.procedures++;
    if (i.state === 'overdue') o.report.overdue++;
    if (i.state === 'due-soon') o.report.dueSoon++;
    o.report.paths.push(i.path);
    const fails = lowest.get(i.path) ?? Infinity;
    if (fails > current) o.passCurrent++;
    if (fails > next) o.passNext++;
  }
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const owners = [...byOwner.values()].map(({ report, passCurrent, passNext }) => {
    report.paths.sort(byPath);
    report.passingCurrent = round3(passCurrent / report.procedures);
    report.passingNext = round3(passNext / report.procedures);
    return report;
  });
  owners.sort((a, b) => b.procedures - a.procedures || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
  return { owners, unowned: unowned.sort(byPath) };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
