/**
 * Code spans in report messages. Checks write the things a user types or
 * looks for between backticks ("Broken link `../x.md`", "set `owner:`");
 * every report format renders those as code instead of showing the
 * backticks. This module only splits a message (browser-safe: no imports);
 * each format escapes the parts for its own language.
 */

/** A piece of a message: plain text, or the content of a code span. */
export interface MessagePart {
  code: boolean;
  text: string;
}

/**
 * Splits `message` into plain text and code spans the way CommonMark finds
 * them: a run of n backticks opens a span that the next run of exactly n
 * backticks closes, and a run that is never closed is plain text. As in
 * CommonMark, line breaks inside a span become spaces and one space is
 * stripped from each side when both sides have one. Backslashes are kept as
 * written (messages are not Markdown; a path may hold one). Linear in the
 * length of the message, whatever the backticks in it.
 */
export function splitCodeSpans(message: string): MessagePart[] {
  const runs: { start: number; length: number }[] = [];
  for (let i = 0; i < message.length;) {
    if (message[i] !== '`') {
      i++;
      continue;
    }
    const start = i;
    while (i < message.length && message[i] === '`') i++;
    runs.push({ start, length: i - start });
  }
  // For each run, the next run of the same length (its possible closer), found in one pass from the end.
  const closer = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    closer[r] = lastOfLength.get(runs[r].length) ?? -1;
    lastOfLength.set(runs[r].length, r);
  }

  const parts: MessagePart[] = [];
  let plainFrom = 0;
  for (let r = 0; r < runs.length; r++) {
    const close = closer[r];
    if (close === -1) continue;
    const open = runs[r];
    if (open.start > plainFrom) parts.push({ code: false, text: message.slice(plainFrom, open.start) });
    parts.push({ code: true, text: spanContent(message.slice(open.start + open.length, runs[close].start)) });
    plainFrom = runs[close].start + runs[close].length;
    r = close;
  }
  if (plainFrom < message.length) parts.push({ code: false, text: message.slice(plainFrom) });
  return parts;
}

function spanContent(raw: string): string {
  const text = raw.replace(/\r\n|\r|\n/g, ' ');
  return text.length >= 2 && text.startsWith(' ') && text.endsWith(' ') && text.trim() !== ''
    ? text.slice(1, -1)
    : text;
}

/** `message` with its plain parts through `text` and its code spans through `code`, joined. */
export function renderCodeSpans(
  message: string,
  text: (plain: string) => string,
  code: (content: string) => string,
): string {
  return splitCodeSpans(message)
    .map((part) => (part.code ? code(part.text) : text(part.text)))
    .join('');
}

/**
 * One Markdown code span that renders exactly as `content`: its fence is
 * longer than any run of backticks inside. In a table cell (`table`), pipes
 * are written `\|`: GFM splits cells before it reads code spans, and takes
 * the backslash out again inside the cell, so the code shows a plain `|`.
 */
export function markdownCodeSpan(content: string, table = false): string {
  if (content === '') return '';
  const text = table ? content.replace(/\|/g, '\\|') : content;
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick, or has a space on both sides, gets one space
  // of padding on each side, which CommonMark strips again.
  const pad = /^`|`$/.test(text) || (/^ [^]* $/.test(text) && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
