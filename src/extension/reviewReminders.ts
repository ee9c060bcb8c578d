/**
 * Review reminders in the document: an information diagnostic "Review due
 * in N days" on a procedure's review key while it is inside the review
 * window (a reminder from the report's review queue, not a finding: no
 * check, no level; its quick fix is Mark reviewed), and a hover on the
 * owner and review keys of the front matter that says where the owner came
 * from and when the next review is due. Only paths whose reminder changed
 * are sent to VS Code.
 */
import * as vscode from 'vscode';
import type { Report } from '../core/report/types';
import type { Range } from '../core/position';
import { EXTENSION_NAME } from './constants';
import type { AuditController } from './controller';
import type { FolderAudit } from './folder';
import { resolvePath, toVsRange } from './mapping';
import { ownerHover, reminderMessage, REVIEW_DUE_CODE, reviewHover, reviewItem } from './reviewText';

/** The keys that hold a next review date or interval (the review hover shows on them too). */
const NEXT_REVIEW_KEYS = new Set(['review_in', 'review_by', 'next_review', 'review_interval', 'review_due']);

export class ReviewReminders implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sopMaturity.reviews');
  /** Per root: the report's review queue last published, and per path the message published. */
  private readonly roots = new Map<string, { reviews: unknown; published: Map<string, string> }>();

  /** Publishes the reminders of a root's report; without one (a silent or removed root), clears them. */
  publish(audit: FolderAudit, report: Report | undefined): void {
    const key = audit.root.toString();
    const state = this.roots.get(key) ?? { reviews: undefined, published: new Map<string, string>() };
    this.roots.set(key, state);
    const reviews = report?.reviews;
    if (reviews !== undefined && reviews === state.reviews) return;
    state.reviews = reviews;
    const now = new Map<string, { message: string; range: vscode.Range }>();
    for (const item of reviews?.items ?? []) {
      const message = reminderMessage(item);
      if (!message) continue;
      const range = reviewRange(audit, item.path);
      now.set(item.path, { message, range });
    }
    const changes: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    for (const [path, { message, range }] of now) {
      const print = `${message}@${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
      if (state.published.get(path) === print) continue;
      state.published.set(path, print);
      const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Information);
      diagnostic.source = EXTENSION_NAME;
      diagnostic.code = REVIEW_DUE_CODE;
      changes.push([resolvePath(audit.root, path), [diagnostic]]);
    }
    for (const path of [...state.published.keys()]) {
      if (now.has(path)) continue;
      state.published.delete(path);
      changes.push([resolvePath(audit.root, path), undefined]);
    }
    if (changes.length > 0) this.collection.set(changes);
    if (!report) this.roots.delete(key);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/** The review key's line of a document (its first line when it has none). */
function reviewRange(audit: FolderAudit, path: string): vscode.Range {
  const facts = audit.document(path);
  const range = facts?.review?.range;
  return range ? toVsRange(range) : new vscode.Range(0, 0, 0, 0);
}

/** The hover on the owner and review keys of a procedure's front matter. */
export class ReviewHoverProvider implements vscode.HoverProvider {
  constructor(private readonly controller: AuditController) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const audit = this.controller.folderFor(document.uri);
    const rel = audit?.relativePath(document.uri);
    const report = audit?.report;
    if (!audit || rel === undefined || !report || audit.silent) return undefined;
    const item = reviewItem(report, rel);
    const facts = audit.document(rel);
    if (!item || !facts?.frontMatter) return undefined;
    const onLine = (r: Range | undefined) =>
      r !== undefined && position.line >= r.start.line - 1 && position.line <= r.end.line - 1;
    const owner = facts.owner?.source === 'front-matter' ? facts.owner.range : undefined;
    const ownerKey = facts.frontMatter.entries.find((e) => e.normalizedKey === 'owner' || onLine(owner))?.keyRange;
    const review = facts.review?.range;
    const next = facts.frontMatter.entries.filter((e) => NEXT_REVIEW_KEYS.has(e.normalizedKey));
    const lineRange = (r: Range) => {
      const v = toVsRange(r);
      const end = Math.min(v.end.line, document.lineCount - 1);
      return new vscode.Range(Math.min(v.start.line, end), 0, end, document.lineAt(end).text.length);
    };
    if (onLine(owner) || onLine(ownerKey))
      return new vscode.Hover(new vscode.MarkdownString(ownerHover(item)), lineRange((owner ?? ownerKey)!));
    const reviewKey = onLine(review) ? review : next.find((e) => onLine(e.keyRange) || onLine(e.valueRange))?.keyRange;
    if (reviewKey)
      return new vscode.Hover(
        new vscode.MarkdownString(reviewHover(item, report.reviews?.within ?? 30)),
        lineRange(reviewKey),
      );
    return undefined;
  }
}
