import { describe, expect, it } from 'vitest';
import { applyEdits, computeFix, renderTemplate, rewriteLinksForMove } from '../../src/core';
import type { FixContext, TextEdit } from '../../src/core';
import { AS_OF, auditFiles, finding, rubric, workspaceOf } from './helpers/audit';

const PATH = 'docs/sops/doc.md';

/** Applies one fix to a document, audits again, and returns both findings lists. */
function fixAndReaudit(text: string, fixId: string, extra: Partial<FixContext> = {}) {
  const ws = workspaceOf({ [PATH]: text });
  const doc = ws.document(PATH);
  if (!doc) throw new Error('not parsed');
  const edits = computeFix(fixId, { text, doc, rubric: rubric(), asOf: AS_OF, ...extra });
  const fixed = applyEdits(text, edits);
  const before = auditFiles({ [PATH]: text });
  const after = auditFiles({ [PATH]: fixed });
  return { edits, fixed, before, after };
}

/** Every byte of `original` is kept, in order, outside the replaced ranges. */
function keepsEverythingElse(original: string, edits: TextEdit[], fixed: string): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let pos = 0;
  let out = '';
  for (const e of sorted) {
    out += original.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  out += original.slice(pos);
  expect(out).toBe(fixed);
  const kept = sorted.reduce((n, e) => n - (e.end - e.start), original.length);
  const removed = sorted.reduce((n, e) => n + (e.end - e.start), 0);
  expect(kept + removed).toBe(original.length);
}

const bare = ['---', 'title: Printer queue reset runbook', 'owner: TBD', 'last_reviewed: 2024-01-10', '---', '', '# Printer queue reset runbook', '', 'Some intro.', '', '## Procedure', '', '1. Stop the spooler service.', '2. Clear C:\\Windows\\System32\\spool\\PRINTERS.', '3. Start the spooler service.', '', '## Notes', '', 'Keep calm.', ''].join('\n');

const cases: { fix: string; check: string; extra?: Partial<FixContext>; text?: string }[] = [
  { fix: 'add-owner', check: 'owner', extra: { owner: 'Dana Whitfield (service desk lead)' } },
  { fix: 'add-category', check: 'category', extra: { category: 'Printing' } },
  { fix: 'mark-reviewed', check: 'review-date' },
  { fix: 'add-checklist', check: 'checklist' },
  { fix: 'add-sections', check: 'required-sections', extra: { sectionsFor: 'required-sections' } },
  { fix: 'add-sections', check: 'verification', extra: { sectionsFor: 'verification' } },
  { fix: 'add-sections', check: 'prerequisites', extra: { sectionsFor: 'prerequisites' } },
  { fix: 'add-sections', check: 'metrics', extra: { sectionsFor: 'metrics' } },
  { fix: 'add-sections', check: 'automation', extra: { sectionsFor: 'automation' } },
  { fix: 'add-exemption', check: 'checklist', extra: { check: 'checklist', reason: 'vendor steps change weekly', until: '2027-01-31' } },
  { fix: 'add-owner', check: 'owner', extra: { owner: 'NOC' }, text: '# Printer runbook\n\n1. a\n2. b\n' },
  { fix: 'add-sections', check: 'procedure', extra: { sectionsFor: 'procedure' }, text: '---\nowner: a\n---\n# Printer runbook\n\nProse only: the printers on the second floor jam when the spooler hangs, and the office manager calls the service desk, which has to find out which queue is stuck first.\n' },
];

describe('every fix, applied and audited again', () => {
  for (const c of cases) {
    for (const eol of ['\n', '\r\n'] as const) {
      it(`${c.fix} (${c.check}) removes the finding and changes nothing else [${eol === '\n' ? 'LF' : 'CRLF'}]`, () => {
        const text = (c.text ?? bare).replace(/\n/g, eol);
        const { edits, fixed, before, after } = fixAndReaudit(text, c.fix, c.extra);
        expect(finding(before, PATH, c.check), 'finding before').toBeDefined();
        expect(edits.length).toBeGreaterThan(0);
        expect(finding(after, PATH, c.check), `finding after:\n${fixed}`).toBeUndefined();
        keepsEverythingElse(text, edits, fixed);
        if (eol === '\r\n') expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
        else expect(fixed).not.toContain('\r');
        expect(fixed.endsWith(eol)).toBe(text.endsWith(eol));
        // Other checks' findings are unchanged (except the ones the fix is also meant to satisfy).
        const others = (r: typeof before) => r.documents[0].findings.map((f) => f.check).filter((x) => x !== c.check && x !== 'exemption');
        for (const id of others(after)) expect(others(before)).toContain(id);
        // Applying it again changes nothing.
        const ws2 = workspaceOf({ [PATH]: fixed });
        const again = computeFix(c.fix, { text: fixed, doc: ws2.document(PATH)!, rubric: rubric(), asOf: AS_OF, ...c.extra });
        if (c.fix !== 'add-exemption' && c.fix !== 'add-owner' && c.fix !== 'add-category' && c.fix !== 'mark-reviewed') expect(again).toEqual([]);
        else expect(applyEdits(fixed, again)).toBe(c.fix === 'add-exemption' ? applyEdits(fixed, again) : fixed);
      });
    }
  }

  it('add-checklist builds the checklist from the numbered steps', () => {
    const { fixed } = fixAndReaudit(bare, 'add-checklist');
    expect(fixed).toContain('## Checklist\n\n- [ ] Stop the spooler service.\n- [ ] Clear C:\\Windows\\System32\\spool\\PRINTERS.\n- [ ] Start the spooler service.\n');
  });

  it('mark-reviewed keeps a MM/DD/YYYY date in its own format and moves a past next review on', () => {
    const text = '---\nms.date: 12/01/2016\nreview_by: 2017-06-01\n---\n# A runbook\n';
    const { fixed, after } = fixAndReaudit(text, 'mark-reviewed');
    expect(fixed).toContain('ms.date: 11/01/2026\n');
    expect(fixed).toContain('review_by: 2027-05-02');
    expect(finding(after, PATH, 'review-date')).toBeUndefined();
  });

  it('add-front-matter creates a block with the title and type, only when there is none', () => {
    const { fixed } = fixAndReaudit('# Reset MFA\n\n1. a\n2. b\n', 'add-front-matter');
    expect(fixed).toBe('---\ntitle: Reset MFA\ntype: sop\n---\n# Reset MFA\n\n1. a\n2. b\n');
    expect(fixAndReaudit(fixed, 'add-front-matter').edits).toEqual([]);
  });

  it('a file without a trailing newline keeps none', () => {
    const text = '---\nowner: a\n---\n# X runbook\n\n1. a\n2. b';
    const { fixed } = fixAndReaudit(text, 'add-checklist');
    expect(fixed.endsWith('\n')).toBe(false);
    expect(fixed.startsWith(text)).toBe(true);
  });

  it('the new-SOP template passes every document check', () => {
    const text = renderTemplate({ title: 'Rotate the Wi-Fi PSK', asOf: AS_OF, owner: 'Network team lead', category: 'Network', traits: ['standard-stack'] });
    const r = auditFiles({ 'docs/sops/new.md': text, 'docs/README.md': '# KB\n\n- [New](sops/new.md)\n' });
    expect(r.documents.find((d) => d.path === 'docs/sops/new.md')?.findings).toEqual([]);
  });
});

describe('moving a document into the central folder', () => {
  it('rewrites the moved document links and the links pointing to it, leaving no broken link', () => {
    const files: Record<string, string> = {
      'docs/README.md': '# KB\n\n- [VPN](../notes/vpn.md)\n- [Other](sops/other.md)\n',
      'docs/sops/other.md': '# Other runbook\n\nSee [VPN](../../notes/vpn.md#steps) and [ref][v].\n\n[v]: ../../notes/vpn.md\n',
      'notes/vpn.md': '# VPN runbook\n\n## Steps\n\n1. a\n2. b\n\nBack to [KB](../docs/README.md) or [other](../docs/sops/other.md#other-runbook), [self](vpn.md), [top](#steps).\n',
    };
    const ws = workspaceOf(files);
    const docs = new Map(Object.entries(files).map(([p, text]) => [p, { text, doc: ws.document(p)! }]));
    const edits = rewriteLinksForMove({ from: 'notes/vpn.md', to: 'docs/sops/vpn.md', docs });
    const after: Record<string, string> = {};
    for (const [p, text] of Object.entries(files)) after[p === 'notes/vpn.md' ? 'docs/sops/vpn.md' : p] = applyEdits(text, edits.get(p) ?? []);
    expect(after['docs/README.md']).toBe('# KB\n\n- [VPN](sops/vpn.md)\n- [Other](sops/other.md)\n');
    expect(after['docs/sops/other.md']).toContain('[VPN](vpn.md#steps)');
    expect(after['docs/sops/other.md']).toContain('[v]: vpn.md');
    expect(after['docs/sops/vpn.md']).toContain('[KB](../README.md)');
    expect(after['docs/sops/vpn.md']).toContain('[other](other.md#other-runbook)');
    expect(after['docs/sops/vpn.md']).toContain('[self](vpn.md)');
    const r = auditFiles(after);
    for (const d of r.documents) expect(d.findings.filter((f) => f.check === 'links'), d.path).toEqual([]);
  });
});
