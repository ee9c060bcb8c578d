/**
 * The spec-like check fixtures (test/fixtures/checks/<id>/, see its README.md): finding the cases,
 * auditing one as the CLI would (its own `.sopmaturity.yml`, owner files, documentation site, the
 * files on disk), and reading the expectations marked in its files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { audit, loadBuiltinRubric, loadConfigText } from '../../../src/core';
import type { Finding, Report, Rubric, SopConfig } from '../../../src/core';
import { createFileExists, discover } from '../../../src/node/discover';
import { readSite } from '../../../src/node/site';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/checks');
export const CONFIG_NAME = '.sopmaturity.yml';

/** Ids that are not checks of the registry but findings of their own (read errors, exemptions). */
export const PSEUDO_CHECKS = ['front-matter', 'exemption'] as const;

/** One audited folder: a folder holding a `.sopmaturity.yml` below test/fixtures/checks/<check>/. */
export interface FixtureCase {
  /** The check the case is about: the first folder below test/fixtures/checks. */
  check: string;
  /** Absolute path of the case folder (the audited root). */
  dir: string;
  /** The folder relative to test/fixtures/checks (POSIX), the case's name in the test output. */
  name: string;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Every case folder, in path order. */
export function findCases(root = FIXTURES): FixtureCase[] {
  const out: FixtureCase[] = [];
  const walk = (dir: string) => {
    if (fs.existsSync(path.join(dir, CONFIG_NAME))) {
      const name = path.relative(root, dir).split(path.sep).join('/');
      out.push({ check: name.split('/')[0], dir, name });
    }
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(dir, e.name));
  };
  for (const e of fs.readdirSync(root, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(root, e.name));
  return out.sort(byName);
}

function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, ...rel.split('/')), 'utf8');
}

/** The case's configuration; its errors (a typo in a fixture) throw. A case must fix its audit date. */
export function caseConfig(dir: string): SopConfig & { asOf: string } {
  const file = path.join(dir, CONFIG_NAME);
  const { config, errors } = loadConfigText(fs.readFileSync(file, 'utf8'), file);
  if (errors.length > 0) {
    throw new Error(`${file}: ${errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  }
  if (!config.asOf) throw new Error(`${file}: set \`asOf: YYYY-MM-DD\` so that the case does not depend on today`);
  return config as SopConfig & { asOf: string };
}

/** The Markdown files (paths relative to the case, POSIX) and owner files discovery selects, as the CLI's. */
function caseFiles(dir: string, config: SopConfig): { markdown: string[]; ownerFiles: string[] } {
  const found = discover(dir, config);
  if (found.errors.length > 0) {
    throw new Error(`${dir}: ${found.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
  return found;
}

let builtin: Rubric | undefined;

/**
 * The report of a case folder, read as the CLI reads a folder: the files discovery selects, the owner
 * files, the documentation site, links checked against the disk. `transform` rewrites each Markdown
 * text before the audit (the markers test strips the markers with it).
 */
export function auditCase(dir: string, transform: (text: string) => string = (t) => t): Report {
  const config = caseConfig(dir);
  const found = caseFiles(dir, config);
  builtin ??= loadBuiltinRubric();
  return audit({
    root: dir,
    config,
    rubric: builtin,
    asOf: config.asOf,
    files: found.markdown.map((p) => ({ path: p, text: transform(read(dir, p)) })),
    ownerFiles: found.ownerFiles.map((p) => ({ path: p, text: read(dir, p) })),
    fileExists: createFileExists(dir),
    site: readSite(dir, config),
  });
}

/* --------------------------------------------------------------- markers */

/**
 * A marker, in Markdown `<!-- KIND: ID -->` (or `<!-- KIND: ID -- note -->`), in front matter a YAML
 * (or TOML) comment `# KIND: ID`:
 * - `expect`: a finding of ID starts on this line (`ID@N`: and it is for level N, the lowest the
 *   document fails);
 * - `expect-todo`: the spec wants a finding of ID on this line, the engine gives none (a known
 *   disagreement);
 * - `unexpected-todo`: the engine puts a finding of ID on this line, the spec wants none (a known
 *   disagreement);
 * - each with `-above` / `-below` (`expect-above: ID`): the same of the line above / below, for a line
 *   that cannot hold a marker (a front-matter fence, a list item whose text the engine reads).
 */
const MARKER = new RegExp(
  [
    /(?:<!--|(?:^|\s)#)\s*/.source,
    /(expect|expect-todo|unexpected-todo)(-above|-below)?:\s*/.source,
    /([a-z0-9-]+)(?:@(\d))?/.source,
    /(?:\s+--\s+(.*?))?\s*(?:-->|$)/.source,
  ].join(''),
  'g',
);
/** Anything written as a marker, understood or not (a typo must not pass as "no finding expected"). */
const MARKER_LIKE = /(?:<!--|(?:^|\s)#)\s*(?:expect|unexpected)[\w-]*\s*:/g;
/** A marker as it is removed from a text: an HTML comment, or a `#` comment to the end of the line. */
const HTML_MARKER = /<!--\s*(?:expect|unexpected)[\w-]*:.*?-->/.source;
const COMMENT_MARKER = /(?:^|(?<=\s))#\s*(?:expect|unexpected)[\w-]*:.*$/.source;
const MARKER_TEXT = new RegExp(`[ \\t]*(?:${HTML_MARKER}|${COMMENT_MARKER})`, 'g');

export interface Marker {
  kind: 'expect' | 'expect-todo' | 'unexpected-todo';
  check: string;
  file: string;
  /** The line the finding belongs to (1-based). */
  line: number;
  /** The level the finding is for, when the marker says (`expect: review-date@5`). */
  level?: number;
  note?: string;
}

/** The markers of one text (`file` is its path in the case). */
export function markersOf(file: string, text: string): Marker[] {
  const out: Marker[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const found = [...line.matchAll(MARKER)];
    if ((line.match(MARKER_LIKE)?.length ?? 0) !== found.length) {
      throw new Error(`${file}:${i + 1}: a marker not understood: ${line}`);
    }
    for (const [, kind, side, check, level, note] of found) {
      const shift = side === '-above' ? -1 : side === '-below' ? 1 : 0;
      const extra = { ...(level ? { level: Number(level) } : {}), ...(note ? { note } : {}) };
      out.push({ kind: kind as Marker['kind'], check, file, line: i + 1 + shift, ...extra });
    }
  });
  return out;
}

/**
 * The text without its markers, line for line (a line that held only a marker stays as an empty line,
 * so every other line keeps its number): what the engine would read had nobody marked the file.
 */
export function stripMarkers(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const cr = line.endsWith('\r') ? '\r' : '';
      const body = cr ? line.slice(0, -1) : line;
      const stripped = body.replace(MARKER_TEXT, '');
      return (stripped !== body && stripped.trim() === '' ? '' : stripped) + cr;
    })
    .join('\n');
}

/** Every marker in the Markdown files of a case (the files discovery selects). */
export function caseMarkers(dir: string): Marker[] {
  const config = caseConfig(dir);
  return caseFiles(dir, config).markdown.flatMap((rel) => markersOf(rel, read(dir, rel)));
}

/**
 * What `.sopmaturity.yml` says in its comments:
 * - `# expect-check: holds` or `fails`, optionally at one level (`holds@2`, `fails@3`; default: every
 *   level of the check for `holds`, its lowest level for `fails`); `# expect-check-todo: ...` for a known
 *   disagreement (the spec's verdict, which the engine does not give);
 * - `# expect-workspace: ID`, once per finding of the check that belongs to no document (a workspace
 *   check that fails with no document to change, when there is no index page to show it on).
 */
export interface CaseExpectations {
  checks: { holds: boolean; level?: number; todo: boolean; note?: string }[];
  workspaceFindings: number;
}

export function caseExpectations(dir: string, check: string): CaseExpectations {
  const out: CaseExpectations = { checks: [], workspaceFindings: 0 };
  const lines = fs.readFileSync(path.join(dir, CONFIG_NAME), 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!/^#\s*(?:expect|unexpected)/.test(line)) return;
    const c = /^#\s*expect-check(-todo)?:\s*(holds|fails)(?:@(\d))?(?:\s+--\s+(.*))?$/.exec(line);
    const w = /^#\s*expect-workspace:\s*([a-z0-9-]+)\s*$/.exec(line);
    if (c) {
      const [, todo, verdict, level, note] = c;
      const extra = { ...(level ? { level: Number(level) } : {}), ...(note ? { note } : {}) };
      out.checks.push({ holds: verdict === 'holds', todo: todo !== undefined, ...extra });
    } else if (w && w[1] === check) {
      out.workspaceFindings++;
    } else {
      throw new Error(`${path.join(dir, CONFIG_NAME)}:${i + 1}: an expectation not understood: ${line}`);
    }
  });
  return out;
}

/* -------------------------------------------------------------- findings */

/** `file:line` of a finding or a marker. */
export function where(file: string, line: number): string {
  return `${file}:${line}`;
}

/** Findings of one check in a report by `file:line` (the first one, should two start on one line). */
export function findingsOfCheck(report: Report, check: string): Map<string, Finding> {
  const out = new Map<string, Finding>();
  for (const d of report.documents) {
    for (const f of d.findings) {
      const key = where(d.path, f.range.start.line);
      if (f.check === check && !out.has(key)) out.set(key, f);
    }
  }
  return out;
}
