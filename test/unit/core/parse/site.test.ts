/**
 * RUBRIC.md revision 2, "Navigation and links in documentation sites": the
 * site's source root, rendered page names, template code, `links.ignore`,
 * heading slugs of the generator, and the navigation `kb-index` follows.
 * Each link form comes with the finding it must (or must not) give.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, defaultConfig } from '../../../../src/core';
import { detectSite, type SiteInfo } from '../../../../src/core/parse/site';
import { readSite } from '../../../../src/node/site';
import type { SopConfig } from '../../../../src/core/config/types';
import type { Report } from '../../../../src/core/report/types';
import { finding, rubric } from '../../helpers/audit';

const PROSE =
  'This runbook says what the platform team does when the cluster misbehaves, who is told, and which system records the outcome for the review.';

function run(
  files: Record<string, string>,
  opts: { site?: SiteInfo; config?: Partial<SopConfig>; exists?: string[] } = {},
): Report {
  const existing = new Set([...Object.keys(files), ...(opts.exists ?? [])]);
  const folders = new Set<string>();
  for (const p of existing) for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) folders.add(p.slice(0, i));
  return audit({
    root: '/repo',
    config: { ...defaultConfig(), ...opts.config },
    rubric: rubric(),
    asOf: '2026-11-01',
    files: Object.entries(files).map(([path, text]) => ({ path, text })),
    fileExists: (p) => existing.has(p) || folders.has(p),
    ...(opts.site ? { site: opts.site } : {}),
  });
}

const middleman: SiteInfo = {
  root: 'source',
  generator: 'middleman',
  source: 'config/tech-docs.yml',
  generatedNav: true,
};
const runbook = (links: string) =>
  `---\ntype: runbook\n---\n\n# Delete a cluster\n\n${PROSE}\n\n## What's next?\n\n${links}\n`;

describe('links in a Middleman documentation site', () => {
  const files = {
    'source/delete-cluster.html.md.erb': runbook(
      'See [deleting](delete-cluster.html#what-s-next) and [again](#whats-next).',
    ),
    'source/manual/x.html.md.erb': runbook(
      'Back to [the cluster page](/delete-cluster.html) and [images](../../images/logo.png).',
    ),
    'source/uses.html.md.erb': runbook(
      [
        '- [rendered page](delete-cluster.html)',
        '- [site-root page](/manual/x.html)',
        '- [folder page](manual/)',
        '- [query string](delete-cluster.html?tab=2)',
        '- [template](<%= url_for "x" %>)',
        '- [ruby](#{page})',
        '- [data page](/repos/cloud-platform.html)',
        '- [missing page](gone.html)',
        '- [missing anchor](delete-cluster.html#no-such-part)',
      ].join('\n'),
    ),
    'source/manual/index.html.md.erb': `# Manual\n\n${PROSE}\n`,
  };
  const r = run(files, {
    site: middleman,
    config: { links: { ignore: ['/repos/**'] } },
    exists: ['source/images/logo.png'],
  });
  const broken = (path: string) =>
    [finding(r, path, 'links')?.message, ...(finding(r, path, 'links')?.related ?? []).map((x) => x.message)].filter(
      Boolean,
    );

  it('resolve rendered names, site-root links and anchors as the site does (Redcarpet slugs)', () => {
    expect(finding(r, 'source/delete-cluster.html.md.erb', 'links')).toBeUndefined();
    expect(finding(r, 'source/manual/x.html.md.erb', 'links')).toBeUndefined();
  });

  it('report a missing page as a missing file and a missing heading as a missing anchor, and leave template code and ignored targets alone', () => {
    expect(broken('source/uses.html.md.erb')).toEqual([
      'Broken link `gone.html` (file not found) (and 1 more): point it at an existing file or page',
      'broken link `delete-cluster.html#no-such-part` (no heading #no-such-part in source/delete-cluster.html.md.erb)',
    ]);
  });

  it('every page under the source root is reachable: the site builds its navigation from the pages', () => {
    const kb = r.checks.find((c) => c.id === 'kb-index');
    expect(kb?.levels[0].holds).toBe(true);
    expect(kb?.detail).toMatch(/Middleman site in source\//);
  });

  it('without the site (and its links.ignore), a site-root link resolves against the repository root', () => {
    const plain = run(files);
    const f = finding(plain, 'source/uses.html.md.erb', 'links');
    expect([f?.message, ...(f?.related ?? []).map((x) => x.message)]).toEqual([
      'Broken link `/manual/x.html` (file not found) (and 3 more): point it at an existing file or page',
      'broken link `/repos/cloud-platform.html` (file not found)',
      'broken link `gone.html` (file not found)',
      'broken link `delete-cluster.html#no-such-part` (no heading #no-such-part in source/delete-cluster.html.md.erb)',
    ]);
    // GitHub's heading slugs only: Redcarpet's `what-s-next` is not an anchor there.
    expect(finding(plain, 'source/delete-cluster.html.md.erb', 'links')?.message).toMatch(
      /^Broken link `delete-cluster.html#what-s-next` \(no heading #what-s-next/,
    );
  });
});

describe('links in a plain repository (GitHub)', () => {
  const r = run(
    {
      'docs/sops/a.md': runbook(
        '[b](b.md), [b heading](b.md#steps), [top](/docs/sops/b.md), [folder](../sops/), [bad anchor](b.md#nope), [gone](c.md), [img](img/x.png), [out](../../../../etc/passwd)',
      ),
      'docs/sops/b.md': `# B\n\n${PROSE}\n\n## Steps\n\n1. one\n2. two\n`,
      'docs/sops/README.md': `# SOPs\n\n- [A](a.md)\n- [B](b.md)\n`,
    },
    { exists: ['docs/sops/img/x.png'] },
  );
  it('find the missing file and the missing heading, with the part that is broken', () => {
    const f = finding(r, 'docs/sops/a.md', 'links');
    expect(f?.message).toBe(
      'Broken link `b.md#nope` (no heading #nope in docs/sops/b.md) (and 1 more): point it at an existing heading',
    );
    expect(f?.related?.map((x) => x.message)).toEqual(['broken link `c.md` (file not found)']);
  });
});

describe('finding the site', () => {
  const probe = (files: Record<string, string>, folders: string[]) => ({
    read: (p: string) => files[p],
    isFolder: (p: string) => folders.includes(p),
  });
  it.each([
    [
      'Middleman tech docs',
      { 'config/tech-docs.yml': 'host: x' },
      ['source'],
      { root: 'source', generator: 'middleman', generatedNav: true },
    ],
    ['Middleman', { 'config.rb': 'activate :x' }, ['source'], { root: 'source', generator: 'middleman' }],
    [
      'MkDocs with docs_dir and nav',
      {
        'mkdocs.yml':
          'docs_dir: handbook\nnav:\n  - Home: index.md\n  - Backups: ops/backups.md\n  - Ext: https://example.com\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/name:pymdownx.slugs.uslugify\n',
      },
      [],
      {
        root: 'handbook',
        generator: 'mkdocs',
        generatedNav: false,
        nav: ['handbook/index.md', 'handbook/ops/backups.md'],
      },
    ],
    [
      'MkDocs without nav',
      { 'mkdocs.yml': 'site_name: x\n' },
      ['docs'],
      { root: 'docs', generator: 'mkdocs', generatedNav: true },
    ],
    ['Hugo', { 'hugo.toml': 'title = "x"' }, ['content'], { root: 'content', generator: 'hugo' }],
    [
      'Hugo (config.toml beside content/)',
      { 'config.toml': 'title = "x"' },
      ['content'],
      { root: 'content', generator: 'hugo' },
    ],
    [
      'Docusaurus',
      { 'docusaurus.config.js': 'module.exports = {}' },
      ['docs'],
      { root: 'docs', generator: 'docusaurus' },
    ],
  ])('%s', (_name, files, folders, expected) => {
    expect(detectSite(probe(files, folders), {})).toMatchObject(expected);
  });
  it('none for a plain repository, and the configuration wins', () => {
    expect(detectSite(probe({ 'config.toml': 'x' }, []), {})).toBeUndefined();
    expect(detectSite(probe({ 'config/tech-docs.yml': 'x' }, ['source']), { siteRoot: 'pages/' })).toMatchObject({
      root: 'pages',
      generator: 'middleman',
      source: 'siteRoot in the configuration',
    });
  });
  it('reads only small regular files from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sop-site-'));
    mkdirSync(join(dir, 'config'));
    mkdirSync(join(dir, 'source'));
    writeFileSync(join(dir, 'config', 'tech-docs.yml'), 'host: x\n');
    expect(readSite(dir, {})).toMatchObject({ root: 'source', generator: 'middleman' });
    writeFileSync(join(dir, 'config', 'tech-docs.yml'), 'x'.repeat(2_000_000));
    expect(readSite(dir, {})).toBeUndefined();
  });
});

describe('navigation files and generator navigation for kb-index', () => {
  const doc = (t: string) => `---\ntype: sop\n---\n\n# ${t}\n\n${PROSE}\n`;
  it('a SUMMARY.md (mdBook, GitBook) lists what is reachable', () => {
    const r = run({
      'SUMMARY.md': '- [A](sops/a.md)\n- [B](sops/b.md)\n',
      'sops/a.md': doc('A'),
      'sops/b.md': doc('B'),
      'sops/c.md': doc('C'),
    });
    const kb = r.checks.find((c) => c.id === 'kb-index');
    expect(kb?.detail).toBe('2 of 3 procedures reachable from SUMMARY.md (80% needed)');
    expect(finding(r, 'sops/c.md', 'kb-index')?.message).toMatch(
      /Not reachable from the knowledge base's navigation \(SUMMARY\.md\)/,
    );
  });
  it('the nav of mkdocs.yml lists what is reachable', () => {
    const site: SiteInfo = {
      root: 'docs',
      generator: 'mkdocs',
      source: 'mkdocs.yml',
      generatedNav: false,
      nav: ['docs/a.md', 'docs/b.md'],
    };
    const r = run({ 'docs/a.md': doc('A'), 'docs/b.md': doc('B'), 'docs/c.md': doc('C') }, { site });
    expect(r.checks.find((c) => c.id === 'kb-index')?.detail).toBe(
      '2 of 3 procedures reachable from the nav of mkdocs.yml (80% needed)',
    );
  });
});

describe('the central folder', () => {
  it('must hold at least half of the procedures; otherwise it is the repository root', () => {
    const sop = (t: string) => `---\ntype: sop\n---\n\n# ${t}\n\n${PROSE}\n`;
    const minority = run({ 'docs/a.md': sop('A'), 'ops/b.md': sop('B'), 'ops/c.md': sop('C') });
    expect(minority.centralFolder).toBe('');
    expect(minority.centralFolderSource).toBe('root');
    const half = run({ 'docs/a.md': sop('A'), 'docs/d.md': sop('D'), 'ops/b.md': sop('B'), 'ops/c.md': sop('C') });
    expect(half.centralFolder).toBe('docs');
  });
});
