/**
 * SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers: one
 * run, one rule per check id, one result per finding. Locations are relative
 * to `%SRCROOT%` (the audited root) so the file is portable between machines;
 * no absolute root is written, because GitHub resolves `%SRCROOT%` to the
 * checkout itself.
 */
import type { CheckReport, Finding, Range, Report, Severity } from '../../core/types';
import { PROJECT_URL, allFindings, compareText } from './common';

export type SarifLevel = 'error' | 'warning' | 'note';

/** The subset of SARIF 2.1.0 this formatter writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
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
export function toSarif(report: Report): SarifLog {
  const rules = buildRules(report);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));

  const results: SarifResult[] = [];
  const unanchored: SarifNotification[] = [];
  for (const { path, finding } of allFindings(report)) {
    const where = path !== undefined ? location(path, region(finding.range)) : workspaceAnchor(report, finding);
    if (!where) {
      // GitHub rejects a whole upload when one result has no file location.
      unanchored.push({ level: sarifLevel(finding.severity), message: { text: `${finding.check}: ${finding.message}` }, locations: [] });
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
        results,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: [...notifications, ...unanchored] }],
        properties: {
          asOf: report.asOf,
          rubric: report.rubric.id,
          levels: {
            overall: report.levels.overall,
            documentation: report.levels.documentation,
            process: report.levels.process,
          },
        },
      },
    ],
  };
}

/** The SARIF log as JSON text; ends with a line break. */
export function formatSarif(report: Report): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
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
 * Where to show a finding of the whole workspace: the first related file it
 * names, else the index page of the central folder (what `kb-index` and the
 * coverage checks are about), else the first document. Undefined when the
 * workspace has no document at all.
 */
function workspaceAnchor(report: Report, finding: Finding): SarifLocation | undefined {
  const related = finding.related?.find((r) => r.path);
  if (related) return location(related.path, related.range ? region(related.range) : FIRST_LINE);
  const central = report.centralFolder ? `${report.centralFolder}/` : '';
  const index = report.documents
    .filter((d) => d.kind === 'index' && d.path.startsWith(central))
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length || compareText(a.path, b.path))[0];
  const anchor = index ?? [...report.documents].sort((a, b) => compareText(a.path, b.path))[0];
  return anchor ? location(anchor.path, FIRST_LINE) : undefined;
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
