import { describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../fakes/vscode'));

import * as vscode from 'vscode';
import type { Finding, Report } from '../../../src/core/report/types';
import { EXTENSION_NAME } from '../../../src/extension/constants';
import {
  diagnosticsByPath,
  positionAt,
  toDiagnostic,
  toSeverity,
  toVsEdit,
  toVsRange,
  workspaceAnchor,
} from '../../../src/extension/mapping';

const root = vscode.Uri.file('/repo');
const point = (line: number, column: number, offset = 0) => ({ line, column, offset });

function finding(over: Partial<Finding> = {}): Finding {
  return {
    check: 'owner',
    url: 'https://example.com/checks#owner',
    level: 2,
    severity: 'warning',
    message: 'No owner',
    range: { start: point(2, 1, 4), end: point(2, 6, 9) },
    fixes: ['add-owner'],
    ...over,
  };
}

function report(over: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'sop-maturity', version: '0' },
    root: '/repo',
    asOf: '2026-11-23',
    rubric: { id: 'oml', title: 'OML', source: 'builtin' },
    label: '',
    centralFolder: 'docs',
    centralFolderSource: 'default-rule',
    levelNames: { '1': 'Beginning', '2': 'Emerging', '3': 'Scaling', '4': 'Optimizing', '5': 'Innovating' },
    levels: { overall: 2, documentation: 2, process: 3, areas: {}, processAreas: {}, shadow: 3, points: 0.5 },
    summary: {
      documents: 1,
      procedures: 1,
      stubs: 0,
      indexes: 0,
      other: 0,
      findings: 1,
      exemptedDocuments: 0,
      skipped: 0,
    },
    checks: [
      {
        id: 'owner',
        title: 'Owner',
        description: '',
        hint: '',
        area: 'Ownership',
        scope: 'document',
        severity: 'warning',
        docsUrl: 'https://example.com/checks#owner',
        levels: [],
        exempted: 0,
      },
    ],
    traits: [],
    documents: [{ path: 'docs/sops/a.md', kind: 'procedure', kindReason: '', exemptions: [], findings: [finding()] }],
    nextSteps: [],
    workspaceFindings: [],
    errors: [],
    ...over,
  };
}

describe('positions', () => {
  it('converts 1-based report ranges to 0-based editor ranges', () => {
    const r = toVsRange({ start: point(1, 1), end: point(3, 7) });
    expect([r.start.line, r.start.character, r.end.line, r.end.character]).toEqual([0, 0, 2, 6]);
  });

  it('finds the position of a UTF-16 offset, counting a surrogate pair as two', () => {
    const text = 'ab\n😀x\r\nlast';
    expect(positionAt(text, 0)).toMatchObject({ line: 0, character: 0 });
    expect(positionAt(text, 3)).toMatchObject({ line: 1, character: 0 });
    expect(positionAt(text, 5)).toMatchObject({ line: 1, character: 2 }); // after the emoji
    expect(positionAt(text, text.indexOf('last'))).toMatchObject({ line: 2, character: 0 });
    expect(positionAt(text, 999)).toMatchObject({ line: 2, character: 4 });
  });

  it('turns an engine edit into an editor edit on the same text', () => {
    const e = toVsEdit('one\ntwo\n', { start: 4, end: 7, newText: 'TWO' });
    expect([e.range.start.line, e.range.start.character, e.range.end.character, e.newText]).toEqual([1, 0, 3, 'TWO']);
  });
});

describe('severity', () => {
  // The engine applies the severity overrides (see the core's severity tests): a finding's severity is final.
  it('maps the finding severity', () => {
    expect(toSeverity('error')).toBe(vscode.DiagnosticSeverity.Error);
    expect(toSeverity('warning')).toBe(vscode.DiagnosticSeverity.Warning);
    expect(toSeverity('info')).toBe(vscode.DiagnosticSeverity.Information);
    expect(toSeverity('hint')).toBe(vscode.DiagnosticSeverity.Hint);
  });
});

describe('diagnostics', () => {
  const ctx = { root };

  it('carries source, check id linked to its documentation (finding.url), exact range, message with the level', () => {
    const d = toDiagnostic(finding(), ctx);
    expect(d.source).toBe(EXTENSION_NAME);
    expect(d.code).toMatchObject({ value: 'owner' });
    expect(String((d.code as { target: vscode.Uri }).target)).toBe('https://example.com/checks#owner');
    expect([d.range.start.line, d.range.start.character, d.range.end.character]).toEqual([1, 0, 5]);
    expect(d.message).toBe('No owner (level 2)');
    expect(d.severity).toBe(vscode.DiagnosticSeverity.Warning);
  });

  it('links related places (a one-version twin) to their files; without a documentation link, a plain code', () => {
    const related = [{ path: 'docs/b.md', range: { start: point(1, 3), end: point(1, 9) }, message: 'twin' }];
    const d = toDiagnostic(finding({ check: 'one-version', url: undefined, related }), ctx);
    expect(d.code).toBe('one-version');
    expect(d.relatedInformation).toHaveLength(1);
    expect(d.relatedInformation![0].location.uri.path).toBe('/repo/docs/b.md');
    expect(d.relatedInformation![0].location.range.start.character).toBe(2);
    expect(d.relatedInformation![0].message).toBe('twin');
  });

  it('publishes every document, workspace findings on the index page, and unreadable files', () => {
    const r = report({
      documents: [
        { path: 'docs/sops/a.md', kind: 'procedure', kindReason: '', exemptions: [], findings: [finding()] },
        { path: 'docs/README.md', kind: 'index', kindReason: '', exemptions: [], findings: [] },
      ],
      workspaceFindings: [finding({ check: 'recurring-coverage', fixes: [] })],
      errors: [
        { path: 'docs/big.md', message: 'too large', line: 3, column: 2 },
        // Already a finding of the document (check front-matter): not published twice.
        { path: 'docs/sops/a.md', message: 'front matter is not valid YAML', line: 2, column: 1 },
      ],
    });
    const byPath = diagnosticsByPath(r, ctx);
    expect([...byPath.keys()].sort()).toEqual(['docs/README.md', 'docs/big.md', 'docs/sops/a.md']);
    expect(byPath.get('docs/sops/a.md')).toHaveLength(1);
    expect(byPath.get('docs/README.md')![0].code).toMatchObject({ value: 'recurring-coverage' });
    const error = byPath.get('docs/big.md')![0];
    expect([error.severity, error.range.start.line, error.range.start.character]).toEqual([
      vscode.DiagnosticSeverity.Error,
      2,
      1,
    ]);
  });

  it('puts workspace findings on the config file when there is no index page', () => {
    expect(workspaceAnchor(report())).toBe('.sopmaturity.yml');
    const r = report({
      documents: [
        { path: 'docs/sops/README.md', kind: 'index', kindReason: '', exemptions: [], findings: [] },
        { path: 'docs/README.md', kind: 'index', kindReason: '', exemptions: [], findings: [] },
        { path: 'README.md', kind: 'index', kindReason: '', exemptions: [], findings: [] },
      ],
    });
    expect(workspaceAnchor(r)).toBe('docs/README.md');
  });
});
