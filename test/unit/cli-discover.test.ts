import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileExists, discover, isOwnerFileName, readTextFile, writeTextFile } from '../../src/cli/discover';
import { Progress } from '../../src/cli/progress';

const config = {
  include: ['**/*'],
  exclude: ['archive/**', '**/*.draft.md'],
  markdownExtensions: ['.md', '.markdown'],
};

let base: string;
let root: string;

function write(rel: string, text = '# x\n') {
  const file = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeEach(() => {
  // The audited root is a child of the temp folder, so tests can put files just outside it.
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-discover-'));
  root = path.join(base, 'repo');
  fs.mkdirSync(root);
});
afterEach(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

describe('discover', () => {
  it('finds Markdown files by extension, honouring include and exclude, as sorted POSIX paths', () => {
    for (const rel of ['README.md', 'docs/sops/patching.md', 'docs/sops/Backup.MARKDOWN', 'docs/notes.txt',
      'archive/old.md', 'docs/sops/wip.draft.md']) write(rel);
    const found = discover(root, config);
    expect(found.markdown).toEqual(['README.md', 'docs/sops/Backup.MARKDOWN', 'docs/sops/patching.md']);
    expect(found.errors).toEqual([]);
  });

  it('only takes what include selects', () => {
    write('docs/a.md');
    write('other/b.md');
    expect(discover(root, { ...config, include: ['docs/**'] }).markdown).toEqual(['docs/a.md']);
  });

  it('always skips node_modules and .git', () => {
    write('node_modules/pkg/README.md');
    write('.git/info/x.md');
    write('docs/a.md');
    expect(discover(root, { ...config, include: ['**/*'], exclude: [] }).markdown).toEqual(['docs/a.md']);
  });

  it('collects CODEOWNERS where GitHub reads it and every OWNERS file', () => {
    for (const rel of ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', 'docs/sops/CODEOWNERS', 'docs/sops/OWNERS', 'OWNERS']) {
      write(rel, '* @team\n');
    }
    expect(discover(root, config).ownerFiles).toEqual(['.github/CODEOWNERS', 'CODEOWNERS', 'OWNERS', 'docs/CODEOWNERS', 'docs/sops/OWNERS']);
    expect(isOwnerFileName('a/b/OWNERS')).toBe(true);
    expect(isOwnerFileName('a/CODEOWNERS')).toBe(false);
  });

  it('does not loop through a symlink to a parent folder, nor audit a file twice', () => {
    write('docs/sops/a.md');
    try {
      fs.symlinkSync(root, path.join(root, 'docs', 'loop'), 'dir');
      fs.symlinkSync(path.join(root, 'docs', 'sops'), path.join(root, 'alias'), 'dir');
    } catch {
      return; // symlinks need privileges on some Windows machines
    }
    expect(discover(root, config).markdown).toEqual(['docs/sops/a.md']);
  });

  it('follows a symlinked folder once when its target is otherwise unreachable', () => {
    write('shared/sops/a.md');
    try {
      fs.symlinkSync(path.join(root, 'shared', 'sops'), path.join(root, 'linked'), 'dir');
    } catch {
      return;
    }
    expect(discover(root, { ...config, exclude: ['shared/**'] }).markdown).toEqual(['linked/a.md']);
  });
});

describe('readTextFile and writeTextFile', () => {
  it('strips a byte-order mark, remembers it and writes it back', () => {
    write('a.md', '\uFEFF# Title\n');
    const read = readTextFile(root, 'a.md');
    expect(read).toMatchObject({ ok: true, text: '# Title\n', encoding: 'utf-8', bom: true });
    if (!read.ok) throw new Error('unreadable');
    writeTextFile(root, 'a.md', '# New\n', read);
    expect(fs.readFileSync(path.join(root, 'a.md'), 'utf8')).toBe('\uFEFF# New\n');
    write('b.md', '# B\n');
    expect(readTextFile(root, 'b.md')).toMatchObject({ ok: true, text: '# B\n', encoding: 'utf-8', bom: false });
  });

  it('returns an error instead of throwing for an unreadable file', () => {
    const read = readTextFile(root, 'missing.md');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(/^cannot read the file: ENOENT/);
  });
});

describe('createFileExists', () => {
  it('answers for files and folders inside the root only', () => {
    write('docs/a.md');
    write('../outside.md');
    const exists = createFileExists(root);
    expect(exists('docs/a.md')).toBe(true);
    expect(exists('docs')).toBe(true);
    expect(exists('docs/missing.md')).toBe(false);
    expect(exists('../outside.md')).toBe(false);
  });

  it('caches answers', () => {
    write('a.md');
    const exists = createFileExists(root);
    expect(exists('a.md')).toBe(true);
    fs.rmSync(path.join(root, 'a.md'));
    expect(exists('a.md')).toBe(true);
  });
});

describe('Progress', () => {
  const stream = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, isTTY, write: (t: string) => out.push(t) };
  };

  it('stays silent off a terminal or for short audits', () => {
    const pipe = stream(false);
    const p1 = new Progress(pipe, 1000);
    p1.update(500);
    p1.finish();
    const tty = stream(true);
    const p2 = new Progress(tty, 200);
    p2.update(100);
    p2.finish();
    expect([...pipe.out, ...tty.out]).toEqual([]);
  });

  it('redraws one line at most every 100 ms and clears it at the end', () => {
    const tty = stream(true);
    let now = 0;
    const p = new Progress(tty, 300, () => now);
    now = 200;
    p.update(1);
    now = 250;
    p.update(2); // too soon
    now = 400;
    p.update(3);
    p.update(300); // the last file always shows
    p.finish();
    expect(tty.out).toEqual([
      '\r\u001b[KAuditing 1/300 files',
      '\r\u001b[KAuditing 3/300 files',
      '\r\u001b[KAuditing 300/300 files',
      '\r\u001b[K',
    ]);
  });
});
