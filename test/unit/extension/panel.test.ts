/**
 * The maturity panel's host side over a fake webview and a real engine workspace: the whole
 * report once after `ready`, then only deltas (the edited document and the parts that changed),
 * nothing for a report that says the same, nothing while the panel is hidden (one delta when it
 * shows again), the whole report again for another root or a webview that lost track. The
 * webview's copy, rebuilt from what was posted, always equals the host's report.
 */
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  panels: [] as {
    posted: unknown[];
    receive: (m: unknown) => Promise<void>;
    setVisible: (v: boolean) => void;
  }[],
}));

vi.mock('vscode', async () => {
  const base = await import('../fakes/vscode');
  return {
    ...base,
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    window: {
      createWebviewPanel: () => {
        const received = new base.EventEmitter<unknown>();
        const viewState = new base.EventEmitter<void>();
        const disposed = new base.EventEmitter<void>();
        const posted: unknown[] = [];
        const panel = {
          visible: true,
          viewColumn: 2,
          iconPath: undefined as unknown,
          webview: {
            html: '',
            cspSource: 'vscode-webview:',
            options: {},
            asWebviewUri: (u: unknown) => u,
            // What crosses to the webview is a copy.
            postMessage: async (m: unknown) => void posted.push(structuredClone(m)),
            onDidReceiveMessage: received.event,
          },
          onDidChangeViewState: viewState.event,
          onDidDispose: disposed.event,
          reveal: () => undefined,
          dispose: () => disposed.fire(),
        };
        fake.panels.push({
          posted,
          receive: async (m) => {
            received.fire(m);
            await new Promise((r) => setTimeout(r, 0));
          },
          setVisible: (v) => {
            panel.visible = v;
            viewState.fire();
          },
        });
        return panel;
      },
      registerWebviewPanelSerializer: () => ({ dispose: () => undefined }),
    },
  };
});

import * as vscode from 'vscode';
import type { Report } from '../../../src/core/report/types';
import { MaturityPanel, type PanelHost } from '../../../src/extension/panel';
import type { HostMessage } from '../../../src/shared/protocol';
import { applyDelta, deltaDocumentPaths } from '../../../src/shared/reportDelta';
import { workspaceOf } from '../helpers/audit';

function sop(title: string, body = 'Restore the backup and check it.'): string {
  return [
    '---',
    `title: ${title}`,
    'owner: Dana',
    'type: sop',
    '---',
    '',
    `# ${title}`,
    '',
    body,
    '',
    '## Procedure',
    '',
    '1. Do it.',
    '',
  ].join('\n');
}

/** The webview's copy of the report, rebuilt from what the host posted (as the panel app does). */
function replay(posted: unknown[]): Report | undefined {
  let report: Report | undefined;
  let version: number | undefined;
  for (const m of posted as HostMessage[]) {
    if (m.type === 'report') {
      report = m.report;
      version = m.version;
    } else if (m.type === 'reportDelta') {
      expect(m.base).toBe(version);
      report = applyDelta(report!, m.delta);
      version = m.version;
    } else if (m.type === 'noReport') report = undefined;
  }
  return report;
}

describe('maturity panel messages', () => {
  it('posts the report once, then only what changed', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`docs/sops/p${i}.md`] = sop(`Procedure ${i}`);
    const ws = workspaceOf(files);
    let report = ws.report();
    const changes = new (vscode as unknown as typeof import('../fakes/vscode')).EventEmitter<Report>();
    const host = {
      getReport: () => report,
      onDidChangeReport: changes.event,
    } as unknown as PanelHost;
    const context = { extensionUri: vscode.Uri.file('/ext') } as unknown as vscode.ExtensionContext;
    const next = (): void => {
      report = ws.report();
      changes.fire(report);
    };

    MaturityPanel.createOrShow(context, host);
    const view = fake.panels[fake.panels.length - 1];
    // Before the webview is ready, nothing is posted: the snapshot answering `ready` is current.
    ws.setFile('docs/sops/p1.md', sop('Procedure one'));
    next();
    expect(view.posted).toEqual([]);

    await view.receive({ type: 'ready' });
    expect(view.posted).toHaveLength(1);
    expect(view.posted[0]).toMatchObject({ type: 'report', version: 1 });
    const first = report;

    // One edit: one delta, that carries the edited document only.
    ws.setFile('docs/sops/p7.md', sop('Procedure 7', 'A new body with a [broken link](./nowhere.md).'));
    next();
    expect(view.posted).toHaveLength(2);
    const delta = view.posted[1] as Extract<HostMessage, { type: 'reportDelta' }>;
    expect(delta).toMatchObject({ type: 'reportDelta', base: 1, version: 2 });
    expect(deltaDocumentPaths(first, delta.delta)).toEqual(['docs/sops/p7.md']);
    expect(JSON.stringify(delta).length).toBeLessThan(JSON.stringify(first).length / 4);
    expect(replay(view.posted)).toEqual(report);

    // A report that says the same: nothing.
    ws.setFile('docs/sops/p7.md', sop('Procedure 7', 'A new body with a [broken link](./nowhere.md).'));
    next();
    expect(view.posted).toHaveLength(2);

    // Hidden: nothing, however many reports; shown again: one delta to the current report.
    view.setVisible(false);
    ws.setFile('docs/sops/p3.md', sop('Procedure three'));
    next();
    ws.removeFile('docs/sops/p4.md');
    next();
    expect(view.posted).toHaveLength(2);
    view.setVisible(true);
    expect(view.posted).toHaveLength(3);
    expect(view.posted[2]).toMatchObject({ type: 'reportDelta', base: 2, version: 3 });
    expect(replay(view.posted)).toEqual(report);

    // A webview that lost track says `ready` again and gets the whole report; deltas go on from it.
    await view.receive({ type: 'ready' });
    expect(view.posted[3]).toMatchObject({ type: 'report', version: 4 });
    ws.setFile('docs/sops/p9.md', sop('Procedure nine'));
    next();
    expect(view.posted[4]).toMatchObject({ type: 'reportDelta', base: 4, version: 5 });
    expect(replay(view.posted)).toEqual(report);
    // Another root: the whole report.
    report = { ...ws.report(), root: '/other' };
    changes.fire(report);
    expect(view.posted[5]).toMatchObject({ type: 'report', version: 6 });
    expect(replay(view.posted)).toEqual(report);
  });
});
