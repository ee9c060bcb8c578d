/**
 * Documentation sites: many SOP repositories are the source of a site
 * (Middleman tech docs, MkDocs, Hugo, Docusaurus) and their links are written
 * for the rendered pages. This module finds the site's source root and how
 * it builds its navigation (RUBRIC.md, "Navigation and links in
 * documentation sites"), from the few files the shells hand it.
 */
import { parseDocument } from 'yaml';
import type { SopConfig } from '../config/types';

export type SiteGenerator = 'middleman' | 'mkdocs' | 'hugo' | 'docusaurus';

/** What the audit knows of the documentation site the files are built into. */
export interface SiteInfo {
  /** The source root, POSIX relative to the audited root ('' is the root itself). */
  root: string;
  generator?: SiteGenerator;
  /** Where the root came from: `siteRoot` in the configuration, or the generator's file. */
  source: string;
  /** True when the generator builds the navigation from the pages (every page is reachable). */
  generatedNav: boolean;
  /** Pages listed in a navigation file of the generator (the `nav` of mkdocs.yml), as root-relative paths. */
  nav?: string[];
}

/** The files `detectSite` may ask for, relative to the audited root. */
export const SITE_FILES = [
  'config.rb',
  'config/tech-docs.yml',
  'mkdocs.yml',
  'mkdocs.yaml',
  'hugo.toml',
  'hugo.yaml',
  'hugo.json',
  'config.toml',
  'docusaurus.config.js',
  'docusaurus.config.ts',
  'docusaurus.config.mjs',
  'docusaurus.config.cjs',
] as const;

/**
 * How `detectSite` looks at the repository: the text of a small regular file (undefined when there is none) and whether
 * a folder exists.
 */
export interface SiteProbe {
  read(path: string): string | undefined;
  isFolder(path: string): boolean;
}

/**
 * The documentation site of a repository, nearest rule first: the
 * configuration's `siteRoot`; Middleman (`config.rb` or
 * `config/tech-docs.yml`): `source/`; MkDocs: its `docs_dir` (default
 * `docs/`); Hugo (`hugo.*`, or `config.toml` beside `content/`): `content/`;
 * Docusaurus: `docs/`. Undefined when the repository is no site: links are
 * then read as GitHub reads them.
 */
export function detectSite(probe: SiteProbe, config: Pick<SopConfig, 'siteRoot'>): SiteInfo | undefined {
  const found = detectGenerator(probe);
  if (config.siteRoot !== undefined) {
    const root = config.siteRoot.replace(/^\.?\/+|\/+$/g, '');
    return { ...(found ?? { generatedNav: false }), root, source: 'siteRoot in the configuration' };
  }
  return found;
}

function detectGenerator(probe: SiteProbe): SiteInfo | undefined {
  const has = (p: string) => probe.read(p) !== undefined;
  if (has('config/tech-docs.yml') || has('config.rb')) {
    if (probe.isFolder('source'))
      return {
        root: 'source',
        generator: 'middleman',
        source: has('config/tech-docs.yml') ? 'config/tech-docs.yml' : 'config.rb',
        generatedNav: true,
      };
  }
  for (const file of ['mkdocs.yml', 'mkdocs.yaml']) {
    const text = probe.read(file);
    if (text === undefined) continue;
    const { docsDir, nav } = readMkdocs(text);
    const root = docsDir.replace(/^\.?\/+|\/+$/g, '');
    return {
      root,
      generator: 'mkdocs',
      source: file,
      generatedNav: nav === undefined,
      ...(nav ? { nav: nav.map((p) => (root ? `${root}/${p}` : p)) } : {}),
    };
  }
  const hugo =
    ['hugo.toml', 'hugo.yaml', 'hugo.json'].find(has) ??
    (has('config.toml') && probe.isFolder('content') ? 'config.toml' : undefined);
  if (hugo && probe.isFolder('content'))
    return { root: 'content', generator: 'hugo', source: hugo, generatedNav: true };
  const docusaurus = SITE_FILES.find((f) => f.startsWith('docusaurus.config.') && has(f));
  if (docusaurus && probe.isFolder('docs'))
    return { root: 'docs', generator: 'docusaurus', source: docusaurus, generatedNav: true };
  return undefined;
}

/**
 * `docs_dir` and the pages of `nav` in mkdocs.yml. Python-specific tags
 * (`!!python/name:...`) are read as plain values, never run.
 */
function readMkdocs(text: string): { docsDir: string; nav?: string[] } {
  let data: unknown;
  try {
    data = parseDocument(text, { prettyErrors: false, uniqueKeys: false }).toJS({ maxAliasCount: 100 });
  } catch {
    return { docsDir: 'docs' };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { docsDir: 'docs' };
  const record = data as Record<string, unknown>;
  const docsDir =
    typeof record.docs_dir === 'string' && !record.docs_dir.includes('..') && !record.docs_dir.startsWith('/')
      ? record.docs_dir
      : 'docs';
  if (!Array.isArray(record.nav)) return { docsDir };
  const nav: string[] = [];
  const walk = (item: unknown): void => {
    if (typeof item === 'string') {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(item)) nav.push(item.replace(/^\.?\//, ''));
    } else if (Array.isArray(item)) item.forEach(walk);
    else if (item && typeof item === 'object') Object.values(item).forEach(walk);
  };
  walk(record.nav);
  return { docsDir, nav };
}

/** True when `path` lies in `folder` ('' is the root). */
export function inside(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}

/** A one-line description of a site, for the report ("Middleman site in source/ (config/tech-docs.yml)"). */
export function describeSite(site: SiteInfo): string {
  const name = site.generator
    ? { middleman: 'Middleman', mkdocs: 'MkDocs', hugo: 'Hugo', docusaurus: 'Docusaurus' }[site.generator]
    : 'Documentation';
  return `${name} site in ${site.root === '' ? 'the repository root' : `${site.root}/`} (${site.source})`;
}
