/**
 * "A level is earned, never clicked" (RUBRIC.md, Documentation checks):
 * placeholder values, sections, steps and task lists never pass, placeholder
 * text is not the author's words, and an exemption needs a real reason and
 * a near expiry. Each placeholder form has its finding here, and real values
 * that look like placeholders still pass.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../../src/core';
import type { Report, Rubric } from '../../../../src/core';
import { isPlaceholderText, isPlaceholderValue, reasonProblem } from '../../../../src/core/parse/placeholders';
import { AS_OF, auditFiles, finding, findingsOf, rubric } from '../../helpers/audit';

const ACCOUNTABLE = 'name the one person or team accountable for this procedure from start to finish';

/** The placeholder values RUBRIC.md names, as a person or a template writes them. */
const VALUE_PLACEHOLDERS = [
  'TBD',
  'TODO',
  '?',
  'unknown',
  'none',
  'n/a',
  'everyone',
  'everybody',
  'all',
  'team',
  'owner',
  'name',
  'your name',
  'firstname lastname',
  'someone',
  'xxx',
  'example',
  '<owner>',
  '<category>',
  '[team]',
  '<Your Name Here>',
  // Case, spaces and punctuation aside.
  'N/A',
  'T.B.D.',
  'Your-Name',
  '  Everyone!  ',
  'FirstName LastName',
];

/** Values that read like a placeholder word but name someone or something. */
const REAL_VALUES = [
  'alice@example.com',
  'Example Corp NOC',
  'Ops team',
  'Team Blue',
  'Owen Reyes (Backup engineer)',
  'Network',
  '<ops@example.com>',
  'Allison',
  'Noneuclid Ltd',
];

/** A procedure with every section written (well over 30 words of its own); `sections` replaces a section's body, `null` drops it. */
function sop(opts: { front?: string[]; sections?: Record<string, string | null>; extra?: string } = {}): string {
  const sections: Record<string, string | null> = {
    Purpose:
      'Keeps the nightly backup jobs of every client healthy, so that a failed job is seen and rerun before the next business day starts.',
    Prerequisites: '- Admin access to the backup console.',
    Procedure:
      '1. Open the backup console.\n2. Filter the jobs by status Failed.\n3. Rerun each failed job and note the result in the ticket.',
    Checklist: '- [ ] Failed jobs rerun\n- [ ] Ticket updated',
    Verification: 'Every job of the night shows status Succeeded in the console.',
    Metrics: 'Failed jobs left unresolved at 09:00, per week.',
    Automation: 'The RMM policy reruns a failed job once before a ticket is opened.',
    ...opts.sections,
  };
  const front = opts.front ?? [
    'title: Backup check',
    'type: sop',
    'owner: Owen Reyes',
    'category: Backup',
    'last_reviewed: 2026-09-01',
  ];
  const body = Object.entries(sections)
    .filter(([, text]) => text !== null)
    .map(([heading, text]) => `## ${heading}\n\n${text}\n`);
  return ['---', ...front, '---', '', '# Backup check', '', ...body, opts.extra ?? ''].join('\n');
}

/** Audits one document per case at docs/sops/<i>.md. */
function auditCases(texts: readonly string[], opts: Parameters<typeof auditFiles>[1] = {}): Report {
  return auditFiles(Object.fromEntries(texts.map((t, i) => [`docs/sops/${i}.md`, t])), opts);
}

function messageOf(r: Report, i: number, check: string): string | undefined {
  return finding(r, `docs/sops/${i}.md`, check)?.message;
}

/** YAML for a string value, quoted so that `?`, `[team]` and `<owner>` stay strings. */
const yaml = (v: string) => JSON.stringify(v);

describe('placeholder values never pass (owner, category, metrics, automation)', () => {
  it('recognises each placeholder word, brackets, and case, spaces and punctuation aside', () => {
    const r = rubric();
    for (const v of VALUE_PLACEHOLDERS) expect(isPlaceholderValue(v, r), v).toBe(true);
    for (const v of REAL_VALUES) expect(isPlaceholderValue(v, r), v).toBe(false);
    expect(isPlaceholderValue('', r)).toBe(true);
    expect(isPlaceholderValue(' - ', r)).toBe(true);
  });

  it('owner in the front matter: each placeholder is a finding that names it, at the value', () => {
    const r = auditCases(
      VALUE_PLACEHOLDERS.map((v) =>
        sop({ front: ['title: Backup check', 'type: sop', `owner: ${yaml(v)}`, 'category: Backup'] }),
      ),
    );
    VALUE_PLACEHOLDERS.forEach((v, i) => {
      const f = finding(r, `docs/sops/${i}.md`, 'owner');
      expect(f?.message, v).toBe(`Owner "${v.trim()}" is a placeholder: ${ACCOUNTABLE}`);
      expect(f?.range.start.line, v).toBe(4);
      expect(f?.fixes, v).toEqual(['add-owner']);
    });
  });

  it('owner: real values pass, a YAML list of placeholders does not, a list with one name does', () => {
    const texts = [
      ...REAL_VALUES.map((v) => sop({ front: ['type: sop', `owner: ${yaml(v)}`, 'category: Backup'] })),
      sop({ front: ['type: sop', 'owner: [team]', 'category: Backup'] }),
      sop({ front: ['type: sop', 'owners: [tbd, everyone]', 'category: Backup'] }),
      sop({ front: ['type: sop', 'owners: [tbd, alice]', 'category: Backup'] }),
      sop({ front: ['type: sop', 'owner: []', 'category: Backup'] }),
    ];
    const r = auditCases(texts);
    REAL_VALUES.forEach((v, i) => expect(messageOf(r, i, 'owner'), v).toBeUndefined());
    const n = REAL_VALUES.length;
    expect(messageOf(r, n, 'owner')).toBe(`Owner "team" is a placeholder: ${ACCOUNTABLE}`);
    expect(messageOf(r, n + 1, 'owner')).toBe(`Owner "tbd, everyone" is a placeholder: ${ACCOUNTABLE}`);
    expect(messageOf(r, n + 2, 'owner')).toBeUndefined();
    expect(messageOf(r, n + 3, 'owner')).toBe(`Owner is empty (a placeholder): ${ACCOUNTABLE}`);
  });

  it('owner in the body: an `Owner:` line (also `<owner>`, which Markdown reads as HTML) and a table row', () => {
    const front = ['title: Backup check', 'type: sop', 'category: Backup'];
    const r = auditCases([
      sop({ front, extra: '\nOwner: <owner>\n' }),
      sop({ front, extra: '\n**Owner:** TBD\n' }),
      sop({ front, extra: '\n| Field | Value |\n|---|---|\n| Owner | [team] |\n' }),
      sop({ front, extra: '\nOwner: Example Corp NOC\n' }),
      sop({ front, extra: '\n**Owner:** alice@example.com\n' }),
    ]);
    expect(messageOf(r, 0, 'owner')).toBe(`Owner "<owner>" is a placeholder: ${ACCOUNTABLE}`);
    expect(messageOf(r, 1, 'owner')).toBe(`Owner "TBD" is a placeholder: ${ACCOUNTABLE}`);
    expect(messageOf(r, 2, 'owner')).toBe(`Owner "[team]" is a placeholder: ${ACCOUNTABLE}`);
    expect(messageOf(r, 3, 'owner')).toBeUndefined();
    expect(messageOf(r, 4, 'owner')).toBeUndefined();
  });

  it('owner from CODEOWNERS: a placeholder handle names nobody; a real one counts', () => {
    const front = ['title: Backup check', 'type: sop', 'category: Backup'];
    const r = auditFiles(
      { 'docs/sops/a.md': sop({ front }), 'docs/sops/b.md': sop({ front }) },
      { ownerFiles: { '.github/CODEOWNERS': '/docs/sops/a.md @owner\n/docs/sops/b.md @acme/noc\n' } },
    );
    expect(finding(r, 'docs/sops/a.md', 'owner')?.message).toBe(
      `Owner "@owner" (from .github/CODEOWNERS:1) is a placeholder: ${ACCOUNTABLE}`,
    );
    expect(finding(r, 'docs/sops/b.md', 'owner')).toBeUndefined();
  });

  it('category: each placeholder is a finding that names it, at the value; real values pass', () => {
    const values = [...VALUE_PLACEHOLDERS, ...REAL_VALUES];
    const r = auditCases(
      values.map((v) =>
        sop({ front: ['title: Backup check', 'type: sop', 'owner: Owen Reyes', `category: ${yaml(v)}`] }),
      ),
    );
    values.forEach((v, i) => {
      const f = finding(r, `docs/sops/${i}.md`, 'category');
      if (i >= VALUE_PLACEHOLDERS.length) return expect(f, v).toBeUndefined();
      expect(f?.message, v).toBe(
        `Category "${v.trim()}" is a placeholder: name the service area or ticket type this procedure belongs to`,
      );
      expect(f?.range.start.line, v).toBe(5);
    });
  });

  it('metrics and automation values: a placeholder does not stand in for the section', () => {
    const values = [...VALUE_PLACEHOLDERS, ...REAL_VALUES];
    const front = (key: string, v: string) => [
      'title: Backup check',
      'type: sop',
      'owner: Owen Reyes',
      'category: Backup',
      `${key}: ${yaml(v)}`,
    ];
    const metrics = auditCases(values.map((v) => sop({ front: front('metrics', v), sections: { Metrics: null } })));
    const automation = auditCases(
      values.map((v) => sop({ front: front('automation', v), sections: { Automation: null } })),
    );
    values.forEach((v, i) => {
      if (i >= VALUE_PLACEHOLDERS.length) {
        expect(messageOf(metrics, i, 'metrics'), v).toBeUndefined();
        expect(messageOf(automation, i, 'automation'), v).toBeUndefined();
        return;
      }
      expect(messageOf(metrics, i, 'metrics'), v).toBe(
        `Metrics "${v.trim()}" is a placeholder: write how the outcome of this procedure is measured`,
      );
      expect(messageOf(automation, i, 'automation'), v).toBe(
        `Automation "${v.trim()}" is a placeholder: write what runs this procedure automatically, or link its script`,
      );
    });
  });

  it('a written section or a script link still passes when the front-matter value is a placeholder', () => {
    const front = [
      'title: Backup check',
      'type: sop',
      'owner: Owen Reyes',
      'category: Backup',
      'metrics: TBD',
      'automation: none',
    ];
    const r = auditCases([
      sop({ front }),
      sop({ front, sections: { Automation: null }, extra: '\nRun [the rerun script](../../scripts/rerun.ps1).\n' }),
    ]);
    expect(messageOf(r, 0, 'metrics')).toBeUndefined();
    expect(messageOf(r, 0, 'automation')).toBeUndefined();
    expect(messageOf(r, 1, 'automation')).toBeUndefined();
  });
});

/** Section bodies that hold only a placeholder, each form RUBRIC.md names and a few a template writes. */
const SECTION_PLACEHOLDERS: Record<string, string> = {
  marker: '(to be completed)',
  'marker in a sentence': 'The verification steps (to be completed) by the service desk.',
  'marker, other case': '(To Be Completed)',
  TBD: 'TBD',
  TODO: 'TODO.',
  'bold todo': '**TODO**',
  ellipsis: '...',
  'ellipsis character': '…',
  'lorem ipsum': 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
  describe: 'Describe how a technician confirms that the procedure worked.',
  'describe in brackets': '[Describe the outcome here]',
  'first step': 'First step.',
  'bracketed prompt': '<add the result here>',
  'list of markers': '- (to be completed)\n- (to be completed)',
  'numbered first/second/third step': '1. First step.\n2. Second step.\n3. Third step.',
  'quoted todo': '> TODO',
  'comment and marker': '<!-- fill this in -->\n\n(to be completed)',
  'sub-section of placeholders': '(to be completed)\n\n### Details\n\nTBD',
};

/** What each section's finding asks the author to write. */
const ASK: Record<string, [check: string, ask: string]> = {
  Purpose: ['required-sections', 'write why this procedure exists and when to use it'],
  Procedure: ['procedure', 'write the steps a technician follows'],
  Prerequisites: ['prerequisites', 'write what a technician needs before starting'],
  Verification: ['verification', 'write how to confirm the procedure worked'],
  Metrics: ['metrics', 'write how the outcome of this procedure is measured'],
  Automation: ['automation', 'write what runs this procedure automatically, or link its script'],
};

describe('placeholder sections never pass', () => {
  it('recognises each form of placeholder text, and not real text that starts or ends alike', () => {
    const r = rubric();
    for (const t of [
      '(to be completed)',
      'TBD',
      'todo',
      'To do.',
      '...',
      '…',
      '-',
      'Lorem ipsum',
      'Describe the purpose.',
      'First step.',
      'second step',
      'Third step!',
      'Step 1',
      '[Team to fill in]',
      '<reason>',
    ]) {
      expect(isPlaceholderText(t, r), t).toBe(true);
    }
    for (const t of [
      'Descriptions of the alerts are in the wiki.',
      'Describe the failing pod for more detail:',
      'Describe the node:\n',
      'Confirm the job ran, then describe the result in the ticket.',
      'TODO: restart the agent after patching.',
      'First step done, the second needs the vendor.',
      'The form is to be completed by the client.',
      'See [the dashboard](https://grafana/x).',
      'All jobs succeeded.',
    ]) {
      expect(isPlaceholderText(t, r), t).toBe(false);
    }
  });

  for (const [section, [check, ask]] of Object.entries(ASK)) {
    it(`${section}: every placeholder form is a finding that names the section, at its heading`, () => {
      const forms = Object.entries(SECTION_PLACEHOLDERS);
      // The checklist gives a procedure steps of its own: leave it out where the steps are the placeholder.
      const r = auditCases(
        forms.map(([, body]) =>
          sop({ sections: { [section]: body, ...(section === 'Procedure' ? { Checklist: null } : {}) } }),
        ),
      );
      forms.forEach(([name], i) => {
        const f = finding(r, `docs/sops/${i}.md`, check);
        expect(f?.message, name).toBe(`Section "${section}" holds only a placeholder: ${ask}`);
        expect(f?.fixes, name).toEqual([]);
        const headingLine =
          sop({ sections: { [section]: forms[i][1] } })
            .split('\n')
            .indexOf(`## ${section}`) + 1;
        expect(f?.range.start.line, name).toBe(headingLine);
      });
    });
  }

  it('required-sections names the placeholder sections and the missing ones in one finding', () => {
    const r = auditCases([
      sop({ sections: { Purpose: '(to be completed)', Procedure: null, Checklist: null } }),
      sop({ sections: { Purpose: 'TBD', Procedure: 'TODO' } }),
    ]);
    expect(messageOf(r, 0, 'required-sections')).toBe(
      'Section "Purpose" holds only a placeholder: write why this procedure exists and when to use it; missing template section: add `## Procedure`',
    );
    expect(messageOf(r, 1, 'required-sections')).toBe(
      'Section "Purpose" holds only a placeholder: write why this procedure exists and when to use it; Section "Procedure" holds only a placeholder: write the steps a technician follows',
    );
  });

  it('real sections pass: "describe" inside a sentence, a placeholder beside real text, code, an image, a written sub-section', () => {
    const bodies = [
      'Confirm that the job ran, then describe the result in the ticket.',
      'Descriptions of each status are on the vendor wiki.',
      'TODO: automate this check.',
      '(to be completed)\n\nEvery job shows status Succeeded.',
      '```\nGet-BackupJob | Where Status -ne Succeeded\n```',
      '![The console with every job green](img/ok.png)',
      '(to be completed)\n\n### In the console\n\nEvery job shows status Succeeded.',
      '- Jobs: all green\n- Ticket: closed',
    ];
    const r = auditCases(bodies.map((b) => sop({ sections: { Verification: b } })));
    bodies.forEach((b, i) => expect(messageOf(r, i, 'verification'), b).toBeUndefined());
  });

  it('a second section that is written counts when the first holds only a placeholder', () => {
    const r = auditCases([
      sop({
        sections: { Verification: '(to be completed)' },
        extra: '\n## Validation\n\nThe console shows every job green.\n',
      }),
    ]);
    expect(messageOf(r, 0, 'verification')).toBeUndefined();
  });

  it('an empty section still counts as present (it holds no placeholder), as before', () => {
    const r = auditCases([sop({ sections: { Verification: '' } })]);
    expect(messageOf(r, 0, 'verification')).toBeUndefined();
  });
});

describe('placeholder steps and task lists never pass', () => {
  it('procedure: numbered steps of placeholders are no steps; one real step among them is not enough, two are', () => {
    const r = auditCases([
      sop({ sections: { Procedure: '1. (to be completed)\n2. (to be completed)', Checklist: null } }),
      sop({ sections: { Procedure: '1. First step.\n2. Second step.\n3. Third step.', Checklist: null } }),
      sop({ sections: { Procedure: '1. Open the backup console.\n2. (to be completed)', Checklist: null } }),
      sop({
        sections: { Procedure: '1. Open the backup console.\n2. Rerun the failed jobs.\n3. TBD', Checklist: null },
      }),
    ]);
    expect(messageOf(r, 0, 'procedure')).toBe(
      'Section "Procedure" holds only a placeholder: write the steps a technician follows',
    );
    expect(messageOf(r, 1, 'procedure')).toBe(
      'Section "Procedure" holds only a placeholder: write the steps a technician follows',
    );
    // The section holds a written step, so it is no placeholder; it is the steps section with content of RUBRIC.md.
    expect(messageOf(r, 2, 'procedure')).toBeUndefined();
    expect(messageOf(r, 3, 'procedure')).toBeUndefined();
  });

  it('procedure: an ordered list of placeholders outside a steps section is no steps either', () => {
    const r = auditCases([
      sop({
        sections: { Procedure: null, Checklist: null },
        extra: '\n## Work\n\n1. (to be completed)\n2. (to be completed)\n3. (to be completed)\n',
      }),
    ]);
    expect(messageOf(r, 0, 'procedure')).toBe(
      'No written steps: add a `## Procedure` section with a numbered list of at least 2 steps',
    );
  });

  it('checklist: a task list of placeholders does not count; one real task item does', () => {
    const r = auditCases([
      sop({ sections: { Checklist: '- [ ] (to be completed)' } }),
      sop({ sections: { Checklist: '- [ ] TODO\n- [x] ...\n- [ ] First step.' } }),
      sop({ sections: { Checklist: '- [ ] (to be completed)\n- [ ] Ticket updated' } }),
    ]);
    const f = finding(r, 'docs/sops/0.md', 'checklist');
    expect(f?.message).toBe(
      'The checklist holds only placeholders: write each step a technician ticks off as a task item (`- [ ] step`)',
    );
    expect(f?.range.start.line).toBe(
      sop({ sections: { Checklist: '- [ ] (to be completed)' } })
        .split('\n')
        .indexOf('- [ ] (to be completed)') + 1,
    );
    expect(messageOf(r, 1, 'checklist')).toBe(f?.message);
    expect(messageOf(r, 2, 'checklist')).toBeUndefined();
  });
});

/** A new document as the draft template writes it (the contract with src/core/fixes renderTemplate). */
const DRAFT = [
  '---',
  'title: Support requests have a path',
  'type: sop',
  'owner: <owner>',
  'category: <category>',
  '---',
  '',
  '# Support requests have a path',
  '',
  ...['Purpose', 'Prerequisites'].flatMap((h) => [`## ${h}`, '', '(to be completed)', '']),
  '## Procedure',
  '',
  '1. (to be completed)',
  '',
  '## Checklist',
  '',
  '- [ ] (to be completed)',
  '',
  ...['Verification', 'Metrics', 'Automation'].flatMap((h) => [`## ${h}`, '', '(to be completed)', '']),
].join('\n');

describe("placeholder text is not the author's words", () => {
  it('a document made from the draft template is a stub that fails every check that needs written content', () => {
    const doc = parseDocument('docs/sops/draft.md', DRAFT, rubric());
    expect(doc.words).toBe(0);
    expect(doc.kind).toBe('procedure');
    expect(doc.stub).toBe(true);
    const r = auditFiles({ 'docs/sops/draft.md': DRAFT });
    const messages = Object.fromEntries(findingsOf(r, 'docs/sops/draft.md').map((f) => [f.check, f.message]));
    expect(messages).toMatchObject({
      owner: `Owner "<owner>" is a placeholder: ${ACCOUNTABLE}`,
      category:
        'Category "<category>" is a placeholder: name the service area or ticket type this procedure belongs to',
      procedure: 'Empty template: only 0 words of its own; write the steps or delete the file',
      'required-sections': expect.stringMatching(
        /^Section "Purpose" holds only a placeholder: .*; Section "Procedure" holds only a placeholder: /,
      ),
      checklist: expect.stringMatching(/^The checklist holds only placeholders/),
      verification: expect.stringMatching(/^Section "Verification" holds only a placeholder/),
      prerequisites: expect.stringMatching(/^Section "Prerequisites" holds only a placeholder/),
      metrics: expect.stringMatching(/^Section "Metrics" holds only a placeholder/),
      automation: expect.stringMatching(/^Section "Automation" holds only a placeholder/),
    });
    expect(r.summary.stubs).toBe(1);
  });

  it('counts only the words a person wrote: placeholder paragraphs and items are left out', () => {
    const written = 'Keeps the nightly backup jobs healthy.';
    const base = parseDocument('a.md', `# A runbook\n\n## Purpose\n\n${written}\n`, rubric()).words;
    const withPlaceholders = parseDocument(
      'a.md',
      `# A runbook\n\n## Purpose\n\n${written}\n\nDescribe when to use it in two sentences.\n\n## Steps\n\n1. First step.\n2. (to be completed)\n\nLorem ipsum dolor sit amet.\n`,
      rubric(),
    ).words;
    expect(base).toBe(6);
    expect(withPlaceholders).toBe(base);
  });
});

describe('facts: plain data, cheap to carry', () => {
  it('marks placeholder sections and counts placeholder items, and survives a structured clone', () => {
    const doc = parseDocument('docs/sops/draft.md', DRAFT, rubric());
    const marked = doc.headings.filter((h) => h.placeholderOnly).map((h) => h.text);
    // The title's section too: the whole document holds nothing but placeholders.
    expect(marked).toEqual([
      'Support requests have a path',
      'Purpose',
      'Prerequisites',
      'Procedure',
      'Checklist',
      'Verification',
      'Metrics',
      'Automation',
    ]);
    expect(doc.lists.map((l) => [l.items, l.placeholderItems, l.placeholderTasks])).toEqual([
      [1, 1, undefined],
      [1, 1, 1],
    ]);
    expect(doc.meta.placeholders).toEqual({
      category: expect.objectContaining({ start: expect.objectContaining({ line: 5 }) }),
    });
    expect(structuredClone(doc)).toEqual(doc);
  });

  it('a written document carries no placeholder facts at all', () => {
    const doc = parseDocument('docs/sops/a.md', sop(), rubric());
    expect(doc.headings.some((h) => 'placeholderOnly' in h)).toBe(false);
    expect(doc.lists.some((l) => 'placeholderItems' in l || 'placeholderTasks' in l)).toBe(false);
    expect('placeholders' in doc.meta).toBe(false);
  });
});

describe('placeholder words are rubric data', () => {
  const withSettings = (settings: Partial<Rubric['settings']>): Rubric => {
    const base = rubric();
    return { ...base, settings: { ...base.settings, ...settings } };
  };

  it('the older `ownerPlaceholders` of a user rubric is still read, beside `placeholderValues`', () => {
    const custom = withSettings({ ownerPlaceholders: ['on call'] });
    const r = auditCases(
      [
        sop({ front: ['type: sop', 'owner: On-Call', 'category: Backup'] }),
        sop({ front: ['type: sop', 'owner: TBD', 'category: Backup'] }),
      ],
      { rubric: custom },
    );
    expect(messageOf(r, 0, 'owner')).toBe(`Owner "On-Call" is a placeholder: ${ACCOUNTABLE}`);
    expect(messageOf(r, 1, 'owner')).toBe(`Owner "TBD" is a placeholder: ${ACCOUNTABLE}`);
  });

  it('`sectionPlaceholders` entries: `*marker*` anywhere, `start*` at the start, else the whole text', () => {
    const custom = withSettings({ sectionPlaceholders: ['*[fill me in]*', 'write here*', 'pending'] });
    expect(isPlaceholderText('Restart it [fill me in] later', custom)).toBe(true);
    expect(isPlaceholderText('Write here what you did.', custom)).toBe(true);
    expect(isPlaceholderText('Written here by the NOC.', custom)).toBe(false);
    expect(isPlaceholderText('Pending.', custom)).toBe(true);
    expect(isPlaceholderText('Pending approval from the client.', custom)).toBe(false);
    // The default forms are the default rubric's data, not code.
    expect(isPlaceholderText('(to be completed)', custom)).toBe(false);
    expect(isPlaceholderText('...', custom)).toBe(true);
  });
});

describe('exemptions count only with a real reason and a near expiry', () => {
  const noChecklist = (comment: string) => sop({ sections: { Checklist: null }, extra: `\n${comment}\n` });
  const ASK_REASON = 'say in 3 words or more why this check does not apply to this document';

  it('judges the reason: missing, placeholder, too short, or real', () => {
    const r = rubric();
    expect(reasonProblem(undefined, r)).toBe('missing');
    expect(reasonProblem('  ', r)).toBe('missing');
    for (const reason of [
      '<reason>',
      'reason',
      'Reason.',
      'TBD',
      'n/a',
      '[why]',
      '(to be completed)',
      'because',
      'your reason here',
    ])
      expect(reasonProblem(reason, r), reason).toBe('placeholder');
    for (const reason of ['pending', 'vendor pending', 'see ticket'])
      expect(reasonProblem(reason, r), reason).toBe('short');
    for (const reason of [
      'steps change weekly',
      'vendor portal steps change weekly, checklist pending',
      'the reason is the vendor',
    ])
      expect(reasonProblem(reason, r), reason).toBeUndefined();
  });

  it('each refused exemption is a finding at its comment that says why, and the check is graded as if it were not there', () => {
    const cases: [comment: string, message: string][] = [
      [
        '<!-- sop-maturity-disable checklist -->',
        'Exemption without a reason does not count: write `-- REASON (until YYYY-MM-DD)` after the check ids',
      ],
      [
        '<!-- sop-maturity-disable checklist -- <reason> (until 2027-03-31) -->',
        `Exemption reason "<reason>" is a placeholder, so the exemption does not count: ${ASK_REASON}`,
      ],
      [
        '<!-- sop-maturity-disable checklist -- reason (until 2027-03-31) -->',
        `Exemption reason "reason" is a placeholder, so the exemption does not count: ${ASK_REASON}`,
      ],
      [
        '<!-- sop-maturity-disable checklist -- TBD (until 2027-03-31) -->',
        `Exemption reason "TBD" is a placeholder, so the exemption does not count: ${ASK_REASON}`,
      ],
      [
        '<!-- sop-maturity-disable checklist -- pending (until 2027-03-31) -->',
        `Exemption reason "pending" is too short to count: ${ASK_REASON}`,
      ],
      [
        '<!-- sop-maturity-disable checklist -- vendor pending (until 2027-03-31) -->',
        `Exemption reason "vendor pending" is too short to count: ${ASK_REASON}`,
      ],
      [
        '<!-- sop-maturity-disable checklist -- vendor pending -->',
        `Exemption reason "vendor pending" is too short to count: ${ASK_REASON}, and end it with (until YYYY-MM-DD), no later than 2027-11-01`,
      ],
      [
        '<!-- sop-maturity-disable checklist -- vendor portal steps change weekly -->',
        'Exemption without an expiry date does not count: end it with (until YYYY-MM-DD), no later than 2027-11-01',
      ],
      [
        '<!-- sop-maturity-disable checklist -- vendor portal steps change weekly (until 2027-11-02) -->',
        'Exemption until 2027-11-02 runs too far ahead to count: set a date no later than 2027-11-01 (365 days after 2026-11-01), and renew it then if it still applies',
      ],
      [
        '<!-- sop-maturity-disable checklist -- vendor portal steps change weekly (until 2026-10-31) -->',
        'Exemption expired on 2026-10-31: fix the document or renew the exemption with a new reason and date',
      ],
    ];
    const r = auditCases(cases.map(([comment]) => noChecklist(comment)));
    cases.forEach(([comment, message], i) => {
      const path = `docs/sops/${i}.md`;
      expect(finding(r, path, 'checklist'), comment).toBeDefined();
      const f = finding(r, path, 'exemption');
      expect(f?.message, comment).toBe(message);
      const lines = noChecklist(comment).split('\n');
      const line = lines.findIndex((l) => l.includes('sop-maturity-disable')) + 1;
      expect(f?.range.start, comment).toMatchObject({ line, column: 1 });
      expect(r.documents.find((d) => d.path === path)?.exemptions[0]?.active, comment).toBe(false);
    });
    expect(r.summary.exemptedDocuments).toBe(0);
    expect(r.checks.find((c) => c.id === 'checklist')?.exempted).toBe(0);
  });

  it('a reason of three words with an expiry up to 365 days ahead counts, to the day', () => {
    const r = auditCases([
      noChecklist('<!-- sop-maturity-disable checklist -- vendor portal changes (until 2027-11-01) -->'),
      noChecklist('<!-- sop-maturity-disable checklist -- vendor portal changes (until 2026-11-01) -->'),
    ]);
    for (const i of [0, 1]) {
      expect(messageOf(r, i, 'checklist')).toBeUndefined();
      expect(messageOf(r, i, 'exemption')).toBeUndefined();
    }
    expect(r.summary.exemptedDocuments).toBe(2);
    expect(r.checks.find((c) => c.id === 'checklist')?.exempted).toBe(2);
  });

  it('`exemptionMaxDays` of the rubric sets how far ahead an exemption may run', () => {
    const base = rubric();
    const strict: Rubric = { ...base, settings: { ...base.settings, exemptionMaxDays: 30 } };
    const comment = '<!-- sop-maturity-disable checklist -- vendor portal changes (until 2026-12-15) -->';
    expect(messageOf(auditCases([noChecklist(comment)]), 0, 'exemption')).toBeUndefined();
    expect(messageOf(auditCases([noChecklist(comment)], { rubric: strict }), 0, 'exemption')).toBe(
      'Exemption until 2026-12-15 runs too far ahead to count: set a date no later than 2026-12-01 (30 days after 2026-11-01), and renew it then if it still applies',
    );
  });

  it('is judged as of the audit date', () => {
    const comment = '<!-- sop-maturity-disable checklist -- vendor portal changes (until 2027-03-31) -->';
    expect(AS_OF).toBe('2026-11-01');
    expect(messageOf(auditCases([noChecklist(comment)], { asOf: '2026-03-30' }), 0, 'exemption')).toMatch(
      /^Exemption until 2027-03-31 runs too far ahead/,
    );
    expect(messageOf(auditCases([noChecklist(comment)], { asOf: '2027-04-01' }), 0, 'exemption')).toMatch(
      /^Exemption expired on 2027-03-31/,
    );
  });
});
