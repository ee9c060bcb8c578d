import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfig, isMarkdownPath, loadConfigText } from '../../../../src/core/config/config';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/config/${name}`, import.meta.url), 'utf8');
const load = (name: string) => loadConfigText(fixture(name), name);

describe('defaultConfig', () => {
  it('audits every Markdown file outside tool folders with generous budgets', () => {
    expect(defaultConfig()).toEqual({
      include: ['**/*'],
      exclude: ['**/node_modules/**', '**/.git/**', '**/.vscode-test/**', '**/.venv/**', '**/_site/**'],
      markdownExtensions: ['.md', '.markdown', '.mdx', '.html.md', '.html.md.erb'],
      severity: {},
      maxFileBytes: 5_000_000,
      maxParseMs: 10_000,
      links: { ignore: [] },
      gitignore: true,
    });
  });

  it('returns a fresh object each time', () => {
    defaultConfig().exclude.push('x');
    expect(defaultConfig().exclude).not.toContain('x');
  });
});

describe('isMarkdownPath', () => {
  const config = defaultConfig();
  it.each([
    ['docs/sops/backup.md', true],
    ['docs/Guide.MD', true],
    ['notes.markdown', true],
    ['site/source/deploy.html.md.erb', true],
    ['page.mdx', true],
    ['scripts/backup.ps1', false],
    ['docs/md', false],
    ['README.txt', false],
  ])('%s -> %s', (path, expected) => {
    expect(isMarkdownPath(path, config)).toBe(expected);
  });

  it('follows the configured extensions', () => {
    expect(isMarkdownPath('a.mdx', { ...config, markdownExtensions: ['.md'] })).toBe(false);
  });
});

describe('loadConfigText', () => {
  it('reads every key of a valid file; exclude keeps node_modules and .git out', () => {
    const { config, errors } = load('valid.yml');
    expect({ config, errors }).toEqual({
      errors: [],
      config: {
        include: ['docs/**', 'runbooks/**'],
        exclude: ['**/node_modules/**', '**/.git/**', '**/drafts/**'],
        centralFolder: 'docs/kb',
        rubric: '.sopmaturity/rubric.yaml',
        asOf: '2026-03-31',
        markdownExtensions: ['.md', '.markdown'],
        severity: { 'one-version': 'off', owner: 'error' },
        maxFileBytes: 1_000_000,
        maxParseMs: 2000,
        siteRoot: 'source',
        links: { ignore: ['/repos/**'] },
        gitignore: true,
      },
    });
  });

  it('reads gitignore: false, and reports a value that is not true or false where it is written', () => {
    expect(loadConfigText('gitignore: false\n', 'g.yml')).toMatchObject({ config: { gitignore: false }, errors: [] });
    const { config, errors } = loadConfigText('include: ["docs/**"]\ngitignore: "no"\n', 'g.yml');
    expect(config.gitignore).toBe(true);
    expect(config.include).toEqual(['docs/**']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'g.yml', line: 2, column: 12 });
    expect(errors[0].message).toMatch(/boolean|true or false/);
  });

  it('treats an empty file as all defaults', () => {
    for (const { config, errors } of [load('empty.yml'), loadConfigText('', 'x.yml')])
      expect({ config, errors }).toEqual({ config: defaultConfig(), errors: [] });
  });

  it('reports a day that does not exist at its value and keeps the other keys', () => {
    const { config, errors } = load('bad-date.yml');
    expect(errors).toEqual([
      {
        file: 'bad-date.yml',
        line: 2,
        column: 7,
        message: '`asOf` must be a day that exists, written YYYY-MM-DD (such as 2026-01-31), not "2026-02-30"',
      },
    ]);
    expect(config).toEqual({ ...defaultConfig(), include: ['docs/**'], maxParseMs: 100 });
  });

  it('reports a date in another format', () => {
    const { config, errors } = loadConfigText('asOf: 31/03/2026\n', 'x.yml');
    expect(errors).toEqual([
      {
        file: 'x.yml',
        line: 1,
        column: 7,
        message: '`asOf` must be a date written YYYY-MM-DD, such as 2026-01-31, not "31/03/2026"',
      },
    ]);
    expect(config.asOf).toBeUndefined();
  });

  it('reports an unknown key at the key, and drops only the faulty severity entry', () => {
    const { config, errors } = load('unknown-key.yml');
    expect(errors).toEqual([
      {
        file: 'unknown-key.yml',
        line: 3,
        column: 1,
        message:
          'unknown key `exlude` at the top level; expected one of: include, exclude, centralFolder, rubric, asOf, markdownExtensions, severity, maxFileBytes, maxParseMs, siteRoot, links, reviewWindowDays, gitignore, targets',
      },
      {
        file: 'unknown-key.yml',
        line: 5,
        column: 10,
        message: '`severity.owner` must be one of: error, warning, info, hint, off; not "loud"',
      },
    ]);
    expect(config).toEqual({
      ...defaultConfig(),
      include: ['docs/**'],
      centralFolder: 'docs',
      severity: { links: 'info' },
    });
  });

  it('checks extensions, folders, numbers and check ids', () => {
    const text = [
      'markdownExtensions: [.md, markdown]',
      'centralFolder: ../docs',
      'maxFileBytes: 0',
      'severity:',
      '  Owner: error',
    ].join('\n');
    const { config, errors } = loadConfigText(text, 'x.yml');
    expect(errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '1:27 `markdownExtensions[1]` must be a file name ending that starts with `.`, such as `.md`, not "markdown"',
      '2:16 `centralFolder` must be a folder inside the workspace, relative to its root, such as `docs/sops` (no leading `/`, drive letter or `..`), not "../docs"',
      '3:15 `maxFileBytes` must be at least 1, not 0',
      '5:3 key `Owner` in `severity` must be a check id: lower case letters, digits and dashes, for example `review-date`, not "Owner"',
    ]);
    expect(config).toEqual(defaultConfig());
  });

  it('falls back to the defaults when the YAML cannot be read', () => {
    const { config, errors } = loadConfigText('include: [docs/**\nasOf: 2026-01-01\n', 'x.yml');
    expect(config).toEqual(defaultConfig());
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'x.yml', line: 2, column: 1 });
    expect(errors[0].message).toMatch(/^invalid YAML: /);
  });

  it('reports a file that is not a mapping', () => {
    const { config, errors } = loadConfigText('- docs\n', 'x.yml');
    expect(config).toEqual(defaultConfig());
    expect(errors).toEqual([
      {
        file: 'x.yml',
        line: 1,
        column: 1,
        message: 'the file must be a mapping of keys to values or empty, not a list',
      },
    ]);
  });
});
