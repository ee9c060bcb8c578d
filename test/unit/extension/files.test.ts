/**
 * The extension reads files as the CLI does, through its own code
 * (`FolderAudit`, src/extension/folder.ts) over a real folder, with the fake
 * `vscode` module given a file system and settings: UTF-16 documents are
 * audited, a Latin-1 one gets its `file` finding and no fixes, and the
 * configuration is confined to the workspace folder, in `.sopmaturity.yml`
 * and in workspace settings alike (there is no separate rule for Restricted
 * Mode: the extension runs no workspace code, so one rule serves both).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ settings: {} as Record<string, unknown> }));

vi.mock('vscode', async () => {
  const fake = await import('../fakes/vscode');
  const nodeFs = await import('node:fs');
  return {
    ...fake,
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    RelativePattern: class {
      constructor(
        readonly base: unknown,
        readonly pattern: string,
      ) {}
    },
    workspace: {
      textDocuments: [],
      // The search service finds nothing, so the folder is walked on disk (as right after a window opens).
      findFiles: async () => [],
      getConfiguration: () => ({ get: (key: string) => state.settings[key] }),
      fs: {
        stat: async (uri: { fsPath: string }) => {
          const st = nodeFs.statSync(uri.fsPath);
          return { type: st.isFile() ? 1 : st.isDirectory() ? 2 : 0, size: st.size };
        },
        readFile: async (uri: { fsPath: string }) => new Uint8Array(nodeFs.readFileSync(uri.fsPath)),
      },
    },
  };
});

import * as vscode from 'vscode';
import { FolderAudit } from '../../../src/extension/folder';

const posix = process.platform !== 'win32';
const SECRET = 'SECRET-52be0a';
let base: string;
let root: string;

const SOP =
  '---\ntitle: Café backup\ntype: sop\nowner: ops\n---\n# Café backup\n\n## Procedure\n\n1. Open the console.\n2. Check the jobs.\n';

beforeEach(() => {
  state.settings = {};
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-ext-files-'));
  root = path.join(base, 'repo');
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(base, 'outside.yaml'), `extends: oml\ntitle: ${SECRET}\n`);
});
afterEach(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

async function load(): Promise<FolderAudit> {
  const audit = new FolderAudit({
    uri: vscode.Uri.file(root),
    name: 'repo',
    index: 0,
  } as unknown as vscode.WorkspaceFolder);
  const token = {
    isCancellationRequested: false,
    onCancellationRequested: () => ({ dispose() {} }),
  } as unknown as vscode.CancellationToken;
  expect(await audit.load(token, () => undefined)).toBe(true);
  audit.recompute();
  return audit;
}

const write = (rel: string, data: string | Buffer) => fs.writeFileSync(path.join(root, ...rel.split('/')), data);
const allErrors = (audit: FolderAudit) => [...audit.configErrors.values()].flat();

describe('documents in every encoding', () => {
  it('UTF-16 LE and BE with a byte-order mark are audited like UTF-8', async () => {
    write(
      'docs/le.md',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SOP.replace('Café backup', 'LE backup'), 'utf16le')]),
    );
    write(
      'docs/be.md',
      Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        Buffer.from(SOP.replace('Café backup', 'BE backup'), 'utf16le').swap16(),
      ]),
    );
    write('docs/bom.md', `\uFEFF${SOP.replace('Café backup', 'BOM backup')}`);
    const audit = await load();
    const docs = audit.report!.documents.map((d) => [d.path, d.title, d.kind]);
    expect(docs).toEqual([
      ['docs/be.md', 'BE backup', 'procedure'],
      ['docs/bom.md', 'BOM backup', 'procedure'],
      ['docs/le.md', 'LE backup', 'procedure'],
    ]);
    expect(audit.report!.errors).toEqual([]);
  });

  it('a Latin-1 file gets a file finding at its first bad byte and offers no fix, also when fed again', async () => {
    write('docs/latin1.md', Buffer.from(SOP, 'latin1'));
    const audit = await load();
    const doc = () => audit.report!.documents.find((d) => d.path === 'docs/latin1.md')!;
    expect(doc().findings.find((f) => f.check === 'file')!.range.start).toMatchObject({ line: 2, column: 11 });
    expect(doc().findings.flatMap((f) => f.fixes)).toEqual([]);
    // A change on disk reads the file again (the watcher's path): still marked.
    const text = await audit.readMarkdown('docs/latin1.md');
    expect(typeof text).toBe('string');
    audit.setText('docs/latin1.md', text as string);
    audit.recompute();
    expect(doc().findings.filter((f) => f.check === 'file')).toHaveLength(1);
    expect(doc().findings.flatMap((f) => f.fixes)).toEqual([]);
    // Once saved as UTF-8, it is an ordinary document.
    write('docs/latin1.md', SOP);
    audit.setText('docs/latin1.md', (await audit.readMarkdown('docs/latin1.md')) as string);
    audit.recompute();
    expect(doc().findings.filter((f) => f.check === 'file')).toEqual([]);
    // Fixes are offered again (this short document is a stub: no checklist from two steps, but the aids are there).
    expect(doc().findings.flatMap((f) => f.fixes)).toContain('add-category');
  });
});

describe('configuration confined to the workspace folder', () => {
  it('a rubric in .sopmaturity.yml outside the folder (through ..) is an error at the key; the built-in rubric applies', async () => {
    write('.sopmaturity.yml', '# team settings\nrubric: ../outside.yaml\n');
    const audit = await load();
    expect(audit.rubric.source).toBe('builtin');
    const errors = allErrors(audit);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: '.sopmaturity.yml', line: 2, column: 9 });
    expect(JSON.stringify(errors)).not.toContain(SECRET);
  });

  it.skipIf(!posix).each([
    [
      'a link out of the folder',
      () => fs.symlinkSync('../outside.yaml', path.join(root, 'r.yaml')),
      'leads out of the audited folder through a symbolic link',
    ],
    [
      'a link to /proc/self/environ',
      () => fs.symlinkSync('/proc/self/environ', path.join(root, 'r.yaml')),
      'leads out of the audited folder through a symbolic link',
    ],
    [
      'a named pipe',
      () => spawnSync('mkfifo', [path.join(root, 'r.yaml')]),
      'is a named pipe (FIFO), not a regular file',
    ],
    [
      'a 2 MB file',
      () => write('r.yaml', `title: ${SECRET}${'x'.repeat(2_000_000)}\n`),
      'is SIZE bytes, over the limit of 1000000 bytes',
    ],
  ])(
    'a rubric that is %s, named in .sopmaturity.yml, is refused at the key without being read',
    async (_name, make, reason) => {
      make();
      write('.sopmaturity.yml', 'rubric: r.yaml\n');
      const audit = await load();
      expect(audit.rubric.source).toBe('builtin');
      const size = String(fs.lstatSync(path.join(root, 'r.yaml')).size);
      expect(allErrors(audit)).toEqual([
        {
          file: '.sopmaturity.yml',
          line: 1,
          column: 9,
          message: `\`rubric\` ${reason.replace('SIZE', size)} (using the built-in OML rubric): the file is not read`,
        },
      ]);
    },
  );

  it('a rubric setting outside the folder is an error at its key in .vscode/settings.json', async () => {
    fs.mkdirSync(path.join(root, '.vscode'));
    write('.vscode/settings.json', '{\n  "editor.tabSize": 2,\n    "sopMaturity.rubric": "../outside.yaml"\n}\n');
    state.settings = { rubric: '../outside.yaml' };
    const audit = await load();
    expect(audit.rubric.source).toBe('builtin');
    expect(allErrors(audit)).toEqual([
      {
        file: '.vscode/settings.json',
        line: 3,
        column: 5,
        message:
          '`sopMaturity.rubric` leads out of the audited folder (`..`): name a path inside it: the file is not read (using the built-in OML rubric)',
      },
    ]);
  });

  it.skipIf(!posix)('a centralFolder setting that leads out through a link is not used', async () => {
    fs.symlinkSync(base, path.join(root, 'kb'));
    state.settings = { centralFolder: 'kb' };
    const audit = await load();
    expect(audit.config.centralFolder).toBeUndefined();
    expect(allErrors(audit)).toEqual([
      {
        file: '.vscode/settings.json',
        line: 1,
        column: 1,
        message:
          '`sopMaturity.centralFolder` leads out of the audited folder through a symbolic link: the setting is not used',
      },
    ]);
  });

  it.skipIf(!posix)('.sopmaturity.yml that links out of the folder is not read', async () => {
    fs.symlinkSync('../outside.yaml', path.join(root, '.sopmaturity.yml'));
    const audit = await load();
    expect(allErrors(audit).map((e) => e.message)).toEqual([
      '.sopmaturity.yml leads out of the audited folder through a symbolic link: it is not read (a regular file of at most 1 MB inside the workspace folder)',
    ]);
    expect(audit.rubric.source).toBe('builtin');
  });

  it('a rubric inside the folder is used', async () => {
    write('ops-rubric.yaml', 'extends: oml\ntitle: Ops rubric\n');
    write('.sopmaturity.yml', 'rubric: ./ops-rubric.yaml\n');
    const audit = await load();
    expect(allErrors(audit)).toEqual([]);
    expect(audit.rubric.title).toBe('Ops rubric');
  });
});
