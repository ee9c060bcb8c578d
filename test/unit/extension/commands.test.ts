/**
 * The commands that write into documents, through the fake `vscode` module
 * with a recording window and workspace: "Mark reviewed" writes the real
 * date of today (never the audit's pinned `asOf`), and "New SOP" asks for a
 * title, says where the draft goes and which index page links it, and
 * writes the template's draft.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const recorded = vi.hoisted(() => ({
  applied: [] as unknown[],
  warnings: [] as string[],
  written: new Map<string, string>(),
  inputs: [] as Record<string, unknown>[],
  answer: undefined as string | undefined,
  shown: [] as string[],
}));

vi.mock('vscode', async () => {
  const fake = await import('../fakes/vscode');
  return {
    ...fake,
    InputBoxValidationSeverity: { Info: 1, Warning: 2, Error: 3 },
    window: {
      activeTextEditor: undefined,
      showWarningMessage: (m: string) => {
        recorded.warnings.push(m);
        return Promise.resolve(undefined);
      },
      showInputBox: (o: Record<string, unknown>) => {
        recorded.inputs.push(o);
        return Promise.resolve(recorded.answer);
      },
      showTextDocument: (uri: { path: string }) => {
        recorded.shown.push(uri.path);
        return Promise.resolve(undefined);
      },
    },
    workspace: {
      ...fake.workspace,
      applyEdit: (edit: unknown) => {
        recorded.applied.push(edit);
        return Promise.resolve(true);
      },
      fs: {
        writeFile: (uri: { path: string }, bytes: Uint8Array) => {
          recorded.written.set(uri.path, new TextDecoder().decode(bytes));
          return Promise.resolve();
        },
      },
    },
  };
});

import * as vscode from 'vscode';
import { renderTemplate } from '../../../src/core';
import { Commands } from '../../../src/extension/commands';
import type { AuditController } from '../../../src/extension/controller';
import type { FolderAudit } from '../../../src/extension/folder';
import { AS_OF, goodSop } from '../helpers/audit';
import { applyTo, TestFolder } from '../helpers/folder';

const log = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
} as unknown as vscode.LogOutputChannel;

function commandsFor(folder: TestFolder): Commands {
  const controller = {
    folderFor: () => folder as unknown as FolderAudit,
    audits: () => [folder as unknown as FolderAudit],
    allAudits: () => [folder as unknown as FolderAudit],
    currentFolder: () => folder as unknown as FolderAudit,
  } as unknown as AuditController;
  return new Commands(controller, log);
}

const OLD_REVIEW = [
  '---',
  'title: Reset the print spooler',
  'type: sop',
  'owner: Dana Whitfield',
  'last_reviewed: 2025-01-10',
  '---',
  '',
  '# Reset the print spooler',
  '',
  '1. Stop the spooler service on the print server.',
  '2. Delete the files in the spool folder.',
  '3. Start the spooler service again.',
  '',
].join('\n');

beforeEach(() => {
  recorded.applied.length = 0;
  recorded.warnings.length = 0;
  recorded.written.clear();
  recorded.inputs.length = 0;
  recorded.shown.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('Mark reviewed (command)', () => {
  it('writes the real local date of today, not the pinned asOf', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // Late in the evening, local time: the local day counts, whatever UTC says.
    vi.setSystemTime(new Date(2026, 9, 30, 23, 30));
    const folder = new TestFolder({ 'docs/sops/spooler.md': OLD_REVIEW, 'docs/sops/good.md': goodSop('Good') });
    expect(folder.report!.asOf).toBe(AS_OF);
    const uri = folder.uri('docs/sops/spooler.md');
    expect(await commandsFor(folder).markReviewed(uri)).toBe(true);
    expect(recorded.applied).toHaveLength(1);
    const after = applyTo(OLD_REVIEW, recorded.applied[0] as vscode.WorkspaceEdit, uri);
    expect(after).toContain('last_reviewed: 2026-10-30\n');
    expect(after).not.toContain(AS_OF);
    expect(after.replace('2026-10-30', '2025-01-10')).toBe(OLD_REVIEW);
  });

  it('says why when the document cannot take a date, and writes nothing', async () => {
    const broken = '---\ntitle: [unclosed\n---\n\n# Broken\n\n1. One step here.\n2. Another step.\n';
    const folder = new TestFolder({ 'docs/sops/broken.md': broken, 'docs/sops/good.md': goodSop('Good') });
    expect(await commandsFor(folder).markReviewed(folder.uri('docs/sops/broken.md'))).toBe(false);
    expect(recorded.applied).toHaveLength(0);
    expect(recorded.warnings[0]).toMatch(/front matter/);
  });
});

describe('New SOP (command)', () => {
  const files = {
    'docs/sops/a.md': goodSop('Alpha'),
    'docs/sops/b.md': goodSop('Bravo'),
    'docs/sops/README.md': '# SOPs\n\n- [Alpha](a.md)\n- [Bravo](b.md)\n',
  };

  it('asks for a title (the trait name only as the default), says the folder and the index page, and writes a draft', async () => {
    const folder = new TestFolder({ ...files });
    const trait = folder.report!.traits.find((t) => !t.covered)!;
    recorded.answer = 'Route support requests';
    const uri = await commandsFor(folder).newSop(trait.id);
    expect(recorded.inputs).toHaveLength(1);
    const box = recorded.inputs[0] as { value: string; prompt: string; validateInput: (v: string) => unknown };
    expect(box.value).toBe(trait.title);
    expect(box.prompt).toContain('docs/sops/');
    expect(box.prompt).toContain('docs/sops/README.md');
    expect(box.validateInput('Alpha')).toMatch(/exists/);
    expect(box.validateInput('Route support requests')).toMatchObject({
      message: 'Creates docs/sops/route-support-requests.md, links it from docs/sops/README.md',
    });
    expect(uri?.path).toBe('/repo/docs/sops/route-support-requests.md');
    // The template's draft, made from the title alone: the trait is not declared covered by a document nobody wrote.
    expect(recorded.written.get('/repo/docs/sops/route-support-requests.md')).toBe(
      renderTemplate({ title: 'Route support requests' }),
    );
    const index = applyTo(
      files['docs/sops/README.md'],
      recorded.applied[0] as vscode.WorkspaceEdit,
      folder.uri('docs/sops/README.md'),
    );
    expect(index).toBe(`${files['docs/sops/README.md']}- [Route support requests](route-support-requests.md)\n`);
    expect(recorded.shown).toEqual(['/repo/docs/sops/route-support-requests.md']);
  });

  it('writes nothing when the title is dismissed', async () => {
    const folder = new TestFolder({ ...files });
    recorded.answer = undefined;
    expect(await commandsFor(folder).newSop()).toBeUndefined();
    expect(recorded.written.size).toBe(0);
    expect(recorded.applied).toHaveLength(0);
  });
});
