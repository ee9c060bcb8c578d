/**
 * RUBRIC.md revision 2, "Reading headings": every heading form a real
 * repository used, with the section it must (or must not) read as, and the
 * findings of the structure checks next to it.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../../src/core';
import { documentSections, findSection, readsAsSection } from '../../../../src/core/parse/sections';
import { normalizeHeading, readsAs, stepNumber } from '../../../../src/core/text';
import type { Heading } from '../../../../src/core/parse/facts';
import { auditFiles, finding, rubric } from '../../helpers/audit';

function heading(text: string): Heading {
  const doc = parseDocument('x.md', `# Title\n\n## ${text}\n\nBody.\n`, rubric());
  return doc.headings[1];
}

describe('normalising a heading', () => {
  it.each([
    ['4. Procedure:', 'procedure'],
    ['4) Procedure', 'procedure'],
    ['IV. Verification', 'verification'],
    ['A. Overview', 'overview'],
    ['Step 4: Install the agent', 'install the agent'],
    ['Section 2 - Scope', 'scope'],
    ['1.2 Background', 'background'],
    ['Steps (Using ADUC)', 'steps'],
    ['Initial steps (L1)', 'initial steps'],
    ['Pre-requisites', 'pre requisites'],
    ['**Purpose**?', 'purpose'],
    ['`Verify` the result.', 'verify the result'],
    ['🚀 Deploy!', 'deploy'],
    ['Next_steps / follow-up', 'next steps follow up'],
    ['Step 1', 'step 1'],
    ['Mix. Stir well', 'mix stir well'],
  ])('%s → %s', (text, normalized) => {
    expect(normalizeHeading(text)).toBe(normalized);
  });

  it('keeps the step number of step headings only', () => {
    expect(stepNumber('Step 4: Install')).toBe(4);
    expect(stepNumber('2) Restart')).toBe(2);
    expect(stepNumber('3. Verify')).toBe(3);
    expect(stepNumber('1.2 Background')).toBeUndefined();
    expect(stepNumber('Steps')).toBeUndefined();
  });

  it('reads as a name when equal to it or starting or ending with it at a word boundary', () => {
    expect(readsAs('steps to unlock account', 'steps')).toBe(true);
    expect(readsAs('resolution steps', 'steps')).toBe(true);
    expect(readsAs('stepson', 'steps')).toBe(false);
    expect(readsAs('process improvements', 'process', true)).toBe(false);
    expect(readsAs('process', 'process', true)).toBe(true);
  });
});

describe('headings that read as sections', () => {
  it.each([
    ['4. Procedure:', 'procedure'],
    ['Steps to Unlock Account', 'procedure'],
    ['Steps (Using ADUC)', 'procedure'],
    ['Resolution Steps', 'procedure'],
    ['Troubleshooting pointers', 'procedure'],
    ['Recommended actions', 'procedure'],
    ['What to do', 'procedure'],
    ['Process', 'procedure'],
    ['Pre-requisites', 'prerequisites'],
    ['Before you start', 'prerequisites'],
    ['What you need', 'prerequisites'],
    ['Expected outcome', 'verification'],
    ['Check it worked', 'verification'],
    ['Meaning', 'purpose'],
    ['When to use this runbook', 'purpose'],
    ['Symptoms', 'purpose'],
    ['Service levels', 'metrics'],
    ['KPI', 'metrics'],
  ])('%s reads as %s', (text, concept) => {
    expect(readsAsSection(heading(text), rubric(), concept)).toBe(true);
  });

  it.each([
    ['Next steps', 'procedure'],
    ['See also', 'procedure'],
    ['Related procedures', 'procedure'],
    ['Process improvements', 'procedure'],
    ['Stepson', 'procedure'],
    ['Appendix', 'purpose'],
  ])('%s does not read as %s', (text, concept) => {
    expect(readsAsSection(heading(text), rubric(), concept)).toBe(false);
  });

  it('the steps written as headings are the procedure section', () => {
    const numbered = parseDocument(
      'x.md',
      '# Reset a password\n\n## Step 1: Open the console\n\ntext\n\n## Step 2: Find the user\n\ntext\n\n## Step 3: Reset\n\ntext\n',
      rubric(),
    );
    const verbs = parseDocument(
      'x.md',
      '# Printer\n\n## Install the driver\n\ntext\n\n## Configure the queue\n\ntext\n\n## Verify a test page\n\ntext\n',
      rubric(),
    );
    expect(findSection(numbered, rubric(), 'procedure')).toBeUndefined();
    expect(documentSections(numbered, rubric())).toContain('procedure');
    expect(documentSections(verbs, rubric())).toEqual(['procedure', 'verification']);
  });
});

describe('the structure checks read real headings (a small MSP SOP set)', () => {
  // Enough words of its own not to be a stub (an empty template copy).
  const intro =
    'A user who typed a wrong password too often is locked out of the domain; the service desk unlocks the account after checking who is asking, and records it in the ticket.\n\n';
  const sop = (body: string) =>
    `---\ntitle: Unlock an account\ntype: sop\nowner: Service desk lead\n---\n\n# Unlock an account\n\n${intro}${body}`;
  const r = auditFiles({
    'docs/sops/numbered.md': sop(
      '## 1. Purpose\n\nWhy.\n\n## 2. Pre-requisites\n\nADUC access.\n\n## 4. Procedure:\n\n1. Open ADUC.\n2. Find the user.\n\n## 5. Verification\n\nThe user logs in.\n',
    ),
    'docs/sops/steps-to.md': sop('## Overview\n\nWhy.\n\n## Steps to Unlock Account\n\n1. Open ADUC.\n2. Unlock.\n'),
    'docs/sops/using.md': sop(
      '## Purpose\n\nWhy.\n\n## Steps (Using ADUC)\n\n1. Open ADUC.\n2. Unlock.\n\n## Validation\n\nLog in.\n',
    ),
    'docs/sops/resolution.md': sop(
      '## Problem\n\nLocked out.\n\n## Resolution Steps\n\n1. Open ADUC.\n2. Unlock.\n\n## Before you begin\n\nAccess.\n',
    ),
    'docs/sops/next.md': sop('## Next steps\n\n1. Tell the user.\n2. Close the ticket.\n'),
  });
  it('finds the sections written with numbers, parentheses and suffixes', () => {
    for (const path of [
      'docs/sops/numbered.md',
      'docs/sops/steps-to.md',
      'docs/sops/using.md',
      'docs/sops/resolution.md',
    ]) {
      expect(finding(r, path, 'required-sections'), path).toBeUndefined();
      expect(finding(r, path, 'procedure'), path).toBeUndefined();
    }
    expect(finding(r, 'docs/sops/numbered.md', 'prerequisites')).toBeUndefined();
    expect(finding(r, 'docs/sops/numbered.md', 'verification')).toBeUndefined();
    expect(finding(r, 'docs/sops/using.md', 'verification')).toBeUndefined();
    expect(finding(r, 'docs/sops/resolution.md', 'prerequisites')).toBeUndefined();
  });
  it('"Next steps" is no procedure section', () => {
    expect(finding(r, 'docs/sops/next.md', 'required-sections')?.message).toBe(
      'Missing template sections: add `## Purpose` and `## Procedure`',
    );
  });
});
