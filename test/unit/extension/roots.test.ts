/**
 * Audit roots and silence, through the extension's own `FolderAudit` over
 * real folders (the fake `vscode` module given settings per section): a code
 * project without procedures and without `.sopmaturity.yml` is silent (no
 * diagnostics, no status bar item, no quick fix or hover), a folder with its
 * own `.sopmaturity.yml` is a root of its own that its parent leaves out,
 * gitignored and `files.exclude`d paths are never read.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ settings: {} as Record<string, Record<string, unknown>> }));

vi.mock('vscode', async () => {
  const fake = await import('../fakes/vscode');
  return {
    ...fake,
    workspace: {
      textDocuments: [],
      getConfiguration: (section: string) => ({ get: (key: string) => state.settings[section]?.[key] }),
    },
  };
});

import * as vscode from 'vscode';
import { FolderAudit } from '../../../src/extension/folder';
import { findAuditRoots } from '../../../src/node/discover';
import { filesExclude } from '../../../src/extension/select';
import { SopHoverProvider } from '../../../src/extension/kind';
import { provider, TestFolder, textDocument } from '../helpers/folder';
import { goodSop } from '../helpers/audit';

let root: string;

beforeEach(() => {
  state.settings = {};
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-ext-roots-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const write = (rel: string, text: string) => {
  const file = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

async function load(rootPath = ''): Promise<FolderAudit> {
  const audit = new FolderAudit(
    { uri: vscode.Uri.file(root), name: 'repo', index: 0 } as unknown as vscode.WorkspaceFolder,
    rootPath,
  );
  const token = {
    isCancellationRequested: false,
    onCancellationRequested: () => ({ dispose() {} }),
  } as unknown as vscode.CancellationToken;
  expect(await audit.load(token, () => undefined)).toBe(true);
  audit.recompute();
  return audit;
}

/** A TypeScript project: a README with install steps, contributing notes, no procedure. */
function codeProject(): void {
  write('package.json', '{ "name": "x" }\n');
  write('src/index.ts', 'export {};\n');
  write('README.md', '# X\n\nA library.\n\n## Install\n\n1. Clone it.\n2. Run `npm install`.\n3. Run `npm test`.\n');
  write('CONTRIBUTING.md', '# Contributing\n\nOpen a pull request.\n');
}

describe('silence', () => {
  it('a folder without procedures and without .sopmaturity.yml is silent', async () => {
    codeProject();
    const audit = await load();
    expect(audit.report!.summary).toMatchObject({ procedures: 0 });
    expect(audit.report!.summary.documents).toBeGreaterThan(0);
    expect(audit.silent).toBe(true);
  });

  it('a .sopmaturity.yml makes it speak, procedures or not', async () => {
    codeProject();
    write('.sopmaturity.yml', 'asOf: 2026-11-01\n');
    expect((await load()).silent).toBe(false);
  });

  it('one procedure makes it speak', async () => {
    codeProject();
    write('docs/sops/backup.md', goodSop('Backup'));
    expect((await load()).silent).toBe(false);
  });

  it('a silent root offers no quick fix and no hover', async () => {
    const folder = new TestFolder({ 'README.md': '# X\n\nA library.\n' });
    Object.defineProperty(folder, 'silent', { value: true });
    const doc = textDocument(folder, 'README.md');
    const context = { diagnostics: [], only: undefined, triggerKind: 1 } as unknown as vscode.CodeActionContext;
    expect(
      await provider(folder).provideCodeActions(
        doc,
        new vscode.Range(new vscode.Position(0, 0), new vscode.Position(0, 0)),
        context,
      ),
    ).toEqual([]);
    const hover = new SopHoverProvider({ folderFor: () => folder as unknown as FolderAudit });
    expect(hover.provideHover(doc, new vscode.Position(0, 0))).toBeUndefined();
  });
});

describe('audit roots', () => {
  beforeEach(() => {
    write('docs/sops/backup.md', goodSop('Backup'));
    write('team-b/.sopmaturity.yml', 'asOf: 2026-11-01\n');
    write('team-b/runbooks/rotate.md', goodSop('Rotate keys'));
    write('team-b/deeper/team-c/.sopmaturity.yml', '{}\n');
    write('team-b/deeper/team-c/x.md', goodSop('Team C'));
  });

  it('every folder with a .sopmaturity.yml is a root, after its parent', () => {
    expect(findAuditRoots(root)).toEqual(['', 'team-b', 'team-b/deeper/team-c']);
  });

  it('the parent leaves a nested root out; the nested root audits its own files, relative to itself', async () => {
    const parent = await load();
    expect(parent.report!.documents.map((d) => d.path)).toEqual(['docs/sops/backup.md']);
    expect(parent.selects('team-b/runbooks/rotate.md')).toBe(false);
    expect(parent.leavesOut('team-b/runbooks/rotate.md')).toBe(true);
    const nested = await load('team-b');
    expect(nested.root.fsPath).toBe(path.join(root, 'team-b'));
    expect(nested.name).toBe('repo/team-b');
    expect(nested.report!.documents.map((d) => d.path)).toEqual(['runbooks/rotate.md']);
    expect(nested.relativePath(vscode.Uri.file(path.join(root, 'team-b', 'runbooks', 'rotate.md')))).toBe(
      'runbooks/rotate.md',
    );
    expect(nested.configured).toBe(true);
  });
});

describe('what discovery leaves out', () => {
  beforeEach(() => {
    write('docs/sops/backup.md', goodSop('Backup'));
    write('build/generated/copy.md', goodSop('Generated copy'));
    write('tmp/notes.md', goodSop('Scratch copy'));
    write('.gitignore', 'build/\n');
  });

  it('gitignored folders are not read; sopMaturity.useGitignore: false reads them', async () => {
    expect((await load()).report!.documents.map((d) => d.path)).toEqual(['docs/sops/backup.md', 'tmp/notes.md']);
    state.settings.sopMaturity = { useGitignore: false };
    expect((await load()).report!.documents.map((d) => d.path)).toContain('build/generated/copy.md');
  });

  it("VS Code's files.exclude patterns that are on leave files out", async () => {
    state.settings.files = { exclude: { '**/tmp': true, '**/docs': false } };
    const audit = await load();
    expect(audit.report!.documents.map((d) => d.path)).toEqual(['docs/sops/backup.md']);
    expect(audit.leavesOut('tmp/notes.md')).toBe(true);
    expect(audit.leavesOut('build/x.md')).toBe(true);
    expect(audit.leavesOut('docs/sops/new.md')).toBe(false);
  });

  it('files.exclude: patterns switched on, relative to a nested root', () => {
    const setting = {
      '**/.git': true,
      '**/node_modules': true,
      'out/**': true,
      'team-b/tmp/**': true,
      '**/*.log': false,
      '**/x': { when: '$(basename).ts' },
    };
    expect(filesExclude(setting, '')).toEqual(['**/.git', '**/node_modules', 'out/**', 'team-b/tmp/**']);
    expect(filesExclude(setting, 'team-b')).toEqual(['**/.git', '**/node_modules', 'tmp/**']);
    expect(filesExclude(undefined, '')).toEqual([]);
  });
});
