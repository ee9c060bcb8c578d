import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../../src/core/report/types';
import { FINGERPRINT_KEY, SARIF_SCHEMA, formatSarif, sarifLevel, toSarif } from '../../../../src/core/report/sarif';

const sample = (): Report =>
  JSON.parse(readFileSync(new URL('../../../fixtures/reports/sample.json', import.meta.url), 'utf8')) as Report;

describe('sarif format', () => {
  const log = toSarif(sample());
  const run = log.runs[0];
  const { driver } = run.tool;

  it('has the required top-level fields and one run', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(driver).toMatchObject({ name: 'sop-maturity', version: '0.1.0' });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(JSON.parse(formatSarif(sample()))).toEqual(log);
  });

  it('has one rule per check id, with descriptions, help and a default level', () => {
    const ids = driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['owner', 'checklist', 'review-date', 'links', 'one-version', 'exemption']);
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.fullDescription.text).not.toBe('');
      expect(rule.help.text).not.toBe('');
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    const links = driver.rules.find((r) => r.id === 'links')!;
    expect(links.helpUri).toBe('https://github.com/sop-maturity/sop-maturity/blob/main/docs/checks.md#links');
    expect(links.defaultConfiguration.level).toBe('error');
    expect(links.name).toBe('Links');
    expect(driver.rules.find((r) => r.id === 'review-date')!.name).toBe('ReviewDate');
  });

  it('gives every result a rule index that points at its rule', () => {
    expect(run.results).toHaveLength(8);
    for (const result of run.results) {
      expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text).not.toBe('');
    }
  });

  it('locates every result in a file, relative to %SRCROOT%, with a 1-based region', () => {
    for (const result of run.results) {
      expect(result.locations.length).toBeGreaterThan(0);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(artifactLocation.uri).not.toMatch(/^(\/|file:)/);
      expect(region!.startLine).toBeGreaterThanOrEqual(1);
      expect(region!.startColumn).toBeGreaterThanOrEqual(1);
      expect(region!.endLine).toBeGreaterThanOrEqual(region!.startLine);
      if (region!.endLine === region!.startLine) expect(region!.endColumn).toBeGreaterThanOrEqual(region!.startColumn);
    }
    const link = run.results.find((r) => r.ruleId === 'links')!;
    expect(link.level).toBe('error');
    expect(link.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'docs/sops/patching.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 14, startColumn: 5, endLine: 14, endColumn: 38 },
    });
  });

  it('anchors a workspace finding at the central index page', () => {
    const workspace = run.results.find((r) => r.message.text.startsWith('Two procedures share'))!;
    expect(workspace.locations[0].physicalLocation.artifactLocation.uri).toBe('docs/README.md');
  });

  it('turns a workspace finding into a notification when there is no file to anchor it to', () => {
    const report = sample();
    report.documents = [];
    delete report.indexPage;
    const empty = toSarif(report).runs[0];
    expect(empty.results).toHaveLength(0);
    expect(empty.invocations[0].toolExecutionNotifications.map((n) => n.message.text)).toContain(
      'one-version: Two procedures share the title "Backup restore": keep one version and link to it',
    );
  });

  describe('places project-wide findings on the project, never on a procedure', () => {
    const workspaceResult = (report: Report) =>
      toSarif(report).runs[0].results.find(
        (r) => r.ruleId === 'one-version' && r.message.text.startsWith('Two procedures share'),
      );
    const uriOf = (report: Report) => workspaceResult(report)?.locations[0].physicalLocation.artifactLocation.uri;
    /** The sample without an index page, with its workspace finding naming a procedure as related. */
    const noIndex = (): Report => {
      const report = sample();
      delete report.indexPage;
      report.workspaceFindings[0].related = [{ path: 'docs/sops/backup_restore.md', message: 'one copy' }];
      return report;
    };

    it('on the knowledge base index page named by the report', () => {
      const report = sample();
      report.indexPage = 'docs/sops/README.md';
      expect(uriOf(report)).toBe('docs/sops/README.md');
    });

    it('else on the configuration file', () => {
      const report = noIndex();
      report.configFile = '.sopmaturity.yml';
      expect(uriOf(report)).toBe('.sopmaturity.yml');
      expect(workspaceResult(report)!.locations[0].physicalLocation.region).toEqual({
        startLine: 1,
        startColumn: 1,
        endLine: 1,
        endColumn: 1,
      });
    });

    it('else on the README at the root (not one deeper down)', () => {
      const report = noIndex();
      report.documents.push({ ...report.documents[4], path: 'README.md', findings: [] });
      expect(uriOf(report)).toBe('README.md');
    });

    it('else as a notification: a procedure is never the place, even the one the finding names', () => {
      const report = noIndex();
      const result = workspaceResult(report);
      expect(result).toBeUndefined();
      const notes = toSarif(report).runs[0].invocations[0].toolExecutionNotifications.map((n) => n.message.text);
      expect(notes).toContain(
        'one-version: Two procedures share the title "Backup restore": keep one version and link to it',
      );
      // The procedures are still there for their own findings.
      expect(report.documents.some((d) => d.kind === 'procedure')).toBe(true);
    });

    it('keeps the documents the finding names as related locations', () => {
      const report = sample();
      report.workspaceFindings[0].related = [{ path: 'docs/sops/backup_restore.md', message: 'one copy' }];
      const result = workspaceResult(report)!;
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('docs/README.md');
      expect(result.relatedLocations![0].physicalLocation.artifactLocation.uri).toBe('docs/sops/backup_restore.md');
    });
  });

  it('carries the levels and why the overall level is held back in the run properties', () => {
    expect(run.properties.levels).toEqual({
      overall: 3,
      documentation: 3,
      process: 4,
      heldBack:
        'Overall 3: the documentation does not reach Optimizing yet (Checklist and Recent review); process alone would be 4',
    });
  });

  it('writes no absolute path unless asked, then only as the base of %SRCROOT%', () => {
    const report = sample();
    const shared = formatSarif(report);
    expect(shared).not.toContain('/srv/acme-msp');
    expect(JSON.parse(shared).runs[0].originalUriBaseIds).toBeUndefined();
    const absolute = toSarif(report, { absolutePaths: true }).runs[0];
    expect(absolute.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///srv/acme-msp/ops-docs/' } });
    for (const result of absolute.results)
      expect(result.locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/^(\/|file:)/);
  });

  it('percent-encodes paths and keeps fingerprints and related locations', () => {
    const report = sample();
    report.documents[3].findings.push({ ...report.documents[0].findings[0], fingerprint: undefined });
    const results = toSarif(report).runs[0].results;
    expect(
      results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri.includes('hire'))!.locations[0]
        .physicalLocation.artifactLocation.uri,
    ).toBe('docs/runbooks/new%20hire_onboarding.md');
    const checklist = results.find((r) => r.ruleId === 'checklist' && r.partialFingerprints)!;
    expect(checklist.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: '5d41402abc4b2a76' });
    const twin = results.find((r) => r.relatedLocations)!;
    expect(twin.relatedLocations![0]).toMatchObject({
      id: 0,
      message: { text: 'the other copy' },
      physicalLocation: { artifactLocation: { uri: 'docs/sops/backup-restore-old.md' } },
    });
  });

  it('reports engine errors as tool notifications', () => {
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(notes[0]).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'docs/sops/broken.md' }, region: { startLine: 3 } } }],
    });
  });

  it('maps severities onto SARIF levels', () => {
    expect([sarifLevel('error'), sarifLevel('warning'), sarifLevel('info'), sarifLevel('hint')]).toEqual([
      'error',
      'warning',
      'note',
      'note',
    ]);
  });

  it('collapses a range whose end is before its start', () => {
    const report = sample();
    const f = report.documents[0].findings[0];
    f.range = { start: { line: 5, column: 9, offset: 50 }, end: { line: 5, column: 2, offset: 43 } };
    const result = toSarif(report).runs[0].results.find(
      (r) => r.partialFingerprints?.[FINGERPRINT_KEY] === f.fingerprint,
    )!;
    expect(result.locations[0].physicalLocation.region).toEqual({
      startLine: 5,
      startColumn: 9,
      endLine: 5,
      endColumn: 9,
    });
  });
});
