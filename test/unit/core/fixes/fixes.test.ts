import { describe, expect, it } from 'vitest';
import { applyEdits, computeFix, fixBlocker, renderTemplate, rewriteLinksForMove } from '../../../../src/core';
import type { FixContext, TextEdit } from '../../../../src/core';
import { AS_OF, auditFiles, finding, rubric, workspaceOf } from '../../helpers/audit';

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

const bare = [
  '---',
  'title: Printer queue reset runbook',
  'owner: TBD',
  'last_reviewed: 2024-01-10',
  '---',
  '',
  '# Printer queue reset runbook',
  '',
  'When a print queue hangs on the office server, the technician on duty resets it with these steps and notes in the ticket which queue it was.',
  '',
  '## Procedure',
  '',
  '1. Stop the spooler service.',
  '2. Clear C:\\Windows\\System32\\spool\\PRINTERS.',
  '3. Start the spooler service.',
  '',
  '## Notes',
  '',
  'Keep calm.',
  '',
].join('\n');

/** Fixes given what a person states (an owner, a category, today's date for a review, a reason): the finding goes. */
const cases: { fix: string; check: string; extra?: Partial<FixContext>; text?: string }[] = [
  { fix: 'add-owner', check: 'owner', extra: { owner: 'Dana Whitfield (service desk lead)' } },
  { fix: 'add-category', check: 'category', extra: { category: 'Printing' } },
  { fix: 'mark-reviewed', check: 'review-date', extra: { today: AS_OF } },
  { fix: 'add-checklist', check: 'checklist' },
  {
    fix: 'add-exemption',
    check: 'checklist',
    extra: { check: 'checklist', reason: 'vendor steps change weekly', until: '2027-01-31' },
  },
  {
    fix: 'add-owner',
    check: 'owner',
    extra: { owner: 'NOC' },
    text: '# Printer runbook\n\n1. Open the console.\n2. Restart the spooler.\n',
  },
];

/** Editing aids with nothing stated: they insert a placeholder for the author, so the finding stays. */
const aids: { fix: string; check: string; extra?: Partial<FixContext>; text?: string; placeholder: string }[] = [
  { fix: 'add-owner', check: 'owner', placeholder: '<owner>' },
  { fix: 'add-category', check: 'category', placeholder: '<category>' },
  {
    fix: 'add-sections',
    check: 'required-sections',
    extra: { sectionsFor: 'required-sections' },
    placeholder: '(to be completed)',
  },
  {
    fix: 'add-sections',
    check: 'verification',
    extra: { sectionsFor: 'verification' },
    placeholder: '(to be completed)',
  },
  {
    fix: 'add-sections',
    check: 'prerequisites',
    extra: { sectionsFor: 'prerequisites' },
    placeholder: '(to be completed)',
  },
  { fix: 'add-sections', check: 'metrics', extra: { sectionsFor: 'metrics' }, placeholder: '(to be completed)' },
  { fix: 'add-sections', check: 'automation', extra: { sectionsFor: 'automation' }, placeholder: '(to be completed)' },
  { fix: 'add-exemption', check: 'checklist', extra: { check: 'checklist' }, placeholder: '<reason>' },
  {
    fix: 'add-sections',
    check: 'procedure',
    extra: { sectionsFor: 'procedure' },
    placeholder: '(to be completed)',
    text: '---\nowner: a\n---\n# Printer runbook\n\nProse only: the printers on the second floor jam when the spooler hangs, and the office manager calls the service desk, which has to find out which queue is stuck first.\n',
  },
];

/** The text a snippet leaves when each tab stop keeps its default, read the way VS Code reads snippet syntax. */
function snippetAsInserted(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) out += snippet[++i];
    else if (c === '$' && snippet[i + 1] === '{') {
      const colon = snippet.indexOf(':', i);
      expect(/^\$\{\d+$/.test(snippet.slice(i, colon)), `tab stop at ${i} in ${snippet}`).toBe(true);
      i = colon;
    } else if (c === '}') continue;
    else if (c === '$') throw new Error(`unescaped $ in ${snippet}`);
    else out += c;
  }
  return out;
}

/** Tab stops of a snippet with their defaults, in order. */
const tabStops = (snippet: string) =>
  [...snippet.matchAll(/(?<!\\)\$\{(\d+):((?:\\.|[^}\\])*)\}/g)].map((m) => [Number(m[1]), m[2]] as const);

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
        const others = (r: typeof before) =>
          r.documents[0].findings.map((f) => f.check).filter((x) => x !== c.check && x !== 'exemption');
        for (const id of others(after)) expect(others(before)).toContain(id);
        // Applying it again changes nothing.
        const ws2 = workspaceOf({ [PATH]: fixed });
        const again = computeFix(c.fix, {
          text: fixed,
          doc: ws2.document(PATH)!,
          rubric: rubric(),
          asOf: AS_OF,
          ...c.extra,
        });
        if (c.fix === 'add-checklist') expect(again).toEqual([]);
        else if (c.fix !== 'add-exemption') expect(applyEdits(fixed, again)).toBe(fixed);
      });
    }
  }

  for (const c of aids) {
    for (const eol of ['\n', '\r\n'] as const) {
      it(`${c.fix} (${c.check}) as an editing aid inserts ${c.placeholder} as a snippet, and the finding stays [${eol === '\n' ? 'LF' : 'CRLF'}]`, () => {
        const text = (c.text ?? bare).replace(/\n/g, eol);
        const { edits, fixed, before, after } = fixAndReaudit(text, c.fix, c.extra);
        expect(finding(before, PATH, c.check), 'finding before').toBeDefined();
        expect(edits.length).toBeGreaterThan(0);
        keepsEverythingElse(text, edits, fixed);
        expect(fixed).toContain(c.placeholder);
        for (const e of edits) {
          expect(e.snippet, 'snippet').toBeDefined();
          // Inserted as it is, the snippet reads as newText; each tab stop selects a placeholder.
          expect(snippetAsInserted(e.snippet!)).toBe(e.newText);
          const stops = tabStops(e.snippet!);
          expect(stops.length).toBeGreaterThan(0);
          expect(stops[0]).toEqual([1, c.placeholder.replace(/[$}\\]/g, '\\$&')]);
        }
        // A placeholder is no content: the finding the aid addresses stays until the author writes it.
        expect(finding(after, PATH, c.check), `finding after:\n${fixed}`).toBeDefined();
        if (eol === '\r\n') expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
      });
    }
  }

  it('add-checklist builds the checklist from the numbered steps', () => {
    const { fixed } = fixAndReaudit(bare, 'add-checklist');
    expect(fixed).toContain(
      '## Checklist\n\n- [ ] Stop the spooler service.\n- [ ] Clear C:\\Windows\\System32\\spool\\PRINTERS.\n- [ ] Start the spooler service.\n',
    );
  });

  it('add-checklist keeps each first sentence whole, with its code spans, links and emphasis', () => {
    const long =
      'Clear every file in the spool folder and in the folder of the second printer queue, which is where Windows keeps the shadow files of jobs that never printed';
    const text = [
      '# Reset the printer queue',
      '',
      '## Steps',
      '',
      '1. Stop the spooler with `net stop spooler. Then` wait. It takes a minute.',
      '2. Open [the print console. It](https://print.example.com/a.b) lists the queues.',
      `3. ${long}. Then close the folder.`,
      '4. Restart the *spooler. Again* and e.g. Word. Check the queue.',
      '5. Confirm with the user',
      '   on the phone. Close the ticket.',
      '',
    ].join('\n');
    const { fixed } = fixAndReaudit(text, 'add-checklist');
    const cut = long.slice(0, long.indexOf(' ', 100));
    expect(fixed.slice(text.length)).toBe(
      [
        '',
        '## Checklist',
        '',
        '- [ ] Stop the spooler with `net stop spooler. Then` wait.',
        '- [ ] Open [the print console. It](https://print.example.com/a.b) lists the queues.',
        `- [ ] ${cut}…`,
        '- [ ] Restart the *spooler. Again* and e.g. Word.',
        '- [ ] Confirm with the user on the phone.',
        '',
      ].join('\n'),
    );
    expect(cut.length).toBeGreaterThanOrEqual(100);
  });

  it('add-checklist takes bulleted steps under a steps section, and invents nothing for a document without steps', () => {
    const bulleted =
      '# Rotate the key\n\nThe API key of the billing service is rotated every ninety days by the technician on duty, who notes the date of the rotation in the ticket.\n\n## Steps\n\n- Create the new key in the vault.\n- Update the service. Restart it.\n';
    expect(fixAndReaudit(bulleted, 'add-checklist').fixed).toBe(
      `${bulleted}\n## Checklist\n\n- [ ] Create the new key in the vault.\n- [ ] Update the service.\n`,
    );
    const prose =
      '---\ntype: sop\n---\n# Rotate the key\n\n## Procedure\n\nThe key is rotated by the vault itself every ninety days; nothing to do but watch the alert channel for the notice and confirm it in the ticket.\n';
    expect(fixAndReaudit(prose, 'add-checklist').edits).toEqual([]);
  });

  it('add-checklist says why it makes no checklist: no steps, a step still to write, a stub', () => {
    const intro =
      'When a print queue hangs on the office server, the technician on duty resets it with these steps and notes in the ticket which queue it was.';
    const blocker = (text: string) => {
      const doc = workspaceOf({ [PATH]: text }).document(PATH)!;
      expect(computeFix('add-checklist', { text, doc, rubric: rubric(), asOf: AS_OF })).toEqual([]);
      return fixBlocker('add-checklist', doc, rubric());
    };
    expect(
      blocker(
        `---\ntype: sop\n---\n# Printer queue reset\n\n${intro}\n\n## Procedure\n\nThe spooler restarts itself; watch it.\n`,
      ),
    ).toMatch(/^the document has no written steps/);
    expect(
      blocker(
        `# Printer queue reset\n\n${intro}\n\n## Procedure\n\n1. Stop the spooler service.\n2. (to be completed)\n`,
      ),
    ).toBe('a step is still a placeholder ("(to be completed)"): write the steps first');
    expect(blocker('# Printer queue reset\n\n## Procedure\n\n1. Stop the spooler.\n2. Start it.\n')).toMatch(
      /^the document is an empty template/,
    );
  });

  it('mark-reviewed writes the given today, never the pinned as-of date, and nothing without it', () => {
    const text = '---\nms.date: 12/01/2016\nreview_by: 2017-06-01\n---\n# A runbook\n';
    expect(fixAndReaudit(text, 'mark-reviewed').edits).toEqual([]);
    const { fixed } = fixAndReaudit(text, 'mark-reviewed', { today: '2026-12-05' });
    // The date keeps its own MM/DD/YYYY format; a past next review moves on by the same interval.
    expect(fixed).toContain('ms.date: 12/05/2026\n');
    expect(fixed).toContain('review_by: 2027-06-05');
    expect(fixed).not.toContain(AS_OF);
  });

  it('add-exemption defaults to 90 days from today, never more than a year, and escapes document text in its snippet', () => {
    const text = '---\nowner: a\n---\n# A runbook\n';
    const at = (extra: Partial<FixContext>) =>
      fixAndReaudit(text, 'add-exemption', { check: 'checklist', ...extra }).edits[0];
    expect(at({ today: '2026-12-05' }).newText).toBe(
      '<!-- sop-maturity-disable checklist -- <reason> (until 2027-03-05) -->\n',
    );
    expect(at({}).newText).toContain('(until 2027-01-30)');
    expect(at({ today: '2026-12-05', until: '2029-01-01' }).newText).toContain('(until 2027-12-05)');
    const e = at({ today: '2026-12-05', reason: 'costs $5} per \\ run' });
    expect(e.snippet).toBe(
      '<!-- sop-maturity-disable checklist -- ${1:costs \\$5\\} per \\\\ run} (until ${2:2027-03-05}) -->\n',
    );
    expect(snippetAsInserted(e.snippet!)).toBe(e.newText);
  });

  it('add-front-matter creates a block with the type, only when there is none, and leaves the title to the first heading', () => {
    const text =
      '# Reset MFA\n\nWhen a user loses the phone with the authenticator app, the service desk resets the second factor after checking who is calling.\n\n1. Confirm the caller.\n2. Reset the factor.\n';
    const { fixed, after } = fixAndReaudit(text, 'add-front-matter');
    // A `title:` key would make the first heading read as a section (a heading that gives an instruction, a missing Purpose).
    expect(fixed).toBe(`---\ntype: sop\n---\n${text}`);
    expect(after.documents[0].title).toBe('Reset MFA');
    expect(fixAndReaudit(fixed, 'add-front-matter').edits).toEqual([]);
    // Not on a document that is not a procedure: `type: sop` would make it one.
    const index = '# Knowledge base\n\n- [Reset MFA](sops/reset-mfa.md)\n- [Printers](sops/printers.md)\n';
    const readme = workspaceOf({ 'docs/README.md': index }).document('docs/README.md')!;
    expect(readme.kind).not.toBe('procedure');
    expect(computeFix('add-front-matter', { text: index, doc: readme, rubric: rubric(), asOf: AS_OF })).toEqual([]);
  });

  it('a file without a trailing newline keeps none', () => {
    const text =
      '---\nowner: a\n---\n# X runbook\n\nWhen the monitoring agent of a managed server stops reporting to the dashboard, the technician on duty restarts it from the console and notes the name of the server in the ticket.\n\n1. Open the console.\n2. Restart the agent.';
    const { fixed, edits } = fixAndReaudit(text, 'add-checklist');
    expect(edits.length).toBeGreaterThan(0);
    expect(fixed.endsWith('\n')).toBe(false);
    expect(fixed.startsWith(text)).toBe(true);
  });

  it('the new-SOP template is a draft: a procedure that fails every check needing written content', () => {
    const text = renderTemplate({ title: 'Rotate the Wi-Fi PSK', traits: ['standard-stack'] });
    expect(text).toMatch(
      /^---\ntitle: Rotate the Wi-Fi PSK\ntype: sop\nowner: <owner>\ncategory: <category>\ntraits: \[standard-stack\]\n---\n\n# Rotate the Wi-Fi PSK\n/,
    );
    // No review date: a review is a person's statement.
    expect(text).not.toMatch(/review/i);
    const r = auditFiles({ 'docs/sops/new.md': text, 'docs/README.md': '# KB\n\n- [New](sops/new.md)\n' });
    const doc = r.documents.find((d) => d.path === 'docs/sops/new.md')!;
    expect(doc.kind).toBe('procedure');
    const failing = new Set(doc.findings.map((f) => f.check));
    for (const check of [
      'owner',
      'category',
      'review-date',
      'required-sections',
      'procedure',
      'checklist',
      'verification',
      'prerequisites',
      'metrics',
      'automation',
    ]) {
      expect(failing.has(check), `${check} should fail on the draft`).toBe(true);
    }
    expect(renderTemplate({ title: 'X', eol: '\r\n' }).replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('moving a document into the central folder', () => {
  it('rewrites the moved document links and the links pointing to it, leaving no broken link', () => {
    const files: Record<string, string> = {
      'docs/README.md': '# KB\n\n- [VPN](../notes/vpn.md)\n- [Other](sops/other.md)\n',
      'docs/sops/other.md':
        '# Other runbook\n\nSee [VPN](../../notes/vpn.md#steps) and [ref][v].\n\n[v]: ../../notes/vpn.md\n',
      'notes/vpn.md':
        '# VPN runbook\n\n## Steps\n\n1. a\n2. b\n\nBack to [KB](../docs/README.md) or [other](../docs/sops/other.md#other-runbook), [self](vpn.md), [top](#steps).\n',
    };
    const ws = workspaceOf(files);
    const docs = new Map(Object.entries(files).map(([p, text]) => [p, { text, doc: ws.document(p)! }]));
    const edits = rewriteLinksForMove({ from: 'notes/vpn.md', to: 'docs/sops/vpn.md', docs });
    const after: Record<string, string> = {};
    for (const [p, text] of Object.entries(files))
      after[p === 'notes/vpn.md' ? 'docs/sops/vpn.md' : p] = applyEdits(text, edits.get(p) ?? []);
    expect(after['docs/README.md']).toBe('# KB\n\n- [VPN](sops/vpn.md)\n- [Other](sops/other.md)\n');
    expect(after['docs/sops/other.md']).toContain('[VPN](vpn.md#steps)');
    expect(after['docs/sops/other.md']).toContain('[v]: vpn.md');
    expect(after['docs/sops/vpn.md']).toContain('[KB](../README.md)');
    expect(after['docs/sops/vpn.md']).toContain('[other](other.md#other-runbook)');
    expect(after['docs/sops/vpn.md']).toContain('[self](vpn.md)');
    const r = auditFiles(after);
    for (const d of r.documents)
      expect(
        d.findings.filter((f) => f.check === 'links'),
        d.path,
      ).toEqual([]);
  });
});
