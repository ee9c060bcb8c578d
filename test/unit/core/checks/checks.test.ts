import { describe, expect, it } from 'vitest';
import { auditFiles, finding, goodSop } from '../../helpers/audit';

/** Replaces one front-matter line (by key) of a good SOP, or drops it with `null`. */
function sopWith(title: string, key: string, value: string | null, body = ''): string {
  const base = goodSop(title);
  const re = new RegExp(`^${key}:.*\\n`, 'm');
  const out =
    value === null
      ? base.replace(re, '')
      : re.test(base)
        ? base.replace(re, `${key}: ${value}\n`)
        : base.replace('---\n\n', `${key}: ${value}\n---\n\n`);
  return out + body;
}

describe('document checks: one passing and one failing document each', () => {
  it('owner: front matter, Owner: line, table row, CODEOWNERS and OWNERS count; placeholders do not', () => {
    const r = auditFiles(
      {
        'docs/sops/a.md': goodSop('A'),
        'docs/sops/b.md': sopWith('B', 'owner', null, '\n**Owner:** Sam Patel\n'),
        'docs/sops/c.md': sopWith('C', 'owner', null, '\n| Field | Value |\n|---|---|\n| Owner | Ops team lead |\n'),
        'docs/sops/d.md': sopWith('D', 'owner', 'TBD'),
        'docs/sops/e.md': sopWith('E', 'owner', null),
        'docs/sops/team/f.md': sopWith('F', 'owner', null),
        'docs/sops/g.md': sopWith('G', 'owner', '[]'),
        'docs/sops/h.md': sopWith('H', 'maintainers', '[alice, bob]').replace(/^owner:.*\n/m, ''),
      },
      {
        ownerFiles: {
          '.github/CODEOWNERS': '# owners\n/docs/sops/e.md @noc-team\n',
          'docs/sops/team/OWNERS': 'approvers:\n  - carol\n',
        },
      },
    );
    expect(finding(r, 'docs/sops/a.md', 'owner')).toBeUndefined();
    expect(finding(r, 'docs/sops/b.md', 'owner')).toBeUndefined();
    expect(finding(r, 'docs/sops/c.md', 'owner')).toBeUndefined();
    expect(finding(r, 'docs/sops/h.md', 'owner')).toBeUndefined();
    const d = finding(r, 'docs/sops/d.md', 'owner');
    expect(d?.message).toContain('placeholder');
    expect(d?.range.start.line).toBe(4);
    expect(d?.level).toBe(2);
    expect(finding(r, 'docs/sops/e.md', 'owner')).toBeUndefined();
    expect(r.documents.find((x) => x.path === 'docs/sops/e.md')).toMatchObject({
      owner: '@noc-team',
      ownerSource: 'codeowners',
      ownerOrigin: '.github/CODEOWNERS:2',
    });
    expect(r.documents.find((x) => x.path === 'docs/sops/team/f.md')).toMatchObject({
      owner: 'carol',
      ownerSource: 'owners-file',
    });
    expect(finding(r, 'docs/sops/g.md', 'owner')?.message).toContain('placeholder');
    expect(r.documents.find((x) => x.path === 'docs/sops/b.md')?.ownerSource).toBe('body');
  });

  it('procedure: numbered steps, a task list or a Procedure heading with content', () => {
    const noSteps =
      '---\ntitle: X runbook\nowner: a\n---\n\n# X runbook\n\nJust prose: what the service is, who uses it and why it matters to the clients, but not one word on what a technician should do when it breaks at night.\n';
    const careful =
      'Do it carefully: look at the console first, then at the last change, and ask the owner of the service before you touch anything that serves a client or stores its data.';
    const r = auditFiles({
      'docs/sops/a.md': goodSop('A'),
      'docs/sops/b.md': noSteps,
      'docs/sops/c.md': `# C runbook\n\n## Steps\n\n${careful}\n`,
      'docs/sops/d.md': '# D runbook\n\n## Steps\n\nDo it carefully.\n',
    });
    expect(finding(r, 'docs/sops/a.md', 'procedure')).toBeUndefined();
    expect(finding(r, 'docs/sops/b.md', 'procedure')?.message).toMatch(/No written steps/);
    expect(finding(r, 'docs/sops/c.md', 'procedure')).toBeUndefined();
    // Fewer than 30 words of its own: an empty template copy, whatever its headings promise.
    expect(finding(r, 'docs/sops/d.md', 'procedure')?.message).toBe(
      'Empty template: only 3 words of its own; write the steps or delete the file',
    );
  });

  it('category, required-sections, verification, prerequisites, metrics, automation, checklist', () => {
    const bare = '---\ntitle: Bare runbook\nowner: a\n---\n\n# Bare runbook\n\n1. one\n2. two\n';
    const r = auditFiles({
      'docs/sops/good.md': goodSop('Good'),
      'docs/sops/bare.md': bare,
      'docs/sops/script.md': bare.replace('Bare', 'Scripted') + '\nRun [the script](../../scripts/x.ps1).\n',
    });
    for (const id of [
      'category',
      'required-sections',
      'verification',
      'prerequisites',
      'metrics',
      'automation',
      'checklist',
    ]) {
      expect(finding(r, 'docs/sops/good.md', id), id).toBeUndefined();
      expect(finding(r, 'docs/sops/bare.md', id), id).toBeDefined();
    }
    expect(finding(r, 'docs/sops/bare.md', 'required-sections')?.message).toBe(
      'Missing template sections: add `## Purpose` and `## Procedure`',
    );
    expect(finding(r, 'docs/sops/script.md', 'automation')).toBeUndefined();
  });

  it('heading aliases count: Overview + Resolution, Validation, Requirements, KPIs', () => {
    const doc =
      '---\nowner: a\ncategory: b\n---\n# Alias runbook\n## Overview\nx\n## Resolution\n1. a\n2. b\n## Validation\nok\n## Requirements\nx\n## KPIs\nx\n';
    const r = auditFiles({ 'docs/sops/a.md': doc });
    for (const id of ['required-sections', 'verification', 'prerequisites', 'metrics'])
      expect(finding(r, 'docs/sops/a.md', id), id).toBeUndefined();
  });

  it('review-date: valid and recent passes; missing, malformed, future, overdue and old fail with their own messages', () => {
    const r = auditFiles({
      'docs/sops/ok.md': sopWith('Ok', 'last_reviewed', '2026-06-01'),
      'docs/sops/us.md': sopWith('Us', 'last_reviewed', null).replace('type: sop', 'type: sop\nms.date: 10/15/2026'),
      'docs/sops/none.md': sopWith('None', 'last_reviewed', null),
      'docs/sops/bad.md': sopWith('Bad', 'last_reviewed', 'spring 2026'),
      'docs/sops/future.md': sopWith('Future', 'last_reviewed', '2026-12-24'),
      'docs/sops/overdue.md': sopWith('Overdue', 'last_reviewed', '2026-06-01').replace(
        'type: sop',
        'type: sop\nreview_in: 3 months',
      ),
      'docs/sops/old.md': sopWith('Old', 'last_reviewed', '2025-09-01'),
      'docs/sops/mid.md': sopWith('Mid', 'last_reviewed', '2026-03-01'),
    });
    expect(finding(r, 'docs/sops/ok.md', 'review-date')).toBeUndefined();
    expect(finding(r, 'docs/sops/us.md', 'review-date')).toBeUndefined();
    expect(finding(r, 'docs/sops/none.md', 'review-date')?.message).toMatch(/No review date/);
    expect(finding(r, 'docs/sops/bad.md', 'review-date')?.message).toMatch(/"spring 2026" is not a date/);
    expect(finding(r, 'docs/sops/future.md', 'review-date')?.message).toMatch(/in the future/);
    expect(finding(r, 'docs/sops/overdue.md', 'review-date')?.message).toMatch(/due on 2026-09-01/);
    const old = finding(r, 'docs/sops/old.md', 'review-date');
    expect(old?.level).toBe(4);
    expect(old?.message).toMatch(/426 days/);
    // 245 days old: fine for level 4 (365), fails level 5 (180): the finding is for level 5.
    expect(finding(r, 'docs/sops/mid.md', 'review-date')?.level).toBe(5);
  });

  it('links: missing files, missing anchors, images; existing files, folders and anchors pass', () => {
    const r = auditFiles({
      'docs/sops/a.md':
        goodSop('A') +
        '\nSee [B](b.md#procedure), [top](#purpose), [index](../README.md), [folder](../sops/) and [web](https://example.com/x.md).\n',
      'docs/sops/b.md': goodSop('B') + '\nSee [gone](missing.md), [bad anchor](a.md#nope) and ![img](img/none.png).\n',
      'docs/README.md': '# KB\n',
    });
    expect(finding(r, 'docs/sops/a.md', 'links')).toBeUndefined();
    const f = finding(r, 'docs/sops/b.md', 'links');
    expect(f?.message).toBe(
      'Broken link `missing.md` (file not found) (and 2 more): point it at an existing file or page',
    );
    expect(f?.related?.map((x) => x.message)).toEqual([
      'broken link `a.md#nope` (no heading #nope in docs/sops/a.md)',
      'broken link `img/none.png` (file not found)',
    ]);
    expect(f?.range.start.line).toBeGreaterThan(30);
  });

  it('central-location: procedures outside the central folder fail', () => {
    const files: Record<string, string> = { 'docs/README.md': '# KB\n' };
    for (const n of ['a', 'b', 'c']) files[`docs/sops/${n}.md`] = goodSop(n.toUpperCase());
    files['notes/x.md'] = goodSop('Lost runbook');
    const r = auditFiles(files);
    expect(r.centralFolder).toBe('docs');
    expect(finding(r, 'docs/sops/a.md', 'central-location')).toBeUndefined();
    expect(finding(r, 'notes/x.md', 'central-location')).toMatchObject({ fixes: ['move-to-central'] });
  });
});

describe('workspace checks', () => {
  it('sop-present fails on a repository without procedures, and the level is 0', () => {
    const r = auditFiles({ 'README.md': '# Hello\n', 'notes.md': 'just notes\n' });
    expect(r.levels.overall).toBe(0);
    expect(r.levels.documentation).toBe(0);
    expect(r.checks.find((c) => c.id === 'sop-present')?.levels[0].holds).toBe(false);
    expect(r.nextSteps[0].id).toBe('sop-present');
  });

  it('recurring-coverage and assurance-coverage match words in title, path, tags and category, never the body', () => {
    const r = auditFiles({
      'docs/sops/patching.md': goodSop('Monthly patch run'),
      'docs/sops/x.md': goodSop('Alerting rules'),
      'docs/sops/backup-check.md': goodSop('Daily check'),
      'docs/sops/body-only.md': goodSop('Nothing') + '\nmaintenance onboarding restore test antivirus\n',
    });
    const rc = r.checks.find((c) => c.id === 'recurring-coverage');
    expect(rc?.levels[0].holds).toBe(true);
    expect(rc?.detail).toContain('3 of 5 topics covered');
    const ac = r.checks.find((c) => c.id === 'assurance-coverage');
    expect(ac?.levels[0].holds).toBe(false);
    expect(ac?.detail).toContain('backup testing, antivirus, threat detection');
  });

  it('kb-index: reachability through index pages and documents, unreachable ones get a finding naming the index', () => {
    const files: Record<string, string> = {
      'docs/README.md': '# KB\n\n- [Service desk](service/README.md)\n',
      'docs/service/README.md': '# Service desk\n\n- [A](a.md)\n- [B](b.md)\n',
      'docs/service/a.md': goodSop('A') + '\nNext: [C](c.md)\n',
      'docs/service/b.md': goodSop('B'),
      'docs/service/c.md': goodSop('C'),
      'docs/service/d.md': goodSop('D'),
      'docs/service/e.md': goodSop('E'),
    };
    const r = auditFiles(files);
    const kb = r.checks.find((c) => c.id === 'kb-index');
    expect(kb?.detail).toBe('3 of 5 procedures reachable from docs/README.md (80% needed)');
    expect(kb?.levels[0].holds).toBe(false);
    const f = finding(r, 'docs/service/d.md', 'kb-index');
    expect(f?.related?.[0].path).toBe('docs/README.md');
    files['docs/service/README.md'] += '- [D](d.md)\n';
    expect(auditFiles(files).checks.find((c) => c.id === 'kb-index')?.levels[0].holds).toBe(true);
  });

  it('kb-index without an index page fails with a workspace finding', () => {
    const r = auditFiles({ 'docs/sops/a.md': goodSop('A') });
    expect(r.checks.find((c) => c.id === 'kb-index')?.detail).toMatch(/No index page in docs\//);
    expect(r.workspaceFindings.map((f) => f.check)).toContain('kb-index');
  });

  it('one-version: same normalised title, or near-identical body, names the twin', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${(i * 7919) % 5000}`).join(' ');
    const body = (n: string) => goodSop(n) + '\n' + words + '\n';
    const r = auditFiles({
      'docs/sops/vpn.md': goodSop('VPN troubleshooting'),
      'notes/vpn-old.md': goodSop('VPN Troubleshooting runbook'),
      'docs/sops/print-a.md': body('Printer spooler reset'),
      'docs/sops/print-b.md': body('Reset a stuck print queue'),
      'docs/sops/other.md': goodSop('Something else entirely'),
    });
    expect(finding(r, 'docs/sops/vpn.md', 'one-version')?.message).toMatch(
      /notes\/vpn-old\.md \(same title, \d+% the same words\)/,
    );
    expect(finding(r, 'notes/vpn-old.md', 'one-version')?.related?.[0].path).toBe('docs/sops/vpn.md');
    expect(finding(r, 'docs/sops/print-a.md', 'one-version')?.message).toMatch(
      /docs\/sops\/print-b.md \(\d+% the same text\)/,
    );
    expect(finding(r, 'docs/sops/other.md', 'one-version')).toBeUndefined();
  });
});

describe('classification', () => {
  const kind = (path: string, text: string) => auditFiles({ [path]: text }).documents[0];
  it('follows RUBRIC.md: type, folder, title, steps; README is an index; ADR and references are other', () => {
    expect(kind('x/a.md', '---\ntype: Runbook\n---\n# A\n').kind).toBe('procedure');
    expect(kind('x/a.md', '---\ntype: reference\n---\n# A runbook\n').kind).toBe('other');
    expect(kind('ops/Playbooks/a.md', '# A\n').kind).toBe('procedure');
    expect(kind('x/a.md', '# How to reset a password\n').kind).toBe('procedure');
    expect(kind('x/a.md', '# Password SOP\n').kind).toBe('procedure');
    expect(kind('x/a.md', '# Notes\n\n## Steps\n\n1. a\n2. b\n3. c\n').kind).toBe('procedure');
    // Revision 2: a steps section with two numbered steps is enough; two numbered steps without one are not.
    expect(kind('x/a.md', '# Notes\n\n## Steps\n\n1. a\n2. b\n').kind).toBe('procedure');
    expect(kind('x/a.md', '# Notes\n\n## Background\n\n1. a\n2. b\n').kind).toBe('other');
    expect(kind('sops/README.md', '# SOPs\n').kind).toBe('index');
    expect(kind('sops/CHANGELOG.md', '# Changes\n').kind).toBe('other');
    expect(
      kind('sops/0001-adr.md', '# Use git\n## Status\nok\n## Context\nx\n## Decision\ny\n## Consequences\nz\n').kind,
    ).toBe('other');
    expect(kind('x/a.html.md.erb', '---\ntitle: How to rotate keys\n---\n').kind).toBe('procedure');
  });

  it('ignores facts inside generated-content markers', () => {
    const text =
      '# Service runbook\n\n<!-- MARKER: do not edit this section directly. -->\n[gone](nowhere.md)\n\n## Procedure\n<!-- END_MARKER -->\n';
    const r = auditFiles({ 'runbooks/a.md': text });
    expect(finding(r, 'runbooks/a.md', 'links')).toBeUndefined();
    expect(finding(r, 'runbooks/a.md', 'required-sections')?.message).toContain('Procedure');
  });
});
