/**
 * Configuration confined to the repository, through the CLI: every path in
 * `.sopmaturity.yml` must resolve inside the audited folder (after following
 * symbolic links) to a regular file of at most 1 MB (a folder for folder
 * keys). Absolute paths, `..`, links out of the root, `/proc/self/environ`,
 * `/dev/zero`, a named pipe and a 2 MB file are each a configuration error
 * at the key's line and column; no message quotes a byte of the refused file
 * or of the environment, and nothing hangs (a hang would time the test out).
 * `--rubric` and `--config` may point anywhere, but only at regular text files
 * under the cap.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli';

const posix = process.platform !== 'win32';
const SECRET = 'SECRET-9c41e7';
let base: string;
let root: string;

beforeAll(() => {
  // What must never reach a message: the environment (read through /proc/self/environ) and an outside file.
  process.env.SOP_CONFINE_TEST_TOKEN = `${SECRET}-env`;
});
afterAll(() => {
  delete process.env.SOP_CONFINE_TEST_TOKEN;
});

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-confine-'));
  root = path.join(base, 'repo');
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'docs', 'a.md'),
    '---\ntitle: A\ntype: sop\nowner: ops\n---\n# A\n\n1. One.\n2. Two.\n',
  );
  // A valid rubric outside the root: refused for where it is, not for what it holds.
  fs.writeFileSync(path.join(base, 'outside.yaml'), `extends: oml\ntitle: ${SECRET}-outside\n`);
});
afterEach(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

const audit = (...args: string[]) => runCli(['audit', '.', '--no-cache', '--as-of', '2026-11-23', ...args], root);

function inRoot(rel: string, make: (abs: string) => void): void {
  make(path.join(root, ...rel.split('/')));
}

/** Refused: exit 2, the key's place, no secret, no report. */
function expectRefused(r: CliResult, place: string, reason: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.startsWith(place), r.stderr).toBe(true);
  expect(r.stderr).toMatch(reason);
  expect(r.stderr).not.toContain(SECRET);
  expect(r.stderr).toContain('sop-maturity: the audit did not run: correct the error in .sopmaturity.yml above.');
}

describe('rubric: in .sopmaturity.yml', () => {
  const config = (value: string) =>
    fs.writeFileSync(path.join(root, '.sopmaturity.yml'), `# the team's rubric\nrubric: ${value}\n`);

  it.each([
    [
      'an absolute path to a file outside',
      () => path.join(base, 'outside.yaml'),
      /must be a file inside the workspace, relative to its root/,
    ],
    ['/proc/self/environ', () => '/proc/self/environ', /must be a file inside the workspace/],
    ['/dev/zero', () => '/dev/zero', /must be a file inside the workspace/],
    ['a path out through ..', () => '../outside.yaml', /must be a file inside the workspace/],
    ['a path that leaves and comes back', () => 'docs/../../repo/x.yaml', /must be a file inside the workspace/],
  ])('%s is refused at the key', (_name, value, reason) => {
    config(value());
    expectRefused(audit(), '.sopmaturity.yml:2:9: `rubric` ', reason);
  });

  it.skipIf(!posix).each([
    [
      'a link to a file outside the root',
      'link.yaml',
      () => fs.symlinkSync('../outside.yaml', path.join(root, 'link.yaml')),
      /`rubric` leads out of the audited folder through a symbolic link: the file is not read/,
    ],
    [
      'a link to /proc/self/environ',
      'environ.yaml',
      () => fs.symlinkSync('/proc/self/environ', path.join(root, 'environ.yaml')),
      /leads out of the audited folder through a symbolic link/,
    ],
    [
      'a link to /dev/zero',
      'zero.yaml',
      () => fs.symlinkSync('/dev/zero', path.join(root, 'zero.yaml')),
      /leads out of the audited folder through a symbolic link/,
    ],
    [
      'a folder linked from outside',
      'linked/r.yaml',
      () => fs.symlinkSync(base, path.join(root, 'linked')),
      /leads out of the audited folder through a symbolic link/,
    ],
    [
      'a named pipe',
      'pipe.yaml',
      () => spawnSync('mkfifo', [path.join(root, 'pipe.yaml')]),
      /`rubric` is a named pipe \(FIFO\), not a regular file: the file is not read/,
    ],
    [
      'a 2 MB file',
      'big.yaml',
      () => fs.writeFileSync(path.join(root, 'big.yaml'), `extends: oml\ntitle: ${SECRET}${'x'.repeat(2_000_000)}\n`),
      /`rubric` is 2\d{6} bytes, over the limit of 1000000 bytes: the file is not read/,
    ],
    ['a folder', 'docs', () => undefined, /`rubric` is a folder, not a file/],
    ['a file that does not exist', 'missing.yaml', () => undefined, /`rubric` does not exist: the file is not read/],
  ])('%s is refused at the key, without reading it', (_name, value, make, reason) => {
    make();
    config(value);
    if (value === 'linked/r.yaml') fs.writeFileSync(path.join(base, 'r.yaml'), `extends: oml\ntitle: ${SECRET}\n`);
    expectRefused(audit(), '.sopmaturity.yml:2:9: `rubric` ', reason);
  });

  it('a rubric inside the root is read (a link inside the root too)', () => {
    inRoot('rubrics/ops.yaml', (abs) => {
      fs.mkdirSync(path.dirname(abs));
      fs.writeFileSync(abs, 'extends: oml\ntitle: Ops rubric\n');
    });
    if (posix) fs.symlinkSync('rubrics/ops.yaml', path.join(root, 'ops-link.yaml'));
    for (const value of posix ? ['rubrics/ops.yaml', './rubrics/ops.yaml', 'ops-link.yaml'] : ['rubrics/ops.yaml']) {
      config(value);
      const r = audit('--format', 'json');
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).rubric.title).toBe('Ops rubric');
    }
  });
});

describe.skipIf(!posix)('folder keys and the configuration file itself', () => {
  it.each(['centralFolder', 'siteRoot'])('%s must be a folder inside the root', (key) => {
    fs.symlinkSync(base, path.join(root, 'out'));
    fs.writeFileSync(path.join(root, '.sopmaturity.yml'), `${key}: out\n`);
    expectRefused(
      audit(),
      `.sopmaturity.yml:1:${key.length + 3}: \`${key}\` leads out of the audited folder through a symbolic link`,
      /./,
    );
    fs.writeFileSync(path.join(root, '.sopmaturity.yml'), `${key}: docs/a.md\n`);
    expectRefused(audit(), `.sopmaturity.yml:1:${key.length + 3}: \`${key}\` is a regular file, not a folder`, /./);
    fs.writeFileSync(path.join(root, '.sopmaturity.yml'), `${key}: docs\n`);
    expect(audit().code).toBe(0);
  });

  it.each([
    [
      'a link out of the root',
      () => fs.symlinkSync('../outside.yaml', path.join(root, '.sopmaturity.yml')),
      'leads out of the audited folder through a symbolic link',
    ],
    [
      'a link to /proc/self/environ',
      () => fs.symlinkSync('/proc/self/environ', path.join(root, '.sopmaturity.yml')),
      'leads out of the audited folder through a symbolic link',
    ],
    [
      'a named pipe',
      () => spawnSync('mkfifo', [path.join(root, '.sopmaturity.yml')]),
      'is a named pipe (FIFO), not a regular file',
    ],
    [
      'a 2 MB file',
      () => fs.writeFileSync(path.join(root, '.sopmaturity.yml'), `# ${SECRET}${'x'.repeat(2_000_000)}\n`),
      'is SIZE bytes, over the limit of 1000000 bytes',
    ],
  ])('.sopmaturity.yml that is %s is not read', (_name, make, reason) => {
    make();
    const r = audit();
    expect(r.code).toBe(2);
    const size = String(fs.lstatSync(path.join(root, '.sopmaturity.yml')).size);
    expect(r.stderr).toBe(
      `.sopmaturity.yml: the configuration file ${reason.replace('SIZE', size)}: it is not read (at most 1000000 bytes, a regular file inside the audited folder).\n`,
    );
    expect(r.stderr).not.toContain(SECRET);
  });
});

describe('--rubric and --config, chosen by the person running the tool', () => {
  it('may name a file anywhere', () => {
    const r = audit('--rubric', path.join(base, 'outside.yaml'), '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).rubric.title).toBe(`${SECRET}-outside`);
  });

  it.skipIf(!posix).each([
    ['--rubric', '/proc/self/environ', 'the rubric file holds NUL bytes, so it is not a text file'],
    ['--rubric', '/dev/zero', 'the rubric file is a device, not a regular file'],
    ['--config', '/dev/zero', 'the configuration file is a device, not a regular file'],
    ['--config', 'pipe.yml', 'the configuration file is a named pipe (FIFO), not a regular file'],
    ['--rubric', 'big.yaml', 'the rubric file is SIZE bytes, over the limit of 1000000 bytes'],
    ['--config', 'docs', 'the configuration file is a folder, not a file'],
  ])('%s %s is refused without being read', (flag, value, reason) => {
    spawnSync('mkfifo', [path.join(root, 'pipe.yml')]);
    fs.writeFileSync(path.join(root, 'big.yaml'), `title: ${SECRET}${'x'.repeat(2_000_000)}\n`);
    const r = audit(flag, value);
    expect(r.code).toBe(2);
    const size = String(fs.statSync(path.join(root, 'big.yaml')).size);
    expect(r.stderr).toBe(
      `${value}: ${reason.replace('SIZE', size)}: it is not read (at most 1000000 bytes, a regular file).\n`,
    );
    expect(r.stderr).not.toContain(SECRET);
  });
});
