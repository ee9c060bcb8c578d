/**
 * Counts the work in flight (audits, pending debounces) so that end-to-end
 * tests can wait for "nothing pending" instead of sleeping.
 */
export class IdleTracker {
  private pending = 0;
  private waiters: (() => void)[] = [];

  /** Marks one piece of work as started; call the returned function (once) when it ends. */
  begin(): () => void {
    this.pending++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.pending--;
      if (this.pending === 0) this.flush();
    };
  }

  /** Runs `task` as one piece of work. */
  async track<T>(task: () => Promise<T>): Promise<T> {
    const end = this.begin();
    try {
      return await task();
    } finally {
      end();
    }
  }

  get idle(): boolean {
    return this.pending === 0;
  }

  /** Resolves when no work is pending (at once if none is). */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private flush(): void {
    // Work that ends may schedule more in the same tick (an audit that re-schedules): resolve only if still idle then.
    queueMicrotask(() => {
      if (this.pending !== 0) return;
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    });
  }
}
