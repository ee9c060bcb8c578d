// Writes docs/checks.md, the page every finding links to, from the default
// rubric (rubrics/oml.yaml). A unit test fails when the page is out of date.
// Usage: node scripts/gen-check-docs.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const FIXES = {
  owner:
    'Add an owner (CODEOWNERS/OWNERS match, the most common sibling owner, the last git author, or a placeholder to fill in)',
  procedure: 'Add a Procedure section',
  category: 'Add a category (the most common sibling category, or one to fill in)',
  'required-sections': 'Add the missing template sections',
  checklist: 'Add a checklist built from the numbered steps',
  'review-date': 'Mark as reviewed today',
  verification: 'Add a Verification section',
  prerequisites: 'Add a Prerequisites section (placed before the Procedure)',
  automation: 'Add an Automation section',
  metrics: 'Add a Metrics section',
  'central-location': 'Move the document into the central folder (links in it and to it are rewritten)',
};

/** The pseudo-checks, in the page's order: id, title and default severity as in src/core/checks/pseudo-checks.ts. */
const PSEUDO_CHECKS = (settings) => [
  {
    id: 'exemption',
    title: 'Exemption that counts',
    severity: 'warning',
    text: [
      'An exemption counts only with a reason of at least three words that is not a placeholder, and an expiry',
      `date (\`(until YYYY-MM-DD)\`) that is not past and no more than ${settings.exemptionMaxDays} days after the`,
      'audit date (`settings.exemptionMaxDays`). An exemption comment without a reason, with a placeholder or too',
      'short a reason, without a date, with a date that is not a date, past its date or too far ahead does not count:',
      'the document is graded as if it were not there, and the comment itself is reported at its line and column,',
      'saying why.',
    ],
  },
  {
    id: 'front-matter',
    title: 'Readable front matter',
    severity: 'error',
    text: [
      'The front matter could not be read (invalid YAML or TOML, not a mapping, too many aliases): the document is',
      'still audited, without its front matter; fix the block at the position given. Or a key is written twice: the',
      'block is still read, the last value winning (as Ruby, Hugo and most YAML readers read it); remove the copy',
      'you do not mean.',
    ],
  },
  {
    id: 'file',
    title: 'Audited file',
    severity: 'warning',
    text: [
      'The file was not audited: it is over the size limit (`maxFileBytes` in `.sopmaturity.yml`), took longer to',
      'parse than the time budget (`maxParseMs`, default 10 s; files over 8 KB are parsed on a worker thread that is',
      'stopped when the budget runs out), contains NUL bytes, or could not be read.',
    ],
  },
];

/** Words of a rubric list as inline code, joined with commas. */
function words(list) {
  return list.map((w) => `\`${w}\``).join(', ');
}

/** The `sectionPlaceholders` entries of one kind, without their `*` marks, as inline code joined with "or". */
function markers(list, keep) {
  const chosen = list
    .filter(keep)
    .map((e) => `\`${e.replace(/^\*|\*$/g, '')}${e.endsWith('*') && !e.startsWith('*') ? ' ...' : ''}\``);
  return chosen.length > 1 ? `${chosen.slice(0, -1).join(', ')} or ${chosen[chosen.length - 1]}` : chosen.join('');
}

export function render() {
  const rubric = parse(readFileSync(new URL('../rubrics/oml.yaml', import.meta.url), 'utf8'));
  const { settings } = rubric;
  const out = [
    '# Checks of the default rubric',
    '',
    '<!-- Generated from rubrics/oml.yaml by scripts/gen-check-docs.mjs: edit the rubric, then run `node scripts/gen-check-docs.mjs`. -->',
    '',
    'Every finding links here. A document check counts at a level when at least the threshold share of all procedure documents passes it; a workspace check holds or not. A document gets at most one finding per check, for the lowest level it fails. Any check can be exempted for one document with `<!-- sop-maturity-disable CHECK-ID -- reason (until YYYY-MM-DD) -->` (see [exemption](#exemption)).',
    '',
    '## A level is earned, never clicked',
    '',
    'Only what a person wrote counts. Placeholders, what a template or a quick fix writes for the author to replace, never pass a check:',
    '',
    `- An owner, category, \`metrics:\` or \`automation:\` value that is a placeholder as a whole, ignoring case, spaces and punctuation (${words(settings.placeholderValues)}), or anything wholly in angle or square brackets such as \`<owner>\` or \`[team]\`. \`alice@example.com\` and \`Example Corp NOC\` are real values. The finding names the placeholder.`,
    `- A section (a heading and what follows it up to the next heading of the same or a higher rank) whose only content is placeholders: a paragraph or list item that holds ${markers(settings.sectionPlaceholders, (e) => e.startsWith('*') && e.endsWith('*') && e.length > 2)}, starts with ${markers(settings.sectionPlaceholders, (e) => !e.startsWith('*') && e.endsWith('*'))} (unless it ends with a colon and so introduces a command, as in "Describe the pod:"), is wholly ${markers(settings.sectionPlaceholders, (e) => !e.endsWith('*'))}, or holds no letter or digit (\`...\`). It counts for none of Purpose, Procedure, Verification, Prerequisites, Metrics and Automation, and its finding says the section holds only a placeholder. An ordered list whose items are all placeholders is no steps, and a task list whose items are all placeholders is no checklist.`,
    '- Placeholder text is not the author\'s words: a procedure made from the draft template, with only placeholders under its headings, is a stub (fewer than 30 words of its own) and fails with "empty template" until someone writes it.',
    `- An exemption whose reason is missing, a placeholder (\`<reason>\`, ${words(settings.reasonPlaceholders.slice(0, 3))}, \`TBD\`) or shorter than three words, that has no expiry date, or whose expiry lies more than ${settings.exemptionMaxDays} days after the audit date.`,
    '',
    'The placeholder words are rubric data: `settings.placeholderValues` (the older `ownerPlaceholders` is still read), `settings.sectionPlaceholders` (`*text*` anywhere, `text*` at the start, else the whole text), `settings.reasonPlaceholders` and `settings.exemptionMaxDays`.',
    '',
    '## Which documents are procedures',
    '',
    'Only procedure documents are graded. A Markdown file is one when its front matter `type` (or `kind`, `doc_type`) is a procedure type, it lies in a folder named like procedures (`runbooks`, `technician-sops`, `how-to`, ...), its title names one (`SOP`, `runbook`, `playbook`, `procedure`, `checklist`, starts with "How to", or is itself an instruction such as "Add nodes to the cluster"), it has written steps (a steps section such as Procedure, Steps or Resolution with a list or with sub-sections that give instructions; a numbered list of three items of which at least one gives an instruction or asks a question; three numbered step headings; three headings or list items that give instructions; a task list of three items), or it has the shape of an alert or incident runbook (a heading for the situation and one for the response, not counting the headings of a Template section or headings inside list items). Navigation files, change logs, licences, to-do lists, templates, dated records (incident reports), architecture decision records and command reference pages (Synopsis, Syntax, Parameters ...) never are; `README` and `index` files are index pages unless their steps make them procedures. A procedure with fewer than 30 words of its own is a stub (an empty template copy): graded, but it documents no process. Every document in the report says which rule decided, and `type: sop` or `type: reference` in its front matter settles it.',
    '',
    '### Beyond revision 2 of the rubric specification (proposed for revision 3)',
    '',
    'Measured on six public runbook repositories, these rules read real documents as an operations lead does where revision 2 did not; each is rubric data or a narrowing of a rule, and each came with a labelled document in the regression suite:',
    '',
    '- A numbered list of three items is steps only when at least one item gives an instruction (also after a lead such as "Then", "Finally," or "You need to", and in the -ing form) or asks a question to answer. A numbered list of statements is a flow, a list of causes or of fields, not steps (`settings.instructionLeads`).',
    '- A steps section followed by at least two sub-sections that give instructions ("Troubleshooting" > "Fixing ... errors") has written steps.',
    '- A page with three reference headings (`settings.referenceHeadings`: Synopsis, Syntax, Parameters, Inputs, Outputs ...) is a command or API reference page, never a procedure.',
    "- The runbook shape reads only the document's own headings: not those below a Template or Sample section (`aliases.headings.sample`), not a heading inside a list item or quote.",
    '',
  ];
  for (const [id, c] of Object.entries(rubric.checks)) {
    out.push(
      `## ${id}`,
      '',
      `**${c.title}** · area ${c.area} · ${c.scope} check`,
      '',
      c.description.trim(),
      '',
      `To pass: ${c.hint.trim()}`,
      '',
    );
    const levels = c.levels.map((l) => {
      const params = l.params
        ? ` (${Object.entries(l.params)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`
        : '';
      return `level ${l.level}${l.threshold !== undefined ? `: ${Math.round(l.threshold * 100)}% of procedures` : ''}${params}`;
    });
    out.push(`Counts at ${levels.join('; ')}.`, '');
    if (FIXES[id]) out.push(`Quick fix: ${FIXES[id]}.`, '');
  }
  // The pseudo-checks: findings no rubric check makes (src/core/checks/pseudo-checks.ts, whose titles a test compares).
  for (const p of PSEUDO_CHECKS(settings)) {
    const severity = `${p.severity} unless \`severity\` in \`.sopmaturity.yml\` says otherwise`;
    const what = 'not a rubric check: it counts at no level and cannot be exempted';
    out.push(`## ${p.id}`, '', `**${p.title}** · ${severity} · ${what}`, '');
    out.push(p.text.join(' '), '');
  }
  return out.join('\n');
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const page = render();
  if (process.argv.includes('--check')) {
    const now = readFileSync(new URL('../docs/checks.md', import.meta.url), 'utf8');
    if (now !== page) {
      console.error('docs/checks.md is out of date: run node scripts/gen-check-docs.mjs');
      process.exit(1);
    }
  } else writeFileSync(new URL('../docs/checks.md', import.meta.url), page);
}
