/**
 * The glob matcher of src/core/config/glob.ts (and fileSelection.ts): picomatch's answers on ordinary
 * patterns, bounded work on hostile ones (asserted on a step counter, never on
 * time), refused patterns with their column, the shared file selection, and
 * hostile CODEOWNERS lines.
 */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import {
  GlobError,
  MAX_GLOB_ALTERNATIVES,
  MAX_GLOB_LENGTH,
  compileGlob,
  compileGlobs,
  globWork,
} from '../../../../src/core/config/glob';
import { fileSelection } from '../../../../src/core/config/fileSelection';
import { OwnerRules } from '../../../../src/core/parse/owners';
import { loadConfigText } from '../../../../src/core/config/config';

/** Steps used by `f`. */
function stepsOf(f: () => void): number {
  const before = globWork.steps;
  f();
  return globWork.steps - before;
}

describe('compileGlob', () => {
  const cases: [pattern: string, path: string, expected: boolean][] = [
    ['**/*.md', 'docs/a.md', true],
    ['**/*.md', 'a.md', true],
    ['*.md', 'docs/a.md', false],
    ['docs/**', 'docs', true],
    ['docs/**', 'docs/a/b.md', true],
    ['docs/**/*.md', 'docs/x.md', true],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**b', 'a/xb', true],
    ['a/**b', 'a/c/xb', false],
    ['**', 'a/b', true],
    ['**/*', '.github/x.md', false],
    ['**/*.md', '.x.md', false],
    ['*', '.x', false],
    ['?x', '.x', false],
    ['.*', '.x', true],
    ['[.]x', '.x', true],
    ['**/.git/**', '.git', true],
    ['**/node_modules/**', 'a/node_modules/b/c.md', true],
    ['a/**', 'a/.b', false],
    ['*', '', false],
    ['a/', 'a', false],
    ['a/', 'a/', true],
    ['a/**/', 'a/b/', true],
    ['./a', 'a', true],
    ['!a.md', 'a.md', false],
    ['!a.md', 'b.md', true],
    ['{a,b}.md', 'b.md', true],
    ['{a,{b,c}}.md', 'c.md', true],
    ['{,a}b', 'b', true],
    ['x/{a,b/c}', 'x/b/c', true],
    ['{1..3}.md', '2.md', true],
    ['{1..3}.md', '4.md', false],
    ['{a}', '{a}', true],
    ['[a-c]x', 'bx', true],
    ['[^a]x', 'ax', false],
    ['[]]', ']', true],
    ['[a-]', '-', true],
    ['[[:digit:]]x', '7x', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a.b', 'axb', false],
    ['a+b$^', 'a+b$^', true],
    ['#a %20 b', '#a %20 b', true],
    // Where picomatch differs, deliberately:
    ['old (2019)/**', 'old (2019)/a.md', true], // picomatch: a regex group, never the folder
    ['[!a]x', 'bx', true], // picomatch: no negation
    ['caf\u00e9/*.md', 'cafe\u0301/a.md', true], // NFC pattern, NFD path
    ['?.md', '\u{1F600}.md', true], // one character, two UTF-16 units
  ];
  it.each(cases)('%j against %j is %s', (pattern, path, expected) => {
    expect(compileGlob(pattern)(path)).toBe(expected);
  });

  it('refuses an empty pattern, an over-long one and one that expands too far, with the column', () => {
    expect(() => compileGlob('')).toThrow(GlobError);
    const long = `**/${'x'.repeat(MAX_GLOB_LENGTH)}`;
    expect(() => compileGlob(long)).toThrow(/over the limit of 1024/);
    // picomatch compiles the same pattern into a regular expression the engine refuses when it runs.
    expect(() => picomatch(`**/${'x'.repeat(60000)}`)(`a/${'x'.repeat(10)}`)).toThrow(/too large/);
    try {
      compileGlob('docs/{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(GlobError);
      expect((err as GlobError).message).toBe(`braces expand to more than ${MAX_GLOB_ALTERNATIVES} alternatives`);
      expect((err as GlobError).column).toBeGreaterThanOrEqual(6);
    }
    expect(() => compileGlob('{1..100000}')).toThrow(GlobError);
  });

  it('compileGlobs keeps the good patterns and reports the refused ones', () => {
    const { match, problems } = compileGlobs(['docs/**', 'x'.repeat(2000)]);
    expect(match('docs/a.md')).toBe(true);
    expect(problems).toEqual([
      {
        index: 1,
        pattern: 'x'.repeat(2000),
        message: 'pattern is 2000 characters long, over the limit of 1024',
        column: 1025,
      },
    ]);
  });
});

/* ------------------------------------------------------------ properties */

const segmentChars = fc.constantFrom('a', 'b', 'c', 'A', '1', '.', '-', '_', 'é', '*', '$', '#', '%', ' ');
/** A path of 1-5 names, never `.` or `..` (paths handed to the matcher are normalised). */
const pathArb = fc
  .array(
    fc.string({ unit: segmentChars, minLength: 1, maxLength: 4 }).filter((s) => s !== '.' && s !== '..'),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join('/'));
const tokenArb = fc.constantFrom(
  ...['a', 'b', 'c', '.', '-', 'é', '$', '#', '%', ' ', '\\*'],
  ...['*', '?', '[ab]', '[a-c]', '[^a]', '{a,b}', '{b,.c}', '{a,b/c}'],
);
// No `{1..3}` or `[[:digit:]]`: with a range or a POSIX class picomatch applies its dot rule to the
// whole pattern (`**/.a/{1..3}` misses `.a/3`); the table above covers them.
// No `**` inside a segment next to other tokens: picomatch reads `**{a,b}` as a globstar before each
// alternative (it matches `a/a`) but `**a` as a star (it does not); ours reads both as a star.
const segmentPatternArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant('**') },
  {
    weight: 4,
    arbitrary: fc
      .array(tokenArb, { minLength: 1, maxLength: 4 })
      .map((t) => t.join(''))
      .filter((s) => !/(^|[^\\])\*\*/.test(s)),
  },
);
const patternArb = fc
  .tuple(fc.constantFrom('', '', '!', './'), fc.array(segmentPatternArb, { minLength: 1, maxLength: 4 }))
  .map(([prefix, segments]) => prefix + segments.join('/'));

describe('agreement with picomatch on ordinary patterns', () => {
  for (const dot of [false, true]) {
    it(`same answer as picomatch (dot: ${dot})`, () => {
      fc.assert(
        fc.property(patternArb, fc.array(pathArb, { minLength: 1, maxLength: 8 }), (pattern, paths) => {
          const ours = compileGlob(pattern, { dot });
          const theirs = picomatch(pattern, { dot });
          for (const p of paths) expect([pattern, p, ours(p)]).toEqual([pattern, p, theirs(p)]);
        }),
        { numRuns: 600 },
      );
    });
  }

  it('same answer on paths built to match (the positive side gets tested too)', () => {
    // Each token with a text it matches; `**` with zero, one or two folders.
    const filled = fc.constantFrom<[string, string]>(
      ['a', 'a'],
      ['.', '.'],
      ['é', 'é'],
      [' ', ' '],
      ['\\*', '*'],
      ['*', ''],
      ['*', 'xy'],
      ['?', 'q'],
      ['[ab]', 'b'],
      ['[a-c]', 'c'],
      ['[^a]', 'z'],
      ['{a,b}', 'b'],
      ['{a,b/c}', 'b/c'],
    );
    const segment = fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom<[string, string]>(['**', ''], ['**', 'x'], ['**', 'x/y']) },
      {
        weight: 4,
        arbitrary: fc
          .array(filled, { minLength: 1, maxLength: 4 })
          .map((t): [string, string] => [t.map((x) => x[0]).join(''), t.map((x) => x[1]).join('')]),
      },
    );
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean(), (segments, dot) => {
        const pattern = segments.map((x) => x[0]).join('/');
        const path = segments
          .map((x) => x[1])
          .filter((x, i) => x !== '' || segments[i][0] !== '**')
          .join('/');
        if (path.split('/').some((x) => x === '' || x === '.' || x === '..')) return;
        expect([pattern, path, compileGlob(pattern, { dot })(path)]).toEqual([
          pattern,
          path,
          picomatch(pattern, { dot })(path),
        ]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('hostile patterns', () => {
  /** The work bound: proportional to pattern length times path length, never exponential. */
  const bound = (pattern: string, path: string) => 4 * (pattern.length + 1) * (path.length + 1);

  it('`**/*a*a*...*b` against a long run of `a` stays within pattern × path steps', () => {
    // picomatch needs about 4.5 s for 6 `*a` against 80 characters, and about four times as long for each `*a` more.
    for (const n of [6, 12, 24, 40]) {
      const pattern = `**/${'*a'.repeat(n)}*b`;
      const path = `x/${'a'.repeat(200)}`;
      let result = true;
      const steps = stepsOf(() => {
        result = compileGlob(pattern, { dot: true })(path);
      });
      expect(result).toBe(false);
      expect(steps).toBeLessThanOrEqual(bound(pattern, path));
    }
  });

  it('any pattern of stars, globstars and letters stays within pattern × path steps', () => {
    const piece = fc.constantFrom('*', '**', 'a', '*a', 'a*', '?', '/', '**/', '/**/');
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 12 }),
        (pieces, length, depth) => {
          const pattern = `${pieces.join('')}b`;
          const path = Array.from({ length: depth }, () => 'a'.repeat(Math.ceil(length / depth))).join('/');
          const steps = stepsOf(() => compileGlob(pattern, { dot: true })(path));
          expect(steps).toBeLessThanOrEqual(bound(pattern, path));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('nested globstars do not multiply', () => {
    const pattern = `${'**/a/'.repeat(30)}b`;
    const path = Array(60).fill('a').join('/');
    expect(stepsOf(() => expect(compileGlob(pattern)(path)).toBe(false))).toBeLessThanOrEqual(bound(pattern, path));
  });
});

describe('fileSelection (the CLI, the extension and the history share it)', () => {
  const config = {
    include: ['**/*'],
    exclude: ['archive/**', '**/*.draft.md', 'old (2019)/**'],
    markdownExtensions: ['.md', '.MARKDOWN'],
  };

  it('selects Markdown files by extension, include and exclude, and skips excluded and never-walked folders', () => {
    const s = fileSelection(config);
    expect(
      [
        'a.md',
        'docs/B.markdown',
        'docs/x.txt',
        'archive/a.md',
        'docs/w.draft.md',
        'old (2019)/a.md',
        'node_modules/p/a.md',
        'x/.git/a.md',
      ].filter(s.selects),
    ).toEqual(['a.md', 'docs/B.markdown']);
    expect(s.skipsFolder('archive')).toBe(true);
    expect(s.skipsFolder('a/node_modules')).toBe(true);
    expect(s.skipsFolder('docs')).toBe(false);
    expect(s.takesFile('node_modules/p/a.md')).toBe(true); // the walk never gets there
    expect(s.problems).toEqual([]);
  });

  it('reports a refused pattern of the configuration at its line and column', () => {
    const long = 'y'.repeat(1500);
    const s = fileSelection({ ...config, exclude: ['archive/**', long] });
    expect(s.selects('docs/a.md')).toBe(true);
    const text = `include: ['**/*']\nexclude:\n  - archive/**\n  - ${long}\n`;
    expect(loadConfigText(text, '.sopmaturity.yml').errors).toEqual([
      {
        file: '.sopmaturity.yml',
        line: 4,
        column: 5,
        message: `\`exclude\` pattern \`${'y'.repeat(40)}…\` is refused (pattern is 1500 characters long, over the limit of 1024): shorten or split it`,
      },
    ]);
  });
});

describe('CODEOWNERS patterns', () => {
  const rules = (text: string) => new OwnerRules(new Map([['.github/CODEOWNERS', text]]));

  it('keeps the gitignore meaning: anchored, unanchored, folders, dot files, no braces, no negation', () => {
    const r = rules(
      [
        '* @all',
        'docs/ @docs',
        '/sops/*.md @sops',
        '*.draft.md @drafts',
        '{a,b}.md @braces',
        '.hidden/ @dot',
        '/!x.md @bang',
      ].join('\n'),
    );
    expect(r.ownerOf('README.md')?.value).toBe('@all');
    expect(r.ownerOf('x/docs/a.md')?.value).toBe('@docs'); // only a trailing slash: any folder named docs
    expect(r.ownerOf('docs/a/b.md')?.value).toBe('@docs');
    expect(r.ownerOf('sops/a.md')?.value).toBe('@sops');
    expect(r.ownerOf('sops/x/a.md')?.value).toBe('@all');
    expect(r.ownerOf('sops/a.draft.md')?.value).toBe('@drafts');
    expect(r.ownerOf('{a,b}.md')?.value).toBe('@braces');
    expect(r.ownerOf('a.md')?.value).toBe('@all');
    expect(r.ownerOf('.hidden/a.md')?.value).toBe('@dot');
    expect(r.ownerOf('!x.md')?.value).toBe('@bang');
    expect(r.ownerOf('y.md')?.value).toBe('@all');
    expect(r.errors).toEqual([]);
  });

  it('matches a backtracking bomb cheaply and ignores an over-long pattern with its line and column', () => {
    const bomb = `**/${'*a'.repeat(30)}*b`;
    const long = `docs/${'z'.repeat(5000)}`;
    const r = rules(`# owners\n* @all\n${bomb} @bomb\n   ${long} @long\n`);
    const path = `docs/${'a'.repeat(300)}.md`;
    let owner: string | undefined;
    const steps = stepsOf(() => {
      owner = r.ownerOf(path)?.value;
    });
    expect(owner).toBe('@all');
    expect(steps).toBeLessThan(200_000);
    expect(r.ownerOf(`docs/${'a'.repeat(30)}b`)?.value).toBe('@bomb');
    expect(r.errors).toEqual([
      {
        path: '.github/CODEOWNERS',
        line: 4,
        column: 4,
        message: 'CODEOWNERS pattern is 5005 characters long, over the limit of 1024: the line is ignored',
      },
    ]);
  });
});
