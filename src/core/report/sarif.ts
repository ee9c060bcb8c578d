/**
 * SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers: one
 * run, one rule per check id, one result per finding. Locations are relative
 * to `%SRCROOT%` (the audited root) so the file is portable between machines;
 * by default no absolute root is written (GitHub resolves `%SRCROOT%` to the
 * checkout itself); `absolutePaths` adds it as `originalUriBaseIds`.
 */
import { jsonText, type JsonOptions } from './json';
import { pathToFileURL } from 'node:url';
import type { Range } from '../position';
import type { CheckReport, Report } from './types';
import type { Severity } from '../rubric/types';
import { PROJECT_URL, allFindings, compareText } from './common';
import type { PathOptions } from './shareable';

export type SarifLevel = 'error' | 'warning' | 'note';

/** The subset of SARIF 2.1.0 this formatter writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  /** Only with `absolutePaths`: where `%SRCROOT%` was on the machine that audited. */
  originalUriBaseIds?: Record<string, { uri: string }>;
  results: SarifResult[];
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }[];
  properties: Record<string, unknown>;
}

export interface SarifDriver {
  name: string;
  version: string;
  semanticVersion: string;
  informationUri: string;
  rules: SarifRule[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
    region?: SarifRegion;
  };
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: (SarifLocation & { id: number; message: { text: string } })[];
  partialFingerprints?: Record<string, string>;
  /** Set when the audit was compared with a baseline. */
  baselineState?: 'new' | 'unchanged';
}

export interface SarifNotification {
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Key of our fingerprint in `partialFingerprints`; versioned so a change of algorithm starts a new baseline. */
export const FINGERPRINT_KEY = 'sopMaturity/v1';

/** Maps our four severities onto SARIF's three result levels. */
export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** Builds the SARIF log of a report. */
export function toSarif(report: Report, options: PathOptions = {}): SarifLog {
  const rules = buildRules(report);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const anchor = projectAnchor(report);

  const results: SarifResult[] = [];
  const unanchored: SarifNotification[] = [];
  for (const { path, finding } of allFindings(report)) {
    const where = path !== undefined ? location(path, region(finding.range)) : anchor && location(anchor, FIRST_LINE);
    if (!where) {
      // GitHub rejects a whole upload when one result has no file location.
      unanchored.push({
        level: sarifLevel(finding.severity),
        message: { text: `${finding.check}: ${finding.message}` },
        locations: [],
      });
      continue;
    }
    const result: SarifResult = {
      ruleId: finding.check,
      ruleIndex: ruleIndex.get(finding.check)!,
      level: sarifLevel(finding.severity),
      message: { text: finding.message },
      locations: [where],
    };
    if (finding.related && finding.related.length > 0) {
      result.relatedLocations = finding.related.map((r, id) => ({
        id,
        ...location(r.path, r.range && region(r.range)),
        message: { text: r.message },
      }));
    }
    if (finding.fingerprint) result.partialFingerprints = { [FINGERPRINT_KEY]: finding.fingerprint };
    if (finding.baseline) result.baselineState = finding.baseline === 'new' ? 'new' : 'unchanged';
    results.push(result);
  }

  const notifications: SarifNotification[] = report.errors.map((e) => ({
    level: 'error',
    message: { text: e.message },
    locations: [
      location(
        e.path,
        e.line !== undefined
          ? { startLine: e.line, startColumn: e.column ?? 1, endLine: e.line, endColumn: e.column ?? 1 }
          : undefined,
      ),
    ],
  }));

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: PROJECT_URL,
            rules,
          },
        },
        ...(options.absolutePaths ? { originalUriBaseIds: { '%SRCROOT%': { uri: folderUri(report.root) } } } : {}),
        results,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: [...notifications, ...unanchored] }],
        properties: {
          asOf: report.asOf,
          rubric: report.rubric.id,
          levels: {
            overall: report.levels.overall,
            documentation: report.levels.documentation,
            process: report.levels.process,
            ...(report.levels.heldBack ? { heldBack: report.levels.heldBack } : {}),
          },
        },
      },
    ],
  };
}

/** The SARIF log as JSON text (one line unless `pretty`); ends with a line break. */
export function formatSarif(report: Report, options: JsonOptions = {}): string {
  return jsonText(toSarif(report, options), options.pretty);
}

/**
 * One rule per check id: the checks of the rubric in report order, then any
 * check id that only findings mention (engine findings such as bad
 * exemptions), so every result has a rule to point at.
 */
function buildRules(report: Report): SarifRule[] {
  const severityOf = new Map<string, Severity>();
  for (const { finding } of allFindings(report)) {
    if (!severityOf.has(finding.check)) severityOf.set(finding.check, finding.severity);
  }
  const rules: SarifRule[] = [];
  const seen = new Set<string>();
  for (const check of report.checks) {
    if (seen.has(check.id)) continue;
    seen.add(check.id);
    rules.push(ruleFromCheck(check, check.severity === 'off' ? 'hint' : check.severity));
  }
  for (const id of [...severityOf.keys()].filter((id) => !seen.has(id)).sort(compareText)) {
    rules.push({
      id,
      name: ruleName(id),
      shortDescription: { text: id },
      fullDescription: { text: `Finding of the SOP Maturity engine: ${id}.` },
      help: { text: `See the finding message for what is wrong and what is expected.` },
      defaultConfiguration: { level: sarifLevel(severityOf.get(id)!) },
      properties: { tags: ['documentation'] },
    });
  }
  return rules;
}

function ruleFromCheck(check: CheckReport, severity: Severity): SarifRule {
  const levels = check.levels.map((l) => l.level).join(', ');
  return {
    id: check.id,
    name: ruleName(check.id),
    shortDescription: { text: check.title },
    fullDescription: { text: check.description || check.title },
    helpUri: check.docsUrl || undefined,
    help: {
      text: `${check.hint}${check.hint ? ' ' : ''}(area: ${check.area}; counts at level ${levels}${check.docsUrl ? `; ${check.docsUrl}` : ''})`,
    },
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: { tags: ['documentation', check.area] },
  };
}

/** SARIF rule names are PascalCase identifiers by convention ("review-date" → "ReviewDate"). */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The file that carries the findings of the whole project (those of no
 * document: a workspace check with no index page to file them under): the
 * knowledge base's index page, else the configuration file, else the root
 * README. Never some procedure that happens to sort first: code scanning
 * would show a project-wide problem as that document's. Undefined when there
 * is none of them; the findings then become tool notifications.
 */
export function projectAnchor(report: Pick<Report, 'indexPage' | 'configFile' | 'documents'>): string | undefined {
  if (report.indexPage) return report.indexPage;
  if (report.configFile) return report.configFile;
  const readmes = report.documents.filter((d) => ROOT_README.test(d.path)).map((d) => d.path);
  return readmes.sort((a, b) => readmeRank(a) - readmeRank(b) || compareText(a, b))[0];
}

/** README.md (any case, any Markdown extension) directly in the audited folder. */
const ROOT_README = /^readme\.[^/]+$/i;

/** `README.md` before `readme.md` before other extensions, as GitHub shows them. */
function readmeRank(path: string): number {
  return path === 'README.md' ? 0 : /\.md$/i.test(path) ? 1 : 2;
}

/** `file:///abs/root/`: SARIF base URIs end with a slash. */
function folderUri(root: string): string {
  const uri = pathToFileURL(root).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

const FIRST_LINE: SarifRegion = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

function location(path: string, place: SarifRegion | undefined): SarifLocation {
  const loc: SarifLocation = {
    physicalLocation: { artifactLocation: { uri: relativeUri(path), uriBaseId: '%SRCROOT%' } },
  };
  if (place) loc.physicalLocation.region = place;
  return loc;
}

/**
 * SARIF regions are 1-based with an exclusive end column, like our ranges.
 * Viewers reject an end before the start, so a degenerate range collapses to
 * its start point.
 */
function region(range: Range): SarifRegion {
  const startLine = Math.max(1, range.start.line);
  const startColumn = Math.max(1, range.start.column);
  let endLine = Math.max(1, range.end.line);
  let endColumn = Math.max(1, range.end.column);
  if (endLine < startLine || (endLine === startLine && endColumn < startColumn)) {
    endLine = startLine;
    endColumn = startColumn;
  }
  return { startLine, startColumn, endLine, endColumn };
}

/** A relative POSIX path as a URI reference: each segment percent-encoded, slashes kept. */
function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
