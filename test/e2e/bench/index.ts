// The bench's session (scripts/e2e/bench.mjs): no tests, one measurement. The window opened
// a folder; this waits for the extension's first diagnostics and prints what they cost as one
// `[e2e:bench] {json}` line that the harness picks up. Figures:
// - activationToDiagnosticsMs: from `activate` to the first audit's published diagnostics (the
//   extension's own clock, through its API);
// - hostUptimeAtDiagnosticsMs: how long the extension host had been running when our first
//   diagnostics were seen (polled every 10 ms; also works for a build without the timing API).
import * as vscode from 'vscode';
import { EXTENSION_ID, type SopMaturityApi } from '../api';
import { EXTENSION_NAME } from '../../../src/extension/constants';
import { screenshot } from '../screenshot';

const hostStart = Date.now() - process.uptime() * 1000;

function ours(): number {
  let n = 0;
  for (const [, all] of vscode.languages.getDiagnostics()) if (all.some((d) => d.source === EXTENSION_NAME)) n++;
  return n;
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<SopMaturityApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  const wasActive = ext.isActive;
  // An older build may not activate on a folder without `.sopmaturity.yml`: then the bench activates it (a no-op otherwise).
  const activating = ext.activate();
  let seenAt: number | undefined;
  // A folder with nothing to show gets no diagnostics at all: the wait also ends when the first audit is done.
  let idle = false;
  void activating
    .then((a) => a.whenIdle())
    .then(
      () => (idle = true),
      () => (idle = true),
    );
  const deadline = Date.now() + 600_000;
  while (seenAt === undefined && !idle && Date.now() < deadline) {
    if (ours() > 0) seenAt = Date.now();
    else await new Promise((r) => setTimeout(r, 10));
  }
  if (seenAt === undefined && ours() > 0) seenAt = Date.now();
  const api = await activating;
  await api.whenIdle();
  const timings = typeof api.timings === 'function' ? api.timings() : undefined;
  const first = timings?.firstAudit;
  const result = {
    activatedByWindow: wasActive,
    files: vscode.languages.getDiagnostics().filter(([, d]) => d.some((x) => x.source === EXTENSION_NAME)).length,
    documents: api.getReport()?.summary.documents,
    activationToDiagnosticsMs: first && timings?.activatedAt ? first.publishedAt - timings.activatedAt : undefined,
    activationToAuditMs: first?.startedAt && timings?.activatedAt ? first.startedAt - timings.activatedAt : undefined,
    hostUptimeAtDiagnosticsMs: seenAt === undefined ? undefined : Math.round(seenAt - hostStart),
    hostUptimeAtActivationMs: timings?.activatedAt ? Math.round(timings.activatedAt - hostStart) : undefined,
    roots: first?.roots,
  };
  const shot = process.env.SOP_BENCH_SHOT;
  if (shot) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const open = process.env.SOP_BENCH_OPEN;
    if (folder && open)
      await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, ...open.split('/')), { preview: false });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await api.whenIdle();
    await new Promise((r) => setTimeout(r, 1500));
    Object.assign(result, {
      statusVisible: typeof api.statusVisible === 'function' ? api.statusVisible() : undefined,
      statusText: api.statusText(),
    });
    await screenshot(shot);
  }
  console.log(`[e2e:bench] ${JSON.stringify(result)}`);
}
