/**
 * RUBRIC.md revision 2, "Which files are procedure documents": each rule
 * with a document it makes a procedure and one it does not, the reason the
 * report gives, stubs, and front matter with a duplicate key.
 */
import { describe, expect, it } from 'vitest';
import { audit, defaultConfig, parseDocument } from '../../../../src/core';
import type { SopDocument } from '../../../../src/core/parse/facts';
import { auditFiles, finding, rubric } from '../../helpers/audit';

/** Enough words of its own for a document not to be a stub. */
const PROSE =
  'This page explains what the team does when the nightly job fails, who is told, and which system records the outcome for the monthly service review with the client.';

function kind(path: string, text: string): SopDocument {
  return parseDocument(path, text, rubric());
}

describe('what makes a document a procedure', () => {
  it.each([
    ['front matter type', 'notes/a.md', `---\ntype: Runbook\n---\n\n# A\n\n${PROSE}\n`, /front matter type: runbook/],
    ['front matter kind', 'notes/a.md', `---\nkind: checklist\n---\n\n# A\n\n${PROSE}\n`, /type: checklist/],
    ['front matter doc_type', 'notes/a.md', `---\ndoc_type: playbook\n---\n\n# A\n\n${PROSE}\n`, /type: playbook/],
    ['a folder named like procedures', 'kb/Runbooks/a.md', `# A\n\n${PROSE}\n`, /folder Runbooks\//],
    ['a folder word in a longer name', 'kb/technician-sops/a.md', `# A\n\n${PROSE}\n`, /folder technician-sops\//],
    ['a folder word after an underscore', 'it_runbooks/a.md', `# A\n\n${PROSE}\n`, /folder it_runbooks\//],
    ['a folder name with spaces', 'Incident Playbooks/a.md', `# A\n\n${PROSE}\n`, /folder Incident Playbooks\//],
    ['a how-to folder', 'docs/how-to/a.md', `# A\n\n${PROSE}\n`, /folder how-to\//],
    ['a checklists folder', 'docs/checklists/a.md', `# A\n\n${PROSE}\n`, /folder checklists\//],
    ['a title naming a checklist', 'notes/a.md', `# Month-end checklist\n\n${PROSE}\n`, /title names a checklist/],
    [
      'a title starting with How-to',
      'notes/a.md',
      `# How-to: renew a certificate\n\n${PROSE}\n`,
      /title starts with "how to"/,
    ],
    [
      'a title starting with Howto',
      'notes/a.md',
      `# Howto renew a certificate\n\n${PROSE}\n`,
      /title starts with "howto"/,
    ],
    [
      'a title that is an instruction',
      'notes/a.md',
      `# Add nodes to the EKS cluster\n\n${PROSE}\n`,
      /title is an instruction \("Add nodes to the EKS cluster"\)/,
    ],
    [
      'a title from a level-2 heading when there is no level 1',
      'notes/a.md',
      `## Printer SOP\n\n${PROSE}\n`,
      /title names a sop/,
    ],
    [
      'a steps section with two numbered steps',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n## Resolution\n\n1. Restart the agent.\n2. Check the console.\n`,
      /"Resolution" section with a numbered list of 2 steps/,
    ],
    [
      'a steps section with a task list',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n## Steps\n\n- [ ] Restart the agent.\n`,
      /"Steps" section with a task list of 1 items/,
    ],
    [
      'a steps section with bullets',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n## How to renew\n\n- open the portal\n- renew the certificate\n`,
      /"How to renew" section with a list of 2 steps/,
    ],
    [
      'three numbered steps anywhere',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n1. Drain the node\n2. two\n3. three\n`,
      /a numbered list of 3 steps/,
    ],
    [
      'numbered steps opening with a sequence word',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n1. The alert fires.\n2. Then, restart the agent.\n3. The alert clears.\n`,
      /a numbered list of 3 steps/,
    ],
    [
      'numbered steps that say what you need to do',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n1. You need to add the token to the CI settings.\n2. The build picks it up.\n3. The badge turns green.\n`,
      /a numbered list of 3 steps/,
    ],
    [
      'numbered steps in the -ing form',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n1. Logging in to the portal\n2. Going to the users page\n3. Once the invite is accepted, the account appears\n`,
      /a numbered list of 3 steps/,
    ],
    [
      'a numbered list of questions to answer',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n1. Is it a known issue?\n2. Does the alert point at a real problem? If not, silence it.\n3. Is it too noisy?\n`,
      /a numbered list of 3 steps/,
    ],
    [
      'a steps section with sub-sections that give instructions',
      'notes/a.md',
      `# Dashboards\n\n${PROSE}\n\n## Troubleshooting\n\n### Fixing "failed to load" errors\n\nx\n\n### Fixing duplicate uid errors\n\nx\n`,
      /"Troubleshooting" section with 2 sub-sections that give instructions \("Fixing "failed to load" errors", \.\.\.\)/,
    ],
    [
      'bulleted instructions after a sequence word',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n- Obtain the new certificate\n- Then format it as JSON\n- Finally, trigger a chef run\n`,
      /a list of 3 items, 3 of them instructions/,
    ],
    [
      'numbered steps interrupted by code',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n1. Log in.\n\n\`\`\`\nssh host\n\`\`\`\n\n2. Stop it.\n\n\`\`\`\nsystemctl stop x\n\`\`\`\n\n3. Start it.\n`,
      /a numbered list of 3 steps/,
    ],
    [
      'three numbered step headings',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n## Step 1: Look\n\nx\n\n## Step 2: Think\n\nx\n\n## Step 3: Act\n\nx\n`,
      /3 headings numbered as steps/,
    ],
    [
      'three instruction headings',
      'notes/a.md',
      `# Printer\n\n${PROSE}\n\n## Install the driver\n\nx\n\n## Configure the queue\n\nx\n\n## Print a test page\n\nx\n\n## Verify the output\n\nx\n`,
      /headings that give instructions/,
    ],
    [
      'instruction headings in the -ing form',
      'notes/a.md',
      `# SAML\n\n${PROSE}\n\n## Requesting access\n\nx\n\n## Setting up the app\n\nx\n\n## Configuring security\n\nx\n`,
      /3 headings that give instructions/,
    ],
    [
      'a task list of three items',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n- [ ] one\n- [x] two\n- [ ] three\n`,
      /a task list of 3 items/,
    ],
    [
      'a bulleted list of instructions',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n- Open a new request\n- Assign it to storage\n- Give the folder and the date\n`,
      /3 of them instructions/,
    ],
    [
      'bulleted instructions interrupted by a code block',
      'notes/a.md',
      `# Renew\n\n${PROSE}\n\n* on the appliance, turn the redirect off\n* enable port 80\n\n\`\`\`\ncertbot renew\n\`\`\`\n\n* copy the new key\n* upload it to the balancer\n`,
      /a list of 4 items, 3 of them instructions/,
    ],
    [
      'the shape of an alert runbook',
      'notes/a.md',
      `# KubeNodeDown\n\n## Meaning\n\n${PROSE}\n\n## Mitigation\n\nRestart the kubelet.\n`,
      /shaped as a runbook: "Meaning" and "Mitigation"/,
    ],
    [
      'the shape of an incident playbook',
      'notes/a.md',
      `# Phishing\n\n## Problem\n\n${PROSE}\n\n## Contain\n\nBlock the sender.\n`,
      /shaped as a runbook: "Problem" and "Contain"/,
    ],
  ])('%s', (_name, path, text, reason) => {
    const d = kind(path, text);
    expect(d.kind).toBe('procedure');
    expect(d.kindReason).toMatch(reason);
  });

  it.each([
    [
      'a link-only numbered list (a table of contents)',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n1. [One](one.md)\n2. [Two](two.md) - the second\n3. [Three](#three)\n`,
    ],
    ['a quoted numbered list', 'notes/a.md', `# A\n\n${PROSE}\n\n> 1. one\n> 2. two\n> 3. three\n`],
    ['two numbered steps without a steps section', 'notes/a.md', `# A\n\n${PROSE}\n\n1. one\n2. two\n`],
    [
      'verbs joined by a hyphen (cmdlets, add-ons)',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n## Add-ons\n\nx\n\n## Remove-Item\n\nx\n\n## -Confirm\n\nx\n`,
    ],
    [
      'headings that are links',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n### [Add-X](x.md)\n\nx\n\n### [Install Y](y.md)\n\nx\n\n### [Remove Z](z.md)\n\nx\n`,
    ],
    ['a cmdlet name as title', 'notes/a.md', `# Add-ADGroupMember\n\n${PROSE}\n`],
    ['a list of bare verbs', 'notes/a.md', `# A\n\n${PROSE}\n\n- Remove\n- Add\n- Replace\n`],
    [
      'a non-procedure type in a procedures folder',
      'runbooks/a.md',
      `---\ntype: reference\n---\n\n# A\n\n1. one\n2. two\n3. three\n`,
    ],
    [
      'a dated record of one event (an incident report)',
      'source/incidents/2023-09-18-disk-full.md',
      `# Incident on 2023-09-18\n\n${PROSE}\n\n1. Drain the nodes\n2. Add disk\n3. Uncordon\n`,
    ],
    [
      'a numbered list of statements (a flow, not steps)',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n1. The browser sends the request.\n2. The proxy forwards it to the app.\n3. The app answers.\n`,
    ],
    [
      'a numbered list of names and descriptions',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n1. LibGuides: the content system\n2. LibCal: the booking system\n3. LibAnswers: the chat system\n`,
    ],
    [
      'one instruction sub-section under a steps section',
      'notes/a.md',
      `# A\n\n${PROSE}\n\n## Troubleshooting\n\n### Fixing errors\n\nx\n\n### Known limits\n\nx\n`,
    ],
    [
      'a command reference page',
      'docset/Set-WmsUpdate.md',
      `# Set-WmsUpdate\n\n## SYNOPSIS\n\n${PROSE}\n\n## SYNTAX\n\nx\n\n## DESCRIPTION\n\n- Restart the computer to apply it\n- Install the update first\n- Check the log afterwards\n\n## PARAMETERS\n\nx\n`,
    ],
    [
      'an architecture decision record',
      'docs/process/adr-1.md',
      `# Use X\n\n## Status\n\nAccepted\n\n## Context\n\n${PROSE}\n\n## Decision\n\nX.\n\n## Consequences\n\nY.\n`,
    ],
  ])('not %s', (_name, path, text) => {
    expect(kind(path, text).kind).toBe('other');
  });

  it('a type a site generator uses for its own purposes is ignored and the other rules decide', () => {
    expect(kind('runbooks/a.md', `---\ntype: docs\n---\n\n# A\n\n${PROSE}\n`).kind).toBe('procedure');
    expect(kind('notes/a.md', `---\ntype: docs\n---\n\n# A\n\n${PROSE}\n`).kind).toBe('other');
  });

  it.each([
    ['SUMMARY.md'],
    ['docs/_sidebar.md'],
    ['CHANGELOG.md'],
    ['TODO.md'],
    ['TO-DO.md'],
    ['SECURITY.md'],
    ['Playbook-Template.md'],
    ['example.md'],
    ['runbooks/sample-runbook.md'],
    ['docs/sops/template-sop.md'],
    ['docs/_templates/backup.md'],
    ['.github/ISSUE_TEMPLATE/incident.md'],
  ])('%s is never a procedure, whatever it holds', (path) => {
    const d = kind(path, `---\ntype: sop\n---\n\n# Backup runbook\n\n## Steps\n\n1. one\n2. two\n3. three\n`);
    expect(d.kind).toBe('other');
    expect(d.kindReason).toMatch(/never a procedure/);
  });

  it('README and index files are index pages unless a type, a steps section with its list or the runbook shape makes them procedures', () => {
    const numbered = kind(
      'docs/README.md',
      `# Our SOPs\n\n${PROSE}\n\n1. Clone the repository\n2. Edit a page\n3. Open a pull request\n`,
    );
    expect(numbered.kind).toBe('index');
    expect(numbered.asPage?.kind).toBe('procedure');
    expect(kind('docs/backup/README.md', `# Backup\n\n${PROSE}\n\n## Procedure\n\n1. one\n2. two\n`).kind).toBe(
      'procedure',
    );
    expect(
      kind('alerts/index.md', `# Disk full\n\n## Symptoms\n\n${PROSE}\n\n## Resolution\n\nDelete old logs.\n`).kind,
    ).toBe('procedure');
  });

  it("the runbook shape counts only the document's own headings: not a blank template's, not one inside a list item", () => {
    const log = `# Incident log\n\n${PROSE}\n\n## Template\n\n### Incident on YYYY-MM-DD\n\n#### Impact\n\nx\n\n#### Resolution\n\nx\n`;
    expect(kind('notes/log.md', log).kind).toBe('other');
    // \`**Impact**:\` over a lone \`-\` is a setext heading inside the list item: a slip of the pen, not a section.
    const slip = `# Incident log\n\n${PROSE}\n\n- **Impact**:\n  -\n- **Resolution**:\n  -\n`;
    const doc = kind('notes/slip.md', slip);
    expect(doc.headings.filter((h) => h.nested).map((h) => h.text)).toEqual(['Impact:', 'Resolution:']);
    expect(doc.kind).toBe('other');
    expect(
      kind('notes/real.md', `# Disk full\n\n${PROSE}\n\n## Impact\n\nx\n\n## Resolution\n\nx\n\n## Template\n\nx\n`)
        .kind,
    ).toBe('procedure');
  });

  it('inside a documentation site, an index file is an ordinary page', () => {
    const files = [
      {
        path: 'source/backups/index.html.md.erb',
        text: `# Backups\n\n${PROSE}\n\n1. Stop the job\n2. two\n3. three\n`,
      },
      { path: 'README.md', text: `# Repo\n\n${PROSE}\n\n1. Clone it\n2. two\n3. three\n` },
    ];
    const site = {
      root: 'source',
      generator: 'middleman' as const,
      source: 'config/tech-docs.yml',
      generatedNav: true,
    };
    const r = audit({ root: '/repo', config: defaultConfig(), rubric: rubric(), asOf: '2026-11-01', files, site });
    expect(r.documents.find((d) => d.path === 'source/backups/index.html.md.erb')).toMatchObject({
      kind: 'procedure',
      kindReason: expect.stringMatching(/ordinary page of the documentation site/),
    });
    expect(r.documents.find((d) => d.path === 'README.md')?.kind).toBe('index');
  });
});

describe('stubs: empty template copies', () => {
  const template =
    "---\ntype: playbook\n---\n\n# Playbook: Phishing\n\n## Investigate\n\n## Contain\n\n## Eradicate\n\n<!-- describe what was done: a long comment does not count as the author's words, whatever it says here -->\n";
  const r = auditFiles({
    'playbooks/phishing.md': template,
    'playbooks/backup-restore-test.md': template.replace('Phishing', 'Backup restore test'),
    'playbooks/helpdesk.md': template.replace('Phishing', 'Helpdesk'),
    'playbooks/real.md': `---\ntype: playbook\n---\n\n# Playbook: Malware\n\n${PROSE}\n\n## Contain\n\n1. Isolate the host.\n2. Block the hash.\n`,
  });
  it('are procedures, counted and graded, with "empty template" as their procedure finding', () => {
    expect(r.summary).toMatchObject({ procedures: 4, stubs: 3 });
    expect(r.documents.find((d) => d.path === 'playbooks/phishing.md')).toMatchObject({
      kind: 'procedure',
      stub: true,
    });
    expect(finding(r, 'playbooks/phishing.md', 'procedure')?.message).toMatch(
      /^Empty template: only \d+ words of its own; write the steps or delete the file$/,
    );
    expect(finding(r, 'playbooks/real.md', 'procedure')).toBeUndefined();
    expect(r.documents.find((d) => d.path === 'playbooks/real.md')?.stub).toBeUndefined();
  });
  it('cover no trait and no coverage topic', () => {
    expect(r.traits.find((t) => t.id === 'service-desk')?.covered).toBe(false);
    expect(r.traits.find((t) => t.id === 'backup-testing')?.covered).toBe(false);
    expect(r.checks.find((c) => c.id === 'assurance-coverage')?.detail).not.toMatch(/backup testing \(/);
  });
  it('compete with nothing (copies of one template are alike by design)', () => {
    expect(r.documents.flatMap((d) => d.findings).filter((f) => f.check === 'one-version')).toEqual([]);
  });
});

describe('front matter with a duplicate key', () => {
  const text =
    '---\ntitle: Rotate keys\ntype: sop\nowner_slack: "#team-a"\ncategory: security\nowner_slack: "#platform"\n---\n\n# Rotate keys\n';
  it('is still read, the last value winning, with an error at the second occurrence', () => {
    const d = kind('docs/a.md', text);
    expect(d.owner).toMatchObject({ value: '#platform', origin: 'owner_slack' });
    expect(d.meta.category).toBe('security');
    expect(d.frontMatter?.error).toBeUndefined();
    expect(d.errors).toHaveLength(1);
    expect(d.errors[0].message).toMatch(/`owner_slack` is written twice \(first on line 4\)/);
    expect(d.errors[0].range?.start).toMatchObject({ line: 6, column: 1 });
  });
  it('gives one front-matter error finding and no "No owner"', () => {
    const r = auditFiles({ 'docs/sops/a.md': text });
    expect(finding(r, 'docs/sops/a.md', 'owner')).toBeUndefined();
    expect(finding(r, 'docs/sops/a.md', 'front-matter')).toMatchObject({
      severity: 'error',
      range: { start: { line: 6 } },
    });
  });
});
