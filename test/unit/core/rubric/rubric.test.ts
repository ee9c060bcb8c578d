import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rubricSchema from '../../../../rubrics/rubric.schema.json';
import configSchema from '../../../../rubrics/config.schema.json';
import { loadBuiltinRubric, loadRubricText } from '../../../../src/core/rubric/load';
import type { LocatedError } from '../../../../src/core/config/types';
import type { Rubric } from '../../../../src/core/rubric/types';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/rubrics/${name}`, import.meta.url), 'utf8');
const load = (name: string, knownChecks?: ReadonlySet<string>) => loadRubricText(fixture(name), name, { knownChecks });
const where = (errors: LocatedError[]) => errors.map((e) => `${e.file}:${e.line}:${e.column}`);

/** RUBRIC.md, "Documentation checks": id, area, scope and the [level, threshold] rules. */
const CHECKS: [id: string, area: string, scope: 'document' | 'workspace', rules: [number, number?][]][] = [
  ['sop-present', 'Knowledge base', 'workspace', [[1]]],
  [
    'owner',
    'Ownership',
    'document',
    [
      [2, 0.5],
      [3, 0.9],
    ],
  ],
  ['procedure', 'Structure', 'document', [[2, 0.5]]],
  ['recurring-coverage', 'Coverage', 'workspace', [[2]]],
  ['central-location', 'Knowledge base', 'document', [[3, 0.9]]],
  ['kb-index', 'Knowledge base', 'workspace', [[3]]],
  ['category', 'Knowledge base', 'document', [[3, 0.8]]],
  ['required-sections', 'Structure', 'document', [[3, 0.8]]],
  ['checklist', 'Structure', 'document', [[4, 0.8]]],
  [
    'review-date',
    'Ownership',
    'document',
    [
      [4, 0.8],
      [5, 0.9],
    ],
  ],
  ['links', 'Knowledge base', 'document', [[4, 0.9]]],
  ['verification', 'Structure', 'document', [[4, 0.6]]],
  ['assurance-coverage', 'Coverage', 'workspace', [[4]]],
  ['prerequisites', 'Structure', 'document', [[5, 0.8]]],
  ['automation', 'Automation', 'document', [[5, 0.5]]],
  ['metrics', 'Automation', 'document', [[5, 0.5]]],
  ['one-version', 'Knowledge base', 'workspace', [[5]]],
];

/** RUBRIC.md, "Process coverage (traits)". */
const TRAITS: [id: string, level: number, area: string, words: string[]][] = [
  ['time-tracking', 1, 'Financial Management', ['time tracking', 'timesheet', 'time entry']],
  ['project-management', 1, 'Service', ['project management', 'project plan', 'project kickoff']],
  [
    'service-desk',
    1,
    'Service',
    ['service desk', 'help desk', 'ticket triage', 'customer support', 'service request', 'support ticket'],
  ],
  [
    'people-lifecycle',
    1,
    'Compensation',
    [
      'hiring',
      'employee onboarding',
      'staff onboarding',
      'user onboarding',
      'new hire',
      'new starter',
      'joiner',
      'leaver',
      'offboarding',
      'employee termination',
      'staff termination',
      'termination of employment',
    ],
  ],
  ['pricing', 1, 'Sales', ['pricing', 'price list', 'quoting']],
  ['psa-rmm', 1, 'Service', ['psa', 'rmm', 'remote monitoring']],
  ['operational-controls', 2, 'Strategy', ['change management', 'change control', 'approval']],
  ['budgeting', 2, 'Financial Management', ['budget', 'budgeting', 'forward planning']],
  ['incentive-alignment', 2, 'Compensation', ['incentive', 'bonus', 'commission']],
  ['client-profitability', 2, 'Financial Management', ['profitability', 'margin']],
  [
    'preventive-maintenance',
    2,
    'Service',
    ['preventive maintenance', 'preventative maintenance', 'maintenance window'],
  ],
  ['patch-monitoring', 2, 'Service', ['patching', 'patch management', 'monitoring policy', 'alerting']],
  ['budget-attainment', 3, 'Financial Management', ['budget attainment', 'budget review', 'variance']],
  ['standard-stack', 3, 'Strategy', ['technology stack', 'standard stack']],
  ['client-onboarding', 3, 'Sales', ['client onboarding', 'customer onboarding', 'new client']],
  ['ticket-categories', 3, 'Service', ['issue type', 'ticket type', 'ticket category', 'subtype']],
  ['sop-adherence', 3, 'Strategy', ['sop review', 'sop audit', 'adherence']],
  ['knowledge-base', 3, 'Service', ['knowledge base', 'documentation standard']],
  ['forecasting', 4, 'Financial Management', ['forecast', 'forecasting']],
  ['attainment-incentives', 4, 'Compensation', ['incentive plan', 'bonus plan', 'attainment bonus']],
  ['automated-remediation', 4, 'Service', ['automated remediation', 'self-healing', 'remediation script']],
  [
    'backup-testing',
    4,
    'Service',
    ['backup test', 'backup testing', 'restore test', 'restore testing', 'recovery test', 'disaster recovery test'],
  ],
  [
    'endpoint-protection',
    4,
    'Service',
    ['antivirus', 'anti malware', 'endpoint protection', 'endpoint security', 'edr', 'defender'],
  ],
  [
    'threat-detection',
    4,
    'Service',
    ['threat detection', 'siem', 'security monitoring', 'intrusion detection', 'threat hunting'],
  ],
  [
    'continuous-improvement',
    4,
    'Strategy',
    ['process improvement', 'retrospective', 'postmortem', 'post mortem', 'lessons learned', 'post incident review'],
  ],
  ['service-innovation', 5, 'Sales', ['new service', 'service offering']],
  ['vendor-partnerships', 5, 'Strategy', ['vendor management', 'partnership', 'vendor review']],
  ['business-intelligence', 5, 'Financial Management', ['analytics', 'business intelligence', 'dashboard']],
  ['innovation-culture', 5, 'Strategy', ['innovation', 'experiment']],
  ['junior-enablement', 5, 'Service', ['technician training', 'mentoring', 'skills matrix']],
];

/** RUBRIC.md alias lists (front-matter keys folded to `_`). */
const FRONT_MATTER_ALIASES = {
  owner: ['owner', 'owners', 'owner_slack', 'owner_team', 'maintainer', 'maintainers', 'responsible', 'accountable'],
  category: ['category', 'issue_type', 'service_area', 'area'],
  reviewed: [
    'last_reviewed',
    'last_reviewed_on',
    'reviewed',
    'review_date',
    'last_review',
    'reviewed_on',
    'last_updated',
    'ms.date',
  ],
  nextReview: ['review_by', 'next_review'],
  reviewIn: ['review_in'],
  type: ['type', 'kind', 'doc_type'],
  traits: ['traits', 'oml'],
  tags: ['tags'],
  title: ['title'],
  automation: ['automation'],
  metrics: ['metrics'],
};
const HEADING_ALIASES = {
  purpose: [
    'purpose',
    'overview',
    'objective',
    'summary',
    'meaning',
    'description',
    'scope',
    'introduction',
    'about',
    'background',
    'when to',
    'understanding',
    'symptoms',
    'problem',
    'issue',
  ],
  procedure: [
    'procedure',
    'steps',
    'instructions',
    'process',
    'resolution',
    'mitigation',
    'remediation',
    'remediate',
    'troubleshooting',
    'response',
    'respond',
    'actions',
    'what to do',
    'step by step',
    'how to',
  ],
  verification: [
    'verification',
    'validation',
    'verify',
    'testing',
    'test',
    'confirm',
    'expected result',
    'expected outcome',
    'success check',
    'check it worked',
  ],
  prerequisites: [
    'prerequisites',
    'pre requisites',
    'prereqs',
    'requirements',
    'before you begin',
    'before you start',
    'what you need',
  ],
  automation: ['automation'],
  metrics: ['metrics', 'kpis', 'kpi', 'success criteria', 'measures', 'sla', 'slas', 'service levels'],
  steps: [
    'procedure',
    'steps',
    'instructions',
    'resolution',
    'mitigation',
    'remediation',
    'troubleshooting',
    'step by step',
    'how to',
  ],
  situation: ['symptoms', 'meaning', 'impact', 'diagnosis', 'description', 'problem', 'issue', 'alert', 'cause'],
  response: ['investigate', 'contain', 'eradicate', 'recover'],
  // Proposed for revision 3: a section that shows a format to copy; its headings are the sample's.
  sample: ['template', 'templates', 'sample', 'samples'],
};

const builtinIds = (): Set<string> => new Set(loadBuiltinRubric().checks.map((c) => c.id));
const check = (rubric: Rubric, id: string) => rubric.checks.find((c) => c.id === id)!;
const trait = (rubric: Rubric, id: string) => rubric.traits.find((t) => t.id === id);

describe('built-in rubric', () => {
  const rubric = loadBuiltinRubric();

  it('is the oml rubric from the bundle, parsed once', () => {
    expect(rubric).toMatchObject({
      id: 'oml',
      source: 'builtin',
      docsUrl: 'https://github.com/sop-maturity/sop-maturity/blob/main/docs/checks.md#{id}',
    });
    expect(rubric.fingerprint).toMatch(/^[0-9a-f]{40}$/);
    expect(loadBuiltinRubric()).toBe(rubric);
  });

  it('names the five levels', () => {
    expect(rubric.levels.map((l) => [l.level, l.name])).toEqual([
      [1, 'Beginning'],
      [2, 'Emerging'],
      [3, 'Scaling'],
      [4, 'Optimizing'],
      [5, 'Innovating'],
    ]);
    for (const l of rubric.levels) expect(l.summary.length).toBeGreaterThan(20);
  });

  it('has exactly the checks of RUBRIC.md, one entry per check', () => {
    expect(rubric.checks.map((c) => c.id)).toEqual(CHECKS.map(([id]) => id));
  });

  it.each(CHECKS)('check %s: area %s, scope %s, levels and thresholds as specified', (id, area, scope, rules) => {
    const c = check(rubric, id);
    expect(c).toMatchObject({ area, scope, enabled: true });
    expect(c.levels.map((r) => [r.level, r.threshold])).toEqual(rules.map(([level, threshold]) => [level, threshold]));
    // Level-5 checks inform; the others warn; nothing is an error by default.
    expect(c.severity).toBe(rules[0][0] === 5 ? 'info' : 'warning');
    expect(c.title && c.description && c.hint).toBeTruthy();
  });

  it('carries the parameters the spec names', () => {
    expect(check(rubric, 'review-date').levels.map((r) => r.params)).toEqual([
      { maxAgeDays: 365 },
      { maxAgeDays: 180 },
    ]);
    expect(check(rubric, 'recurring-coverage').params).toEqual({
      minTopics: 3,
      topics: {
        patching: ['patch', 'patching'],
        monitoring: ['monitoring', 'alerting'],
        backup: ['backup'],
        'preventive maintenance': ['maintenance'],
        onboarding: ['onboarding', 'offboarding'],
      },
    });
    expect(check(rubric, 'assurance-coverage').params.topics).toEqual({
      'backup testing': ['backup test', 'restore test', 'recovery test'],
      antivirus: ['antivirus', 'endpoint protection', 'endpoint security', 'edr'],
      'threat detection': ['threat detection', 'siem', 'security monitoring'],
    });
    expect(check(rubric, 'kb-index').params).toEqual({ minReachable: 0.8 });
    expect(check(rubric, 'one-version').params).toEqual({
      similarity: 0.9,
      titleSimilarity: 0.3,
      shingleSize: 5,
      ignoreTitleWords: ['sop', 'runbook', 'procedure'],
    });
    expect(check(rubric, 'links').params).toEqual({ images: true });
    expect(check(rubric, 'automation').params).toEqual({ scriptExtensions: ['.ps1', '.sh', '.py', '.bat', '.psm1'] });
  });

  it('has exactly the traits of RUBRIC.md', () => {
    expect(rubric.traits.map((t) => t.id)).toEqual(TRAITS.map(([id]) => id));
  });

  it.each(TRAITS)('trait %s: level %i, area %s, words as specified', (id, level, area, words) => {
    expect(trait(rubric, id)).toMatchObject({ level, area, words });
    expect(trait(rubric, id)!.title).toBeTruthy();
  });

  it('has the alias lists of RUBRIC.md', () => {
    expect(rubric.aliases.frontMatter).toEqual(FRONT_MATTER_ALIASES);
    expect(rubric.aliases.headings).toEqual(HEADING_ALIASES);
  });

  it('has the settings of RUBRIC.md', () => {
    const { instructionVerbs, placeholderValues, sectionPlaceholders, reasonPlaceholders, ...settings } =
      rubric.settings;
    expect(settings).toEqual({
      traitShare: 0.6,
      minDocumentsAbove2: 5,
      procedureTypes: ['sop', 'runbook', 'playbook', 'procedure', 'process', 'checklist'],
      nonProcedureTypes: [
        'reference',
        'explanation',
        'concept',
        'overview',
        'policy',
        'standard',
        'adr',
        'decision',
        'glossary',
        'index',
        'landing',
        'template',
        'note',
        'notes',
      ],
      procedureFolders: [
        'sop',
        'sops',
        'runbook',
        'runbooks',
        'playbook',
        'playbooks',
        'procedure',
        'procedures',
        'process',
        'processes',
        'checklist',
        'checklists',
        'how-to',
        'how-tos',
        'howto',
        'howtos',
      ],
      procedureTitleWords: ['sop', 'runbook', 'playbook', 'procedure', 'checklist'],
      procedureTitlePrefixes: ['how to', 'howto'],
      // Proposed for revision 3 of RUBRIC.md (docs/checks.md, "Which documents are procedures"): what real corpora taught us since revision 2.
      instructionLeads: [
        'then',
        'next',
        'finally',
        'first',
        'firstly',
        'second',
        'secondly',
        'third',
        'now',
        'also',
        'optionally',
        'please',
        'you need to',
        'you will need to',
        'you ll need to',
        'you should',
        'you must',
        'we need to',
        'be sure to',
      ],
      referenceHeadings: [
        'synopsis',
        'syntax',
        'parameters',
        'options',
        'inputs',
        'outputs',
        'return value',
        'related links',
      ],
      ignoredHeadings: ['next steps', 'see also', 'related'],
      wholeHeadingAliases: ['process'],
      stubWords: 30,
      exemptionMaxDays: 365,
      centralFolderNames: ['docs', 'sops', 'runbooks', 'procedures', 'playbooks', 'kb', 'wiki'],
      generatedMarkers: [{ start: '<!-- MARKER: do not edit', end: '<!-- END_MARKER -->' }],
    });
    // The instruction verbs RUBRIC.md names are there; the list is data, longer than the spec's examples.
    // The placeholders RUBRIC.md names ("A level is earned, never clicked") are there; the lists are data, longer than the spec's examples.
    expect(placeholderValues).toEqual(
      expect.arrayContaining([
        'tbd',
        'todo',
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
      ]),
    );
    expect(sectionPlaceholders).toEqual(
      expect.arrayContaining(['*(to be completed)*', 'tbd', 'todo', 'lorem ipsum*', 'describe*', 'first step']),
    );
    expect(reasonPlaceholders).toContain('reason');
    expect(instructionVerbs).toEqual(
      expect.arrayContaining([
        'add',
        'check',
        'configure',
        'create',
        'delete',
        'deploy',
        'disable',
        'enable',
        'install',
        'log in',
        'purge',
        'remove',
        'restart',
        'restore',
        'rotate',
        'run',
        'set up',
        'update',
        'upgrade',
        'verify',
      ]),
    );
  });

  it('loads through loadRubricText as a complete rubric, with its own ids as the known checks', () => {
    const text = readFileSync(new URL('../../../../rubrics/oml.yaml', import.meta.url), 'utf8');
    const { rubric: again, errors } = loadRubricText(text, 'rubrics/oml.yaml', { knownChecks: builtinIds() });
    expect(errors).toEqual([]);
    expect(again?.fingerprint).toBe(rubric.fingerprint);
  });
});

describe('user rubric with extends: oml', () => {
  const { rubric, errors } = load('user-overrides.yaml', builtinIds());
  const base = loadBuiltinRubric();

  it('loads without errors, keeping the base id and naming its file as source', () => {
    expect(errors).toEqual([]);
    expect(rubric).toMatchObject({ id: 'oml', title: 'Acme MSP rubric', source: 'user-overrides.yaml' });
    expect(rubric!.fingerprint).not.toBe(base.fingerprint);
  });

  it('replaces the levels of a check and keeps the fields it does not name', () => {
    const owner = check(rubric!, 'owner');
    expect(owner.levels).toEqual([
      { level: 2, threshold: 0.7 },
      { level: 3, threshold: 1 },
    ]);
    expect(owner.severity).toBe('error');
    expect(owner.hint).toBe('Add `owner:` with the name of the on-call lead for this service.');
    expect(owner.title).toBe(check(base, 'owner').title);
    expect(check(rubric!, 'review-date').levels).toEqual([{ level: 4, threshold: 0.8, params: { maxAgeDays: 90 } }]);
  });

  it('merges params key by key', () => {
    expect(check(rubric!, 'links').params).toEqual({ images: false });
    expect(check(rubric!, 'one-version').params).toEqual(check(base, 'one-version').params);
  });

  it('switches checks off through disable and enabled: false, keeping them listed', () => {
    expect(check(rubric!, 'one-version').enabled).toBe(false);
    expect(check(rubric!, 'metrics').enabled).toBe(false);
    expect(
      rubric!.checks
        .filter((c) => !c.enabled)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['metrics', 'one-version']);
    expect(rubric!.checks).toHaveLength(base.checks.length);
  });

  it('appends aliases, folded and without duplicates', () => {
    expect(rubric!.aliases.frontMatter.owner).toEqual([...FRONT_MATTER_ALIASES.owner, 'service_owner']);
    expect(rubric!.aliases.headings.procedure).toEqual([...HEADING_ALIASES.procedure, 'runbook steps']);
    expect(rubric!.aliases.frontMatter.reviewed).toEqual(FRONT_MATTER_ALIASES.reviewed);
  });

  it('adds, extends and drops traits', () => {
    expect(trait(rubric!, 'psa-rmm')!.words).toEqual(['psa', 'rmm', 'remote monitoring', 'connectwise', 'ninjaone']);
    expect(trait(rubric!, 'innovation-culture')).toBeUndefined();
    expect(rubric!.traits.at(-1)).toEqual({
      id: 'security-awareness',
      title: 'Staff learn to spot phishing',
      level: 4,
      area: 'Service',
      words: ['security awareness', 'phishing simulation'],
    });
    expect(rubric!.traits).toHaveLength(base.traits.length);
  });

  it('overrides only the settings it lists', () => {
    expect(rubric!.settings).toEqual({ ...base.settings, minDocumentsAbove2: 10 });
  });

  it('leaves the built-in rubric untouched', () => {
    expect(check(loadBuiltinRubric(), 'owner').levels).toEqual([
      { level: 2, threshold: 0.5 },
      { level: 3, threshold: 0.9 },
    ]);
    expect(loadBuiltinRubric().aliases.frontMatter.owner).toEqual(FRONT_MATTER_ALIASES.owner);
  });

  it('gives equal rubrics equal fingerprints', () => {
    expect(load('user-overrides.yaml').rubric!.fingerprint).toBe(rubric!.fingerprint);
    expect(loadRubricText('extends: oml\n', 'x.yaml').rubric!.fingerprint).toBe(base.fingerprint);
  });
});

describe('rubric errors, located at file:line:column', () => {
  it('reports a YAML syntax error where the parser meets it', () => {
    const { rubric, errors } = load('syntax-error.yaml');
    expect(rubric).toBeUndefined();
    expect(where(errors)).toEqual(['syntax-error.yaml:5:3']);
    expect(errors[0].message).toMatch(/^invalid YAML: Flow sequence/);
  });

  it('reports a duplicate key at its second occurrence', () => {
    const { errors } = load('duplicate-key.yaml');
    expect(where(errors)).toEqual(['duplicate-key.yaml:7:3']);
    expect(errors[0].message).toBe(
      'duplicate key `owner`: a key may appear only once in a mapping; keep one and remove the other',
    );
  });

  it('reports a wrong type at a nested key, at the value', () => {
    const { errors } = load('wrong-type.yaml');
    expect(errors).toEqual([
      { file: 'wrong-type.yaml', line: 4, column: 12, message: '`traits.pricing.words` must be a list, not "pricing"' },
    ]);
  });

  it('rejects a threshold above 1', () => {
    const { errors } = load('threshold-too-high.yaml');
    expect(errors).toEqual([
      {
        file: 'threshold-too-high.yaml',
        line: 6,
        column: 20,
        message: '`checks.checklist.levels[0].threshold` must be between 0 and 1, not 1.5',
      },
    ]);
  });

  it('rejects a level outside 1..5', () => {
    const { errors } = loadRubricText('extends: oml\ntraits:\n  pricing:\n    level: 6\n', 'x.yaml');
    expect(errors).toEqual([
      { file: 'x.yaml', line: 4, column: 12, message: '`traits.pricing.level` must be between 1 and 5, not 6' },
    ]);
  });

  it('rejects unknown check ids in checks and disable', () => {
    const { errors } = load('unknown-check.yaml', builtinIds());
    expect(where(errors)).toEqual(['unknown-check.yaml:5:3', 'unknown-check.yaml:9:5']);
    expect(errors[0].message).toMatch(
      /^unknown check `owners`: no check has this id; known checks are assurance-coverage, automation, /,
    );
    expect(errors[1].message).toMatch(/^unknown check `spellcheck`/);
  });

  it('rejects check ids the base rubric lacks even without a list of known checks', () => {
    const { errors } = load('unknown-check.yaml');
    expect(where(errors)).toEqual(['unknown-check.yaml:5:3', 'unknown-check.yaml:9:5']);
    expect(errors[0].message).toMatch(/the `oml` rubric has no such check/);
  });

  it('never extends a file', () => {
    const { rubric, errors } = load('extends-file.yaml');
    expect(rubric).toBeUndefined();
    expect(errors).toEqual([
      {
        file: 'extends-file.yaml',
        line: 2,
        column: 10,
        message:
          '`extends` must be `oml`, not "../other.yaml": a rubric can only build on the built-in rubric and never loads other files',
      },
    ]);
  });

  it('rejects an alias bomb quickly, at its first alias', () => {
    const started = performance.now();
    const { rubric, errors } = load('alias-bomb.yaml');
    expect(performance.now() - started).toBeLessThan(500);
    expect(rubric).toBeUndefined();
    expect(where(errors)).toEqual(['alias-bomb.yaml:4:10']);
    expect(errors[0].message).toMatch(/^YAML aliases expand to too many nodes \(more than 50 allowed\)/);
  });

  it('points at an unknown key and lists the expected ones', () => {
    const { errors } = loadRubricText('extends: oml\nchecks:\n  owner:\n    treshold: 0.5\n', 'x.yaml');
    expect(errors).toEqual([
      {
        file: 'x.yaml',
        line: 4,
        column: 5,
        message:
          'unknown key `treshold` in `checks.owner`; expected one of: title, description, hint, area, scope, severity, enabled, params, levels',
      },
    ]);
  });

  it('keeps a check scope fixed', () => {
    const { errors } = loadRubricText('extends: oml\nchecks:\n  owner:\n    scope: workspace\n', 'x.yaml');
    expect(errors).toEqual([
      {
        file: 'x.yaml',
        line: 4,
        column: 5,
        message: "`checks.owner.scope` cannot be changed: a check's scope is fixed by its implementation; remove it",
      },
    ]);
  });

  it('asks for thresholds on document checks only, and one rule per level', () => {
    const text = [
      'extends: oml',
      'checks:',
      '  kb-index:',
      '    levels: [{ level: 3, threshold: 0.5 }]',
      '  checklist:',
      '    levels:',
      '      - level: 4',
      '      - level: 4',
      '        threshold: 0.2',
    ].join('\n');
    const { errors } = loadRubricText(text, 'x.yaml');
    expect(errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '4:26 a workspace check passes or fails as a whole, so its levels take no `threshold`; remove it',
      '7:9 level 4 of a document check needs a `threshold`: the share of procedure documents (0 to 1) that must pass, for example 0.8',
      '8:16 level 4 appears twice in this check; give each level one rule',
    ]);
  });

  it('asks a new trait for all its fields', () => {
    const { errors } = loadRubricText('extends: oml\ntraits:\n  dns:\n    words: [dns]\n', 'x.yaml');
    expect(errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '3:3 new trait `dns` is missing `title`, `level`, `area`: a trait that the base rubric does not have needs a title, a level, an area and words',
    ]);
  });

  it('asks a rubric without extends for every part of a complete rubric', () => {
    const { errors } = loadRubricText('id: mine\ntitle: Mine\n', 'x.yaml');
    expect(errors.map((e) => e.message)).toContain('the file is missing the required key `checks`');
    expect(where(errors).every((w) => w === 'x.yaml:1:1')).toBe(true);
  });

  it('rejects an empty file and a file that is not a mapping', () => {
    expect(loadRubricText('', 'x.yaml').errors[0].message).toBe(
      'the file must be a mapping of keys to values, not empty',
    );
    expect(loadRubricText('- a\n', 'x.yaml').errors[0].message).toBe(
      'the file must be a mapping of keys to values, not a list',
    );
  });
});

describe('schemas', () => {
  /** Every property an editor can complete must explain itself. */
  function undocumented(schema: unknown, path = '#'): string[] {
    if (!schema || typeof schema !== 'object') return [];
    const node = schema as Record<string, unknown>;
    const out: string[] = [];
    for (const [name, prop] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      const inBranch = /\/(then|else)\b/.test(path);
      if (!inBranch && typeof prop === 'object' && !prop.description) out.push(`${path}/properties/${name}`);
    }
    for (const [key, child] of Object.entries(node)) out.push(...undocumented(child, `${path}/${key}`));
    return out;
  }

  it('describe every property', () => {
    expect(undocumented(rubricSchema)).toEqual([]);
    expect(undocumented(configSchema)).toEqual([]);
  });
});
