/**
 * Report messages and hints in the panel: their code spans (`owner:`,
 * `../x.md`) become `<code>` elements instead of showing backticks. Every
 * part still goes in as text, so nothing from a document can become markup.
 */
import { splitCodeSpans } from '../shared/code';
import { h, type Child } from './h';

/** `message` as children: plain text nodes and `<code>` elements. */
export function withCode(message: string): Child[] {
  return splitCodeSpans(message).map((part) => (part.code ? h('code', null, part.text) : part.text));
}
