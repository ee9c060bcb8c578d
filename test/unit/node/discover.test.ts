import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFileExists,
  discover,
  findAuditRoots,
  isOwnerFileName,
  loadPathRules,
  readTextFile,
  rebasePattern,
  writeTextFile,
} from '../../../src/node/discover';
import { Progress } from '../../../src/cli/progress';

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
    for (const rel of [
      'README.md',
      'docs/sops/patching.md',
      'docs/sops/Backup.MARKDOWN',
      'docs/notes.txt',
      'archive/old.md',
      'docs/sops/wip.draft.md',
    ])
      write(rel);
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
    for (const rel of [
      'CODEOWNERS',
      '.github/CODEOWNERS',
      'docs/CODEOWNERS',
      'docs/sops/CODEOWNERS',
      'docs/sops/OWNERS',
      'OWNERS',
    ]) {
      write(rel, '* @team\n');
    }
    expect(discover(root, config).ownerFiles).toEqual([
      '.github/CODEOWNERS',
      'CODEOWNERS',
      'OWNERS',
      'docs/CODEOWNERS',
      'docs/sops/OWNERS',
    ]);
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

describe('discover and .gitignore', () => {
  /**
   * A repository whose root .gitignore leaves out a build folder and every
   * `*.log.md`, brings one back with a negation, and whose nested
   * docs/.gitignore has its own anchored, folder-only and `**` patterns.
   * Each ignored folder holds a `.sopmaturity.yml` and a broken symbolic
   * link named like a document: a walk that listed the folder would report
   * the first as an audit root and the second as an error, so their absence
   * shows the folder was never listed. (The tmp pattern ignores what is inside
   * tmp/, not tmp/ itself: git lists it, and so do we, but nothing in it
   * counts, its `.sopmaturity.yml` included.)
   */
  function gitignoredTree() {
    write('.gitignore', '# build output\nbuild/\n*.log.md\n!keep.log.md\n/top-only.md\n');
    write('docs/.gitignore', 'drafts/\n/local.md\n**/tmp/**\n!important.log.md\n');
    for (const rel of [
      'README.md',
      'top-only.md',
      'build/out.md',
      'run.log.md',
      'keep.log.md',
      'docs/a.md',
      'docs/local.md',
      'docs/sops/local.md',
      'docs/drafts/d.md',
      'docs/sops/drafts/e.md',
      'docs/sops/tmp/x/f.md',
      'docs/sops/run.log.md',
      'docs/important.log.md',
      'docs/sops/top-only.md',
      // a folder named build below docs is ignored too (`build/` matches at any depth), a file named build is not
      'docs/build/g.md',
    ])
      write(rel);
    write('docs/sops/build', 'not a folder');
    for (const folder of ['build', 'docs/drafts', 'docs/sops/tmp']) {
      write(`${folder}/.sopmaturity.yml`, '');
      try {
        fs.symlinkSync(path.join(root, 'missing'), path.join(root, ...folder.split('/'), 'broken.md'));
      } catch {
        // symbolic links need privileges on some Windows machines; the audit-root marker still tells
      }
    }
  }
  const visible = [
    'README.md',
    'docs/a.md',
    'docs/important.log.md',
    'docs/sops/local.md',
    'docs/sops/top-only.md',
    'keep.log.md',
  ];

  it("leaves out what .gitignore files ignore, with git's rules, and never lists an ignored folder", () => {
    gitignoredTree();
    const found = discover(root, config);
    expect(found.markdown).toEqual(visible);
    expect(found.roots).toEqual([]);
    expect(found.errors).toEqual([]);
  });

  it('with gitignore: false, audits them too', () => {
    gitignoredTree();
    const found = discover(root, { ...config, gitignore: false });
    expect(found.markdown).toEqual([
      'README.md',
      'docs/a.md',
      'docs/build/g.md',
      'docs/important.log.md',
      'docs/local.md',
      'docs/sops/drafts/e.md',
      'docs/sops/local.md',
      'docs/sops/run.log.md',
      'docs/sops/top-only.md',
      'keep.log.md',
      'run.log.md',
      'top-only.md',
    ]);
    // The formerly ignored folders are walked now: each is an audit root of its own.
    expect(found.roots).toEqual(['build', 'docs/drafts', 'docs/sops/tmp']);
  });

  it('reads .git/info/exclude under the .gitignore files', () => {
    write('.git/info/exclude', 'private/\n*.md\n');
    write('.gitignore', '!*.md\n');
    write('private/a.md');
    write('b.md');
    expect(discover(root, config).markdown).toEqual(['b.md']);
  });

  it("adds the caller's exclude globs (VS Code files.exclude) to the configuration's", () => {
    write('docs/a.md');
    write('docs/hidden/b.md');
    expect(discover(root, config, { exclude: ['**/hidden'] }).markdown).toEqual(['docs/a.md']);
  });

  it('reports a pattern it will not apply where it is written, and applies the others', () => {
    write('.gitignore', `a/**/b/**/c/**/d\n${'x'.repeat(1100)}\nskipped/\n`);
    write('skipped/a.md');
    write('kept.md');
    const found = discover(root, config);
    expect(found.markdown).toEqual(['kept.md']);
    expect(found.errors.map((e) => `${e.path}: ${e.message.replace(/: it.*/, '')}`)).toEqual([
      '.gitignore: line 1: the pattern has more than 2 `**` segments',
      '.gitignore: line 2: the pattern is over 1024 characters long',
    ]);
  });

  it("rewrites a nested file's patterns relative to the root", () => {
    expect(rebasePattern('*.md', 'docs')).toBe('docs/**/*.md');
    expect(rebasePattern('/local.md', 'docs')).toBe('docs/local.md');
    expect(rebasePattern('drafts/', 'docs')).toBe('docs/**/drafts/');
    expect(rebasePattern('a/b', 'docs')).toBe('docs/a/b');
    expect(rebasePattern('!keep.md', 'docs')).toBe('!docs/**/keep.md');
    expect(rebasePattern('**/**/x/**', 'docs')).toBe('docs/**/x/**');
    expect(rebasePattern('\\#hash.md', 'docs')).toBe('docs/**/#hash.md');
    expect(rebasePattern('x', 'we[ir]d*')).toBe('we\\[ir\\]d\\*/**/x');
    expect(rebasePattern('# comment', 'docs')).toBeUndefined();
    expect(rebasePattern('   ', 'docs')).toBeUndefined();
    expect(rebasePattern('build/  ', '')).toBe('build/');
  });
});

describe('audit roots', () => {
  it('does not walk a folder holding a .sopmaturity.yml, and lists it as an audit root', () => {
    write('docs/a.md');
    write('docs/sops/.sopmaturity.yml', 'include: ["**/*"]\n');
    write('docs/sops/b.md');
    write('team/.sopmaturity.yml', '');
    write('team/c.md');
    write('team/inner/.sopmaturity.yml', '');
    write('team/inner/d.md');
    const found = discover(root, config);
    expect(found.markdown).toEqual(['docs/a.md']);
    expect(found.roots).toEqual(['docs/sops', 'team']);
    expect(findAuditRoots(root, config)).toEqual(['', 'docs/sops', 'team', 'team/inner']);
  });

  it('finds no audit root inside an ignored or excluded folder', () => {
    write('.gitignore', 'vendor/\n');
    write('vendor/pkg/.sopmaturity.yml', '');
    write('archive/x/.sopmaturity.yml', '');
    write('ok/.sopmaturity.yml', '');
    expect(findAuditRoots(root, config)).toEqual(['', 'ok']);
  });
});

describe('loadPathRules', () => {
  it('agrees with discover() on every path of the tree', () => {
    write('.gitignore', 'build/\n*.log.md\n!keep.log.md\n');
    write('docs/.gitignore', 'drafts/\n/local.md\n');
    write('docs/sops/.sopmaturity.yml', '');
    for (const rel of [
      'a.md',
      'keep.log.md',
      'x.log.md',
      'build/b.md',
      'docs/c.md',
      'docs/local.md',
      'docs/drafts/d.md',
      'docs/sub/local.md',
      'docs/sops/e.md',
      'archive/f.md',
      'docs/g.draft.md',
    ])
      write(rel);
    const rules = loadPathRules(root, config);
    const found = new Set(discover(root, config).markdown);
    const all = (dir: string): string[] =>
      fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        return e.isDirectory() ? all(rel) : [rel];
      });
    for (const rel of all('').filter((p) => p.endsWith('.md')))
      expect([rel, !rules.leavesOut(rel)]).toEqual([rel, found.has(rel)]);
    expect(rules.roots).toEqual(['docs/sops']);
    expect(rules.leavesOut('docs/sops', true)).toBe(true);
    expect(rules.leavesOut('build', true)).toBe(true);
    expect(rules.leavesOut('docs/drafts', true)).toBe(true);
    expect(rules.leavesOut('docs', true)).toBe(false);
    // A file that appears later is judged by the rules read; a new .gitignore counts after reload().
    expect(rules.leavesOut('docs/new.md')).toBe(false);
    write('docs/.gitignore', 'new.md\n');
    expect(rules.leavesOut('docs/new.md')).toBe(false);
    rules.reload();
    expect(rules.leavesOut('docs/new.md')).toBe(true);
    expect(loadPathRules(root, { ...config, gitignore: false }).leavesOut('build/b.md')).toBe(false);
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
