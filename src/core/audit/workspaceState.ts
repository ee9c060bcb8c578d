/**
 * The workspace checks' state between reports. A check that keeps one
 * (`createState`) gets one per parameter set, told at each report what
 * changed since the last; a check without one runs on every report.
 * Everything a state keeps is keyed by document objects or paths: a
 * document is replaced, never changed, when its text changes.
 */
import type {
  CheckContext,
  DocumentChange,
  WorkspaceCheck,
  WorkspaceCheckState,
  WorkspaceVerdict,
} from '../checks/check';

export class WorkspaceCheckMemo {
  private changes: readonly DocumentChange[] = [];
  private bulk = true;
  /** Per check id and parameter set. */
  private readonly states = new Map<string, WorkspaceCheckState>();

  /** The changes of this report; `bulk` when most documents changed (states then rebuild). */
  begin(changes: readonly DocumentChange[], bulk: boolean): void {
    this.changes = changes;
    this.bulk = bulk;
  }

  /** The verdict of `check` with the parameters `ctx` holds (`paramsKey`: them as text), the same `run` would give. */
  verdict(check: WorkspaceCheck, paramsKey: string, ctx: CheckContext): WorkspaceVerdict {
    if (!check.createState) return check.run(ctx);
    const key = `${check.id}\u0000${paramsKey}`;
    let state = this.states.get(key);
    if (!state) this.states.set(key, (state = check.createState(ctx.params)));
    return state.verdict(ctx, { changes: this.changes, bulk: this.bulk });
  }
}
