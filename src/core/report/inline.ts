/**
 * Messages with code spans, rendered for the Markdown and HTML reports: the
 * backticks become code, and everything else (document text included) is
 * escaped as before, so a message can neither inject markup nor break a
 * table row.
 */
import { markdownCodeSpan, renderCodeSpans } from '../../shared/code';
import { escapeHtml, escapeMarkdown } from './common';

/** A message as HTML: code spans as `<code>`, every part escaped. */
export function htmlMessage(message: string): string {
  return renderCodeSpans(message, escapeHtml, (code) => `<code>${escapeHtml(code)}</code>`);
}

/**
 * A message as inline GitHub-flavoured Markdown: plain parts escaped, code spans kept as code (`table`: inside a table
 * cell).
 */
export function markdownMessage(message: string, options: { table?: boolean } = {}): string {
  return renderCodeSpans(message, escapeMarkdown, (code) => markdownCodeSpan(code, options.table ?? false));
}
