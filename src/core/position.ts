/**
 * Positions in a text, as the engine gives them: 1-based line and column (unist convention)
 * with a 0-based UTF-16 `offset` into the text the engine was given. The extension converts
 * them to VS Code positions in exactly one function.
 */
/** A place in a text: 1-based line and column, 0-based UTF-16 offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A span of text; `end` is exclusive. */
export interface Range {
  start: Point;
  end: Point;
}

/** A text edit on one document: replace `[start, end)` (UTF-16 offsets) with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  /**
   * For an editing aid (a fix that inserts something for the author to
   * complete): the same insertion as a VS Code snippet, with tab stops on
   * what the author must write (`owner: \${1:<owner>}`). `newText` is what
   * the text reads if the snippet is inserted and left as it is.
   */
  snippet?: string;
}
