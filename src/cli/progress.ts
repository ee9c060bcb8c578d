/**
 * A single updating progress line on stderr for long audits. It stays silent
 * unless stderr is a terminal and the audit is long, so logs and pipes never
 * see carriage returns.
 */

/** Audits with more files than this show progress. */
export const PROGRESS_MIN_FILES = 200;
/** Redrawing more often than this only costs time. */
const REDRAW_MS = 100;

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Reports progress as `Auditing 120/480 files` and clears the line when done. */
export class Progress {
  private readonly enabled: boolean;
  private lastDraw = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {
    this.enabled = stream.isTTY === true && total > PROGRESS_MIN_FILES;
  }

  /** Notes that `done` files are finished; redraws at most every 100 ms. */
  update(done: number): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.lastDraw < REDRAW_MS && done < this.total) return;
    this.lastDraw = t;
    this.stream.write(`\r\u001b[KAuditing ${done}/${this.total} files`);
  }

  /** Removes the progress line so the report starts on a clean line. */
  finish(): void {
    if (this.enabled) this.stream.write('\r\u001b[K');
  }
}
