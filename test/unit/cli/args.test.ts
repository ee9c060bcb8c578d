import { describe, expect, it } from 'vitest';
import { UsageError, parseCommand } from '../../../src/cli/args';
import { EXIT_BELOW_MIN_LEVEL, EXIT_OK, exitCodeFor } from '../../../src/cli/exit';

describe('parseCommand', () => {
  it('defaults to auditing the current folder as text', () => {
    expect(parseCommand(['audit'])).toEqual({
      kind: 'audit',
      options: {
        dir: '.',
        format: 'text',
        out: undefined,
        minLevel: undefined,
        rubric: undefined,
        config: undefined,
        asOf: undefined,
        fix: false,
        quiet: false,
        verbose: false,
        noColor: false,
        cacheDir: undefined,
        noCache: false,
        absolutePaths: false,
        pretty: false,
        rootOnly: false,
        failOnMissedTargets: false,
        noTrend: false,
      },
    });
  });

  it('reads every option', () => {
    const command = parseCommand([
      'audit',
      'docs',
      '--format',
      'sarif',
      '--out',
      'out/report.sarif',
      '--min-level',
      '3',
      '--rubric',
      'rubric.yaml',
      '--config',
      'cfg.yml',
      '--as-of',
      '2026-11-23',
      '--fix',
      '--quiet',
      '--verbose',
      '--no-color',
      '--cache-dir',
      '.cache/sop',
      '--no-cache',
      '--absolute-paths',
      '--pretty',
      '--root-only',
      '--fail-on-missed-targets',
      '--no-trend',
    ]);
    expect(command).toEqual({
      kind: 'audit',
      options: {
        dir: 'docs',
        format: 'sarif',
        out: 'out/report.sarif',
        minLevel: 3,
        rubric: 'rubric.yaml',
        config: 'cfg.yml',
        asOf: '2026-11-23',
        fix: true,
        quiet: true,
        verbose: true,
        noColor: true,
        cacheDir: '.cache/sop',
        noCache: true,
        absolutePaths: true,
        pretty: true,
        rootOnly: true,
        failOnMissedTargets: true,
        noTrend: true,
      },
    });
  });

  it('takes --root-only for audit and baseline, not for history', () => {
    expect(parseCommand(['baseline', 'docs', '--root-only'])).toMatchObject({
      kind: 'baseline',
      options: { dir: 'docs', rootOnly: true },
    });
    expect(() => parseCommand(['history', '--root-only'])).toThrow(UsageError);
  });

  it('accepts --option=value and options before the directory', () => {
    const command = parseCommand(['audit', '--format=json', '--min-level=0', 'repo']);
    expect(command).toMatchObject({ kind: 'audit', options: { dir: 'repo', format: 'json', minLevel: 0 } });
  });

  it('knows --help and --version, also without a command', () => {
    expect(parseCommand(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommand(['audit', '-h'])).toEqual({ kind: 'help' });
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
  });

  it.each([
    [[], /No command given/],
    [['lint'], /Unknown command "lint"/],
    [['audit', 'a', 'b'], /Too many directories/],
    [['audit', '--format', 'pdf'], /Unknown --format "pdf": expected one of text, json, sarif, markdown, html, badge/],
    [['audit', '--min-level', '6'], /Invalid --min-level "6": expected a whole number from 0 to 5/],
    [['audit', '--min-level', 'three'], /Invalid --min-level/],
    [['audit', '--as-of', '2026-02-30'], /Invalid --as-of "2026-02-30": expected a calendar date as YYYY-MM-DD/],
    [['audit', '--as-of', '23/11/2026'], /Invalid --as-of/],
    [['audit', '--colour'], /--colour/],
    [['audit', '--out'], /--out/],
    [['audit', '--out', ''], /--out needs a file name/],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseCommand(argv as string[])).toThrow(UsageError);
    expect(() => parseCommand(argv as string[])).toThrow(message);
  });
});

describe('exitCodeFor', () => {
  const at = (overall: number) => ({
    levels: {
      overall,
      documentation: overall,
      process: overall,
      areas: {},
      processAreas: {},
      shadow: overall,
      points: 0,
    },
  });

  it('is 0 without --min-level, whatever the level', () => {
    expect(exitCodeFor(at(0), undefined)).toBe(EXIT_OK);
  });

  it('is 1 below the minimum level and 0 at or above it', () => {
    expect(exitCodeFor(at(2), 3)).toBe(EXIT_BELOW_MIN_LEVEL);
    expect(exitCodeFor(at(3), 3)).toBe(EXIT_OK);
    expect(exitCodeFor(at(5), 3)).toBe(EXIT_OK);
  });

  it('treats "not assessed" (level 0) as below any positive minimum', () => {
    expect(exitCodeFor(at(0), 1)).toBe(EXIT_BELOW_MIN_LEVEL);
    expect(exitCodeFor(at(0), 0)).toBe(EXIT_OK);
  });
});
