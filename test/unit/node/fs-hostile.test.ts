/**
 * A hostile file system under the CLI, in real temp folders: symlink loops
 * and links out of the root, entries that cannot be read (a folder named
 * x.md, a broken link, a named pipe, a permission error injected at the read),
 * a file deleted between discovery and read, 100,000 files that are not
 * Markdown, and names with spaces, Unicode, `#`, `%`, parentheses, HTML and
 * control characters, through every output format. No timing assertion: a
 * hang shows as the test timing out.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discover, readRegularFile, readTextFile, type ReadFile } from '../../../src/node/discover';
import { run, type CliIo } from '../../../src/cli/run';
import type { Report } from '../../../src/core/report/types';

const AS_OF = '2026-11-23';
const posix = process.platform !== 'win32';
const CONFIG = { include: ['**/*'], exclude: ['archive/**'], markdownExtensions: ['.md'] };

let base: string;
let root: string;

beforeEach(() => {
  // The audited root is a child of the temp folder, so tests can put files just outside it.
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-hostile-'));
  root = path.join(base, 'repo');
  fs.mkdirSync(root);
});
afterEach(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

function write(rel: string, text = sop(path.basename(rel, '.md'))): void {
  const file = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function link(rel: string, target: string): void {
  const file = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.symlinkSync(target, file);
}

function sop(title: string, body = ''): string {
  return `---\ntitle: ${title}\ntype: sop\nowner: ops\n---\n# ${title}\n\n## Procedure\n\n1. Do the first thing.\n2. Do the second thing.\n${body}`;
}

/** Runs `sop-maturity audit . --format FORMAT` in the root, in process. */
function audit(
  format: string,
  io: Partial<CliIo> = {},
  ...args: string[]
): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = run(['audit', '.', '--format', format, '--as-of', AS_OF, '--no-cache', ...args], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    cwd: root,
    ...io,
  }) as number;
  return { code, stdout, stderr };
}

function report(io: Partial<CliIo> = {}): Report {
  const r = audit('json', io);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const paths = (r: Report) => r.documents.map((d) => d.path);
const errorsOf = (r: Report) => r.errors.map((e) => [e.path, e.message]);

describe.skipIf(!posix)('symbolic links (POSIX: symlinks need privileges on Windows)', () => {
  it('loops of links end: a → b → a, a link to itself, links to the root and to a parent', () => {
    write('docs/sops/a.md');
    link('docs/a', 'b');
    link('docs/b', 'a');
    link('docs/self.md', 'self.md');
    link('docs/sops/up', '..');
    link('docs/sops/root', root);
    link('here', '.');
    const found = discover(root, CONFIG);
    expect(found.markdown).toEqual(['docs/sops/a.md']);
    // The loop a ↔ b is not Markdown: skipped silently. A Markdown name that cannot be read is reported.
    expect(found.errors).toEqual([
      { path: 'docs/self.md', message: 'broken symbolic link: ELOOP (a loop of symbolic links): not audited' },
    ]);
    const r = report();
    expect(paths(r)).toEqual(['docs/sops/a.md']);
    expect(errorsOf(r)).toEqual([
      ['docs/self.md', 'broken symbolic link: ELOOP (a loop of symbolic links): not audited'],
    ]);
  });

  it('two folders linking to each other are each walked once', () => {
    write('x/one.md');
    write('y/two.md');
    link('x/to-y', '../y');
    link('y/to-x', '../x');
    expect(discover(root, CONFIG).markdown).toEqual(['x/one.md', 'y/two.md']);
  });

  it('of two links to the same folder outside the walk, the first name wins, whatever order the disk lists them in', () => {
    write('shared/a.md');
    link('zz-link', 'shared');
    link('aa-link', 'shared');
    link('mm/link', '../shared');
    expect(discover(root, { ...CONFIG, exclude: ['shared/**'] }).markdown).toEqual(['aa-link/a.md']);
  });

  it('a linked Markdown file inside the root is one document: the real path wins, a link to an unreachable file is audited under its name', () => {
    write('docs/real.md');
    link('docs/alias.md', 'real.md');
    link('docs/again.md', '../docs/real.md');
    write('archive/hidden.md');
    link('docs/from-archive.md', '../archive/hidden.md');
    link('docs/twice.md', '../archive/hidden.md');
    const found = discover(root, CONFIG);
    expect(found.markdown).toEqual(['docs/from-archive.md', 'docs/real.md']);
    expect(found.errors).toEqual([]);
  });

  it('never leaves the root: a linked file outside is reported, a linked folder outside is not walked', () => {
    fs.writeFileSync(path.join(base, 'secret.md'), sop('Secret'));
    fs.mkdirSync(path.join(base, 'elsewhere'));
    fs.writeFileSync(path.join(base, 'elsewhere', 'far.md'), sop('Far'));
    write('docs/in.md');
    link('docs/secret.md', path.join(base, 'secret.md'));
    link('docs/elsewhere', '../../elsewhere');
    link('notes.txt', path.join(base, 'secret.md')); // not Markdown: not our business
    const r = report();
    expect(paths(r)).toEqual(['docs/in.md']);
    expect(errorsOf(r)).toEqual([
      ['docs/secret.md', 'symbolic link to a file outside the audited folder: not audited'],
    ]);
    expect(JSON.stringify(r)).not.toContain('Secret');
  });

  it('an audited root that is itself a link works like the real folder', () => {
    write('docs/a.md');
    link('docs/b.md', 'a.md');
    const alias = path.join(base, 'alias');
    fs.symlinkSync(root, alias);
    expect(discover(alias, CONFIG).markdown).toEqual(['docs/a.md']);
  });
});

describe('files that cannot be read', () => {
  it('a folder named x.md is a folder: walked, never read', () => {
    write('docs/guide.md/inner.md');
    write('docs/a.md');
    const r = report();
    expect(paths(r)).toEqual(['docs/a.md', 'docs/guide.md/inner.md']);
    expect(r.errors).toEqual([]);
  });

  it.skipIf(!posix)('a broken link named x.md is reported and the audit goes on', () => {
    write('docs/a.md');
    link('docs/gone.md', 'nowhere.md');
    link('docs/gone-folder', 'nowhere'); // not Markdown: skipped silently
    const r = report();
    expect(paths(r)).toEqual(['docs/a.md']);
    expect(r.errors).toEqual([
      {
        path: 'docs/gone.md',
        message:
          'broken symbolic link: ENOENT (it does not exist (deleted or moved during the audit, or the target of a broken link)): not audited',
      },
    ]);
  });

  it.skipIf(!posix)(
    'a named pipe named x.md, or linked as x.md, is reported, never opened (it would wait for a writer forever)',
    () => {
      write('docs/a.md');
      execFileSync('mkfifo', [path.join(root, 'docs', 'pipe.md'), path.join(root, 'docs', 'pipe.txt')]);
      link('docs/to-pipe.md', 'pipe.md');
      const r = report();
      expect(paths(r)).toEqual(['docs/a.md']);
      expect(errorsOf(r)).toEqual([
        ['docs/pipe.md', 'a named pipe (FIFO), not a regular file: not audited'],
        ['docs/to-pipe.md', 'symbolic link to a named pipe (FIFO), not a regular file: not audited'],
      ]);
    },
  );

  it.skipIf(!posix)('a file that became a pipe or a folder after discovery fails at once', () => {
    execFileSync('mkfifo', [path.join(root, 'late.md')]);
    fs.mkdirSync(path.join(root, 'dir.md'));
    expect(() => readRegularFile(path.join(root, 'late.md'))).toThrow(/not a regular file/);
    expect(readTextFile(root, 'late.md')).toEqual({
      ok: false,
      message: 'cannot read the file: ENOTREG (it is a named pipe (FIFO), not a regular file)',
    });
    expect(readTextFile(root, 'dir.md')).toEqual({
      ok: false,
      message: 'cannot read the file: EISDIR (it is a folder)',
    });
  });

  it('a permission error at the read (injected) is reported with its code and the audit goes on', () => {
    write('docs/a.md');
    write('docs/locked.md');
    write('CODEOWNERS', '* @ops\n');
    const readFile: ReadFile = (abs) => {
      if (abs.endsWith(`${path.sep}locked.md`) || abs.endsWith(`${path.sep}CODEOWNERS`)) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${abs}'`), { code: 'EACCES' });
      }
      return readRegularFile(abs);
    };
    const r = report({ readFile });
    expect(paths(r)).toEqual(['docs/a.md']);
    expect(errorsOf(r)).toEqual([
      ['CODEOWNERS', 'cannot read the file: EACCES (permission denied)'],
      ['docs/locked.md', 'cannot read the file: EACCES (permission denied)'],
    ]);
    // Messages carry no absolute path (reports are compared and cached across machines).
    expect(JSON.stringify(r.errors)).not.toContain(base);
  });

  it('an unknown read error keeps its code and Node’s words, without the path', () => {
    write('a.md');
    const readFile: ReadFile = (abs) => {
      throw Object.assign(new Error(`EXDEV: cross-device link not permitted, open '${abs}'`), { code: 'EXDEV' });
    };
    expect(readTextFile(root, 'a.md', readFile)).toEqual({
      ok: false,
      message: 'cannot read the file: EXDEV (cross-device link not permitted)',
    });
  });

  it('a file deleted between discovery and read is reported; the others are audited', () => {
    write('docs/a.md');
    write('docs/b.md');
    write('docs/c.md');
    write('docs/OWNERS', 'approvers: [ops]\n');
    const read: string[] = [];
    const readFile: ReadFile = (abs) => {
      read.push(path.relative(root, abs).split(path.sep).join('/'));
      if (abs.endsWith('b.md') || abs.endsWith('OWNERS')) fs.rmSync(abs); // gone in the meantime
      return readRegularFile(abs);
    };
    const r = report({ readFile });
    expect(read.sort()).toEqual(['docs/OWNERS', 'docs/a.md', 'docs/b.md', 'docs/c.md']);
    expect(paths(r)).toEqual(['docs/a.md', 'docs/c.md']);
    expect(r.errors.map((e) => e.path)).toEqual(['docs/OWNERS', 'docs/b.md']);
    expect(r.errors[1].message).toBe(
      'cannot read the file: ENOENT (it does not exist (deleted or moved during the audit, or the target of a broken link))',
    );
  });
});

describe('a large workspace of other files', () => {
  it('100,000 files that are not Markdown: a valid empty report, nothing read, ignored folders not walked', () => {
    // Creating 100,000 files is the slow part: in memory (tmpfs) when there is one, it takes seconds even on a busy disk.
    if (fs.existsSync('/dev/shm')) {
      fs.rmSync(base, { recursive: true, force: true });
      base = fs.mkdtempSync(path.join('/dev/shm', 'sop-hostile-'));
      root = path.join(base, 'repo');
      fs.mkdirSync(root);
    }
    const dirs = 100;
    for (let d = 0; d < dirs; d++) {
      const dir = path.join(root, `src${d}`);
      fs.mkdirSync(dir);
      for (let f = 0; f < 100_000 / dirs; f++) fs.closeSync(fs.openSync(path.join(dir, `file${f}.ts`), 'w'));
    }
    // If these folders were walked, their broken Markdown links would show as errors.
    for (const skipped of ['node_modules/pkg', '.git/objects', 'archive']) {
      fs.mkdirSync(path.join(root, skipped), { recursive: true });
      if (posix) fs.symlinkSync('nowhere.md', path.join(root, skipped, 'broken.md'));
      fs.writeFileSync(path.join(root, skipped, 'README.md'), sop('Skipped'));
    }
    fs.writeFileSync(path.join(root, '.sopmaturity.yml'), 'exclude: [archive/**]\n');
    let reads = 0;
    const readFile: ReadFile = (abs) => {
      reads++;
      return readRegularFile(abs);
    };
    const r = report({ readFile });
    expect(reads).toBe(0);
    expect(r.summary.procedures).toBe(0);
    expect(r.documents).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.levels.overall).toBe(0);
  }, 120_000);
});

describe('names with spaces, Unicode, #, %, parentheses, HTML and control characters', () => {
  const NFD = 'Re\u0301sume\u0301'; // as macOS writes it
  const NAMES = [
    'docs/my file.md',
    'docs/café.md',
    `docs/${NFD}.md`,
    'docs/😀 emoji.md',
    'docs/手順書.md',
    'docs/a#b.md',
    'docs/100%.md',
    'docs/old (2019).md',
  ];
  const HOSTILE = posix ? ['docs/x<img src=y onerror=alert(1)>.md', 'docs/red\u001b[31m.md', 'docs/two\nlines.md'] : [];
  const INDEX = [
    '# Procedures',
    '',
    '- [a](my%20file.md) and [b](<my file.md>)',
    '- [c](caf%C3%A9.md) and [d](<café.md>) and [e](cafe%CC%81.md)', // the last one NFD for an NFC file
    `- [f](R%C3%A9sum%C3%A9.md) (NFC for an NFD file)`,
    '- [g](%F0%9F%98%80%20emoji.md) and [h](<😀 emoji.md>)',
    '- [i](手順書.md) and [j](%E6%89%8B%E9%A0%86%E6%9B%B8.md)',
    '- [k](a%23b.md) and [l](100%25.md)',
    '- [m](<old (2019).md>) and [n](old%20(2019).md)',
    '- [broken](missing%20file.md)',
    '',
  ].join('\n');

  beforeEach(() => {
    [...NAMES, ...HOSTILE].forEach((name, i) => write(name, sop(`Procedure ${i + 1}`)));
    write('docs/README.md', INDEX);
    write('docs/links.md', sop('Links', `\n${INDEX.replace('# Procedures', '## Related')}`)); // links are checked in procedures
  });

  it('are discovered and audited under their exact names', () => {
    const r = report();
    expect(paths(r)).toEqual([...NAMES, ...HOSTILE, 'docs/README.md', 'docs/links.md'].sort());
    expect(r.errors).toEqual([]);
  });

  it('their links resolve, percent-encoded, in angle brackets, in either Unicode normal form; a missing one is still broken', () => {
    const r = report();
    const linking = r.documents.find((d) => d.path === 'docs/links.md')!;
    const links = linking.findings.filter((f) => f.check === 'links');
    expect(links).toHaveLength(1);
    expect(links[0].message).toBe(
      'Broken link `missing%20file.md` (file not found): point it at an existing file or page',
    );
    expect(links[0].related ?? []).toEqual([]);
    // Every document is reachable from the index.
    for (const d of r.documents.filter((d) => NAMES.includes(d.path))) {
      expect([d.path, d.findings.filter((f) => f.check === 'kb-index').length]).toEqual([d.path, 0]);
    }
  });

  it('text: names as they are, control characters shown as escapes', () => {
    const { stdout, code } = audit('text', {}, '--no-color');
    expect(code).toBe(0);
    for (const name of NAMES) expect(stdout).toContain(name);
    expect(stdout).not.toContain('\u001b');
    if (posix) expect(stdout).toContain('docs/red\\u001B[31m.md');
  });

  it('SARIF: each URI is the name percent-encoded segment by segment, and decodes back to it', () => {
    const sarif = JSON.parse(audit('sarif').stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = new Set(
      sarif.runs[0].results.map((x) => x.locations[0]?.physicalLocation.artifactLocation.uri).filter(Boolean),
    );
    for (const name of [...NAMES, ...HOSTILE]) {
      const uri = name.split('/').map(encodeURIComponent).join('/');
      expect(uris).toContain(uri);
      // A valid relative reference: only unreserved characters, sub-delimiters, '/' and escapes.
      expect(uri).toMatch(/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$/);
      expect(new URL(uri, 'file:///repo/').pathname).toBe(`/repo/${uri}`);
      expect(decodeURIComponent(uri)).toBe(name);
    }
    expect(uris).toContain('docs/a%23b.md');
    expect(uris).toContain('docs/100%25.md');
    expect(uris).toContain('docs/my%20file.md');
    expect(uris).toContain(`docs/${encodeURIComponent(NFD)}.md`); // the bytes on disk, not renormalised
  });

  it('Markdown and HTML escape the names', () => {
    const md = audit('markdown').stdout;
    expect(md).toContain('docs/a\\#b.md');
    expect(md).toContain('docs/old (2019).md');
    expect(md).toContain('docs/手順書.md');
    if (posix) {
      expect(md).not.toContain('<img');
      expect(md).toContain('docs/x&lt;img src=y onerror=alert(1)\\>.md');
      expect(md).not.toMatch(/two\nlines/);
    }
    const html = audit('html').stdout;
    expect(html).toContain('docs/my file.md');
    expect(html).toContain('docs/100%.md');
    if (posix) {
      expect(html).not.toContain('<img');
      expect(html).toContain('docs/x&lt;img src=y onerror=alert(1)&gt;.md');
    }
  });
});

describe('hostile patterns in the audited repository', () => {
  it('a CODEOWNERS backtracking bomb is matched cheaply; an over-long line is ignored with its line and column', () => {
    write(`docs/${'a'.repeat(120)}.md`);
    write('docs/b.md', sop('B').replace('owner: ops\n', ''));
    const long = `docs/${'z'.repeat(3000)}`;
    write('CODEOWNERS', `* @ops\n**/${'*a'.repeat(30)}*b @bomb\n  ${long} @long\n`);
    const r = report();
    expect(r.documents.find((d) => d.path === 'docs/b.md')).toMatchObject({ owner: '@ops', ownerSource: 'codeowners' });
    expect(r.errors).toEqual([
      {
        path: 'CODEOWNERS',
        line: 3,
        column: 3,
        message: 'CODEOWNERS pattern is 3005 characters long, over the limit of 1024: the line is ignored',
      },
    ]);
    const text = audit('text', {}, '--no-color').stdout;
    expect(text).toContain('CODEOWNERS:3:3');
  });

  it('an over-long glob in .sopmaturity.yml is a configuration error at its line and column (exit 2)', () => {
    write('docs/a.md');
    write('.sopmaturity.yml', `include: ['**/*']\nexclude:\n  - archive/**\n  - ${'q'.repeat(1100)}\n`);
    const r = audit('json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `.sopmaturity.yml:4:5: \`exclude\` pattern \`${'q'.repeat(40)}…\` is refused (pattern is 1100 characters long, over the limit of 1024): shorten or split it\n` +
        'sop-maturity: the audit did not run: correct the error in .sopmaturity.yml above.\n',
    );
  });

  it('parentheses in an exclude glob are plain characters (picomatch read them as a group)', () => {
    write('docs/a.md');
    write('old (2019)/b.md');
    write('.sopmaturity.yml', `exclude: ['old (2019)/**']\n`);
    expect(paths(report())).toEqual(['docs/a.md']);
  });
});
