/**
 * The incremental report (verdicts kept per document, per-level counts and
 * failing lists updated by each document's change, the one-version index,
 * coverage topics and link reachability kept up to date, unchanged document
 * reports reused) must equal, byte for byte, a report built from scratch
 * over the same files after every kind of change: edits, additions,
 * removals, renames, owner files, headings that links point at, files
 * appearing on disk, unreadable files, and one-version clashes that come and
 * go (also through a shingle posting crossing the candidate limit). The
 * property tests below do the same on random sequences of changes.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

// The diagnostics publisher's tests below run on the fake VS Code API, with a diagnostic collection that remembers what it holds.
vi.mock('vscode', async () => ({
  ...(await import('../../fakes/vscode')),
  languages: { createDiagnosticCollection: () => new FakeCollection() },
}));

import * as vscode from 'vscode';
import { Workspace, defaultConfig, loadBuiltinRubric, parseDocument } from '../../../../src/core';
import { MapFactCache } from '../../../../src/node';
import type { LocatedError, Report, Rubric, Severity, SopConfig, SopDocument } from '../../../../src/core';
import { OneVersionIndex } from '../../../../src/core/checks/one-version';
import { DiagnosticsPublisher } from '../../../../src/extension/diagnostics';
import { diagnosticsByPath, errorDiagnostic, resolvePath } from '../../../../src/extension/mapping';

const rubric = loadBuiltinRubric();
const config = defaultConfig();
const asOf = '2026-11-23';

function sop(
  title: string,
  opts: { owner?: string; body?: string; links?: string[]; heading?: string; reviewed?: string } = {},
): string {
  const fm = [
    '---',
    `title: ${title}`,
    ...(opts.owner ? [`owner: ${opts.owner}`] : []),
    ...(opts.reviewed ? [`reviewed: ${opts.reviewed}`] : []),
    'type: sop',
    '---',
    '',
  ];
  return [
    ...fm,
    `# ${title}`,
    '',
    opts.body ?? `How to ${title.toLowerCase()} safely and the same way every time.`,
    '',
    '## Prerequisites',
    '',
    ...(opts.links ?? []).map((l) => `- [link](${l})`),
    '',
    `## ${opts.heading ?? 'Procedure'}`,
    '',
    '1. Open the console.',
    '2. Run the job.',
    '',
    '- [ ] Check the result',
    '',
    '## Verification',
    '',
    'Confirm the job finished.',
    '',
  ].join('\n');
}

/** A workspace under test and the files it should hold. */
class Harness {
  readonly files = new Map<string, string>();
  readonly owners = new Map<string, string>();
  readonly disk = new Set<string>();
  readonly ws = this.make();

  private make(): Workspace {
    return new Workspace({ root: '/repo', config, rubric, asOf, fileExists: (p) => this.exists(p) });
  }

  private exists(p: string): boolean {
    if (this.disk.has(p) || this.files.has(p)) return true;
    const prefix = p === '' ? '' : `${p}/`;
    return [...this.files.keys(), ...this.disk].some((f) => f.startsWith(prefix));
  }

  set(path: string, text: string): void {
    this.files.set(path, text);
    this.ws.setFile(path, text);
  }

  remove(path: string): void {
    this.files.delete(path);
    this.ws.removeFile(path);
  }

  owner(path: string, text: string | undefined): void {
    if (text === undefined) this.owners.delete(path);
    else this.owners.set(path, text);
    this.ws.setOwnerFile(path, text);
  }

  /** The incremental report and one from scratch, as JSON. */
  both(): { incremental: string; scratch: string } {
    const fresh = this.make();
    for (const [p, t] of this.owners) fresh.setOwnerFile(p, t);
    // A different insertion order than the incremental workspace's.
    for (const p of [...this.files.keys()].reverse()) fresh.setFile(p, this.files.get(p) as string);
    return { incremental: JSON.stringify(this.ws.report()), scratch: JSON.stringify(fresh.report()) };
  }

  check(): string {
    const { incremental, scratch } = this.both();
    expect(incremental).toBe(scratch);
    return incremental;
  }
}

function words(seed: number, n: number): string {
  const vocab = [
    'alpha',
    'bravo',
    'charlie',
    'delta',
    'echo',
    'foxtrot',
    'golf',
    'hotel',
    'india',
    'juliet',
    'kilo',
    'lima',
    'mike',
    'november',
    'oscar',
    'papa',
    'quebec',
    'romeo',
    'sierra',
    'tango',
    'uniform',
    'victor',
    'whiskey',
    'xray',
    'yankee',
    'zulu',
  ];
  let a = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    a = (Math.imul(a ^ (a >>> 15), 2246822507) + 0x9e3779b9 + i) >>> 0;
    out.push(`${vocab[a % vocab.length]}${a % 97}`);
  }
  return out.join(' ');
}

describe('incremental report', () => {
  it('equals a report from scratch after edits, additions, removals and owner changes', () => {
    const h = new Harness();
    const dir = 'docs/sops';
    h.disk.add('.git');
    for (let i = 1; i <= 6; i++) {
      h.set(
        `${dir}/sop-${i}.md`,
        sop(`Task ${i} ${words(i, 3)}`, {
          owner: i % 2 ? 'Dana' : undefined,
          reviewed: i % 3 ? '2026-06-01' : undefined,
          body: words(100 + i, 60),
          links: [`sop-${(i % 6) + 1}.md#procedure`, 'img/diagram.png'],
        }),
      );
    }
    h.set(
      `${dir}/README.md`,
      ['# Procedures', '', ...[1, 2, 3, 4, 5].map((i) => `- [SOP ${i}](sop-${i}.md)`), ''].join('\n'),
    );
    h.owner('CODEOWNERS', 'docs/ @ops-team\n');
    const first = h.check();
    expect(first).toContain('sop-6.md');

    // A body edit, then an edit back.
    h.set(`${dir}/sop-1.md`, sop('Task 1 edited', { body: words(999, 60), links: ['sop-2.md#procedure'] }));
    h.check();
    // A heading other documents link to goes away (their anchors break), then comes back.
    h.set(
      `${dir}/sop-3.md`,
      sop(`Task 3 ${words(3, 3)}`, { body: words(103, 60), heading: 'Steps', links: ['sop-4.md#procedure'] }),
    );
    h.check();
    h.set(`${dir}/sop-3.md`, sop(`Task 3 ${words(3, 3)}`, { body: words(103, 60), links: ['sop-4.md#procedure'] }));
    h.check();
    // The image appears on disk: only a fresh probe sees it.
    h.disk.add(`${dir}/img/diagram.png`);
    h.check();
    h.disk.delete(`${dir}/img/diagram.png`);
    h.check();
    // Additions and removals (a link target disappears).
    h.set(`${dir}/sop-7.md`, sop('Task seven', { body: words(107, 60), links: ['sop-1.md'] }));
    h.check();
    h.remove(`${dir}/sop-2.md`);
    h.check();
    h.set(`${dir}/sop-2.md`, sop('Task two again', { body: words(102, 60) }));
    h.check();
    // Owner files change and go.
    h.owner('CODEOWNERS', 'docs/sops/sop-2.md @other\n');
    h.check();
    h.owner('docs/sops/OWNERS', 'ops-lead\n');
    h.check();
    h.owner('CODEOWNERS', undefined);
    h.remove('docs/sops/OWNERS');
    h.owners.delete('docs/sops/OWNERS');
    h.check();
    // The index loses and regains links (kb-index reachability).
    h.set(`${dir}/README.md`, '# Procedures\n\n- [SOP 1](sop-1.md)\n');
    h.check();
    h.set(
      `${dir}/README.md`,
      ['# Procedures', '', ...[1, 2, 3, 4, 5, 6, 7].map((i) => `- [SOP ${i}](sop-${i}.md)`), ''].join('\n'),
    );
    h.check();

    // one-version: a copy of sop-5's text clashes, an edit ends the clash; a same-title twin clashes too.
    const five = h.files.get(`${dir}/sop-5.md`) as string;
    h.set(
      `${dir}/copy/sop-5-copy.md`,
      five.replace(/^title: .*$/m, 'title: Another title').replace(/^# .*$/m, '# Another title'),
    );
    const clash = h.check();
    expect(clash).toContain('Competing version of docs/sops/copy/sop-5-copy.md');
    expect(clash).toContain('% the same text');
    h.set(`${dir}/copy/sop-5-copy.md`, sop('Another title', { body: words(555, 60) }));
    expect(h.check()).not.toContain('Competing version');
    h.set(`${dir}/copy/sop-1-twin.md`, sop('Task 1 edited', { body: words(1234, 60) }));
    expect(h.check()).toContain('same title');
    // An exact copy: the same title wins over the same text.
    h.set(`${dir}/copy/sop-5-copy.md`, five);
    expect(h.check()).toContain('docs/sops/copy/sop-5-copy.md (same title, 100% the same words)');
    h.remove(`${dir}/sop-5.md`);
    h.remove(`${dir}/copy/sop-1-twin.md`);
    expect(h.check()).not.toContain('Competing version');
    // A document that stops being a readable procedure (too large is skipped) and comes back.
    h.set(`${dir}/sop-6.md`, 'x'.repeat(config.maxFileBytes + 10));
    h.check();
    h.set(`${dir}/sop-6.md`, sop('Task 6 back', { body: words(106, 60) }));
    h.check();
  });

  it('one-version index: a sync that swaps one procedure path for another (a rename) re-pairs the twins', () => {
    const body = words(77, 80);
    const doc = (path: string) => parseDocument(path, `---\ntype: sop\n---\n\n${body}\n`, rubric);
    const [a, b, z] = [doc('docs/sops/a.md'), doc('docs/sops/b.md'), doc('docs/sops/z.md')];
    const index = new OneVersionIndex(['sop'], 0.9);
    const ws = (procedures: SopDocument[]) => ({
      docs: new Map(procedures.map((d) => [d.path, d])),
      procedures,
      centralFolder: '',
      ownerOf: () => undefined,
      fileExists: () => false,
      markdownExtensions: ['.md'],
    });
    index.sync([a, z], ws([a, z]).docs);
    expect(index.verdict(ws([a, z])).paths).toEqual(['docs/sops/a.md', 'docs/sops/z.md']);
    // Same count, same position, another path: not an edit in place.
    expect(index.sync([b, z], ws([b, z]).docs)).toBe(true);
    expect(index.verdict(ws([b, z])).paths).toEqual(['docs/sops/b.md', 'docs/sops/z.md']);
  });

  it('follows a shingle posting across the candidate limit', () => {
    const h = new Harness();
    const boiler = words(7, 200);
    const dir = 'docs/sops';
    // Two near-copies that share only the boilerplate, and others with the same boilerplate and their own text.
    h.set(`${dir}/x.md`, `# X\n\n${boiler} xone xtwo\n`);
    h.set(`${dir}/y.md`, `# Y\n\n${boiler} yone ytwo\n`);
    for (let i = 0; i < 198; i++)
      h.set(`${dir}/o-${String(i).padStart(3, '0')}.md`, `# O ${i}\n\n${boiler} ${words(1000 + i, 50)}\n`);
    const short = h.check();
    h.set(`${dir}/o-new.md`, `# O new\n\n${boiler} ${words(5000, 50)}\n`);
    const long = h.check();
    h.remove(`${dir}/o-new.md`);
    expect(h.check()).toBe(short);
    // The clash of x and y depends on whether the boilerplate postings count.
    expect(short.includes('docs/sops/y.md (') !== long.includes('docs/sops/y.md (')).toBe(true);
  });
});

/* ------------------------------------------------------------------ property tests */

/** Paths the generated workspaces use: procedures in and out of the central folder, index pages, other files. */
const PATHS = [
  'docs/sops/a.md',
  'docs/sops/b.md',
  'docs/sops/c.md',
  'docs/sops/backup.md',
  'docs/sops/patch/d.md',
  'docs/sops/patch/README.md',
  'docs/sops/README.md',
  'docs/README.md',
  'runbooks/e.md',
  'runbooks/README.md',
  'sops/g.md',
  'f.md',
  'README.md',
  'CHANGELOG.md',
];
const TITLES = [
  'Restore a backup',
  'Patch the servers',
  'Onboard a client',
  'Backup testing',
  'Antivirus rollout',
  'Security monitoring',
  'Service desk triage',
  'Restore a backup runbook',
  'Release notes',
];
const LINKS = [
  'a.md',
  'b.md#procedure',
  '../sops/c.md#verification',
  'c',
  'patch/',
  'patch/d.md#steps',
  'img/x.png',
  '../README.md',
  '#verification',
  '#nowhere',
  'nowhere.md',
  '/docs/sops/a.md#purpose',
  '../../runbooks/e.md',
  'backup.md#prerequisites',
];
const EXEMPTIONS = [
  '<!-- sop-maturity-disable checklist -- reason given -->',
  '<!-- sop-maturity-disable -->',
  '<!-- sop-maturity-disable links -- old (until 2026-01-01) -->',
  '<!-- sop-maturity-disable owner review-date kb-index one-version -- because (until 2027-05-01) -->',
  '<!-- sop-maturity-disable checklist -- r (until someday) -->',
];
const OWNER_FILES: [string, string][] = [
  ['CODEOWNERS', 'docs/ @ops-team\n'],
  ['CODEOWNERS', 'docs/sops/a.md @dana\n*.md @all\n'],
  ['docs/sops/OWNERS', 'approvers:\n  - ops-lead\n'],
  ['runbooks/OWNERS', 'approvers:\n  - night-shift\n'],
];

const docSpec = fc.record({
  title: fc.option(fc.constantFrom(...TITLES), { nil: undefined }),
  owner: fc.constantFrom(undefined, 'Dana', 'TBD'),
  reviewed: fc.constantFrom(undefined, '2026-06-01', '2020-01-01', '2027-01-01', 'soon'),
  type: fc.constantFrom(undefined, 'sop', 'sop', 'sop', 'reference'),
  category: fc.constantFrom(undefined, 'backup', 'security'),
  tags: fc.subarray(['patching', 'monitoring', 'billing', 'onboarding', 'edr']),
  sections: fc.subarray(['Purpose', 'Prerequisites', 'Procedure', 'Steps', 'Verification', 'Metrics', 'Automation']),
  checklist: fc.boolean(),
  links: fc.array(fc.constantFrom(...LINKS), { maxLength: 4 }),
  exemption: fc.option(fc.constantFrom(...EXEMPTIONS), { nil: undefined }),
  body: fc.integer({ min: 0, max: 3 }),
  flavour: fc.constantFrom('plain', 'plain', 'plain', 'plain', 'broken-yaml', 'too-large', 'no-front-matter'),
});
type DocSpec = typeof docSpec extends fc.Arbitrary<infer T> ? T : never;

/** The Markdown of a generated document (bodies repeat, so text twins come and go). */
function render(spec: DocSpec): string {
  const fm = ['---'];
  if (spec.title) fm.push(`title: ${spec.title}`);
  if (spec.owner) fm.push(`owner: ${spec.owner}`);
  if (spec.reviewed) fm.push(`last_reviewed: ${spec.reviewed}`);
  if (spec.type) fm.push(`type: ${spec.type}`);
  if (spec.category) fm.push(`category: ${spec.category}`);
  if (spec.tags.length > 0) fm.push(`tags: [${spec.tags.join(', ')}]`);
  if (spec.flavour === 'broken-yaml') fm.push('owner: [unclosed');
  fm.push('---', '');
  const lines = spec.flavour === 'no-front-matter' ? [] : fm;
  if (spec.title) lines.push(`# ${spec.title}`, '');
  lines.push(words(900 + spec.body, 70), '');
  for (const section of spec.sections) {
    lines.push(`## ${section}`, '', `About ${section.toLowerCase()}.`, '');
    if (section === 'Procedure' || section === 'Steps') lines.push('1. Open the console.', '2. Run the job.', '');
  }
  if (spec.checklist) lines.push('- [ ] Confirm the result', '');
  for (const link of spec.links) lines.push(link.endsWith('.png') ? `![diagram](${link})` : `- [see](${link})`);
  if (spec.exemption) lines.push('', spec.exemption);
  lines.push('');
  const text = lines.join('\n');
  return spec.flavour === 'too-large' ? text + 'x'.repeat(SMALL_LIMIT) : text;
}

const SMALL_LIMIT = 6000;

/** How many documents a `many` step sets or removes at once. */
const MANY = 36;

/** The `i`-th of many documents, in one of a few variants (a variant replaces most of them). */
function manySpec(i: number, variant: number): DocSpec {
  const bits = (i * 7 + variant * 13) % 128;
  return {
    title: TITLES[(i + variant) % TITLES.length],
    owner: bits & 1 ? 'Dana' : undefined,
    reviewed: bits & 2 ? '2026-06-01' : undefined,
    type: bits & 4 ? 'sop' : undefined,
    category: bits & 8 ? 'backup' : undefined,
    tags: bits & 16 ? ['patching'] : [],
    sections: ['Purpose', 'Procedure', 'Verification'].filter((_, k) => bits & (32 << (k % 2))),
    checklist: (bits & 64) > 0,
    links: [LINKS[(i + variant) % LINKS.length]],
    exemption: i % 17 === 0 ? EXEMPTIONS[variant % EXEMPTIONS.length] : undefined,
    body: (i + variant) % 4,
    flavour: i % 23 === 5 ? 'broken-yaml' : 'plain',
  };
}

/** One change to a workspace. */
const step = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...PATHS), spec: docSpec }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), path: fc.constantFrom(...PATHS) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('rename' as const),
      path: fc.constantFrom(...PATHS),
      to: fc.constantFrom(...PATHS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('copy' as const),
      path: fc.constantFrom(...PATHS),
      to: fc.constantFrom(...PATHS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('revert' as const), path: fc.constantFrom(...PATHS) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('owner' as const),
      file: fc.integer({ min: 0, max: OWNER_FILES.length - 1 }),
      remove: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('disk' as const), present: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('error' as const), path: fc.constantFrom(...PATHS) }) },
  // Many documents at once (a branch switch): enough to make a report rebuild its lists instead of updating them.
  { weight: 1, arbitrary: fc.record({ op: fc.constant('many' as const), variant: fc.integer({ min: -1, max: 2 }) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** A workspace under random changes, its files, and the same files audited from scratch. */
class Model {
  readonly files = new Map<string, string>();
  /** Every text a path held, for `revert`. */
  readonly history = new Map<string, string[]>();
  readonly owners = new Map<string, string>();
  readonly errors = new Map<string, string[]>();
  readonly disk = new Set<string>(['.git']);
  ws: Workspace;

  /** The scratch workspaces' facts, parsed once per text (the workspace under test has its own cache, or none). */
  private readonly scratchCache = new MapFactCache();

  constructor(
    public config: SopConfig,
    readonly cache: MapFactCache | undefined,
    readonly rules: Rubric = rubric,
  ) {
    this.ws = this.make(cache);
  }

  /** What the extension does when its settings change: a new workspace with `config`, holding the same files. */
  reload(config: SopConfig): void {
    this.config = config;
    this.ws = this.make(this.cache);
    this.fill(this.ws, 'forward');
  }

  make(cache?: MapFactCache): Workspace {
    return new Workspace({
      root: '/repo',
      config: this.config,
      rubric: this.rules,
      asOf,
      cache,
      fileExists: (p) => this.exists(p),
    });
  }

  private exists(p: string): boolean {
    if (this.disk.has(p) || this.files.has(p)) return true;
    const prefix = p === '' ? '' : `${p}/`;
    return [...this.files.keys(), ...this.disk].some((f) => f.startsWith(prefix));
  }

  private set(path: string, text: string): void {
    this.files.set(path, text);
    this.errors.delete(path);
    this.history.set(path, [...(this.history.get(path) ?? []), text]);
    this.ws.setFile(path, text);
  }

  private remove(path: string): void {
    this.files.delete(path);
    this.errors.delete(path);
    this.ws.removeFile(path);
  }

  apply(s: Step): void {
    switch (s.op) {
      case 'set':
        this.set(s.path, render(s.spec));
        break;
      case 'remove':
        this.remove(s.path);
        break;
      case 'rename':
      case 'copy': {
        const text = this.files.get(s.path);
        if (text === undefined || s.to === s.path) break;
        if (s.op === 'rename') this.remove(s.path);
        this.set(s.to, text);
        break;
      }
      case 'revert': {
        const earlier = this.history.get(s.path) ?? [];
        if (earlier.length > 1) this.set(s.path, earlier[earlier.length - 2]);
        break;
      }
      case 'owner': {
        const [path, text] = OWNER_FILES[s.file];
        if (s.remove) this.owners.delete(path);
        else this.owners.set(path, text);
        this.ws.setOwnerFile(path, s.remove ? undefined : text);
        break;
      }
      case 'disk':
        if (s.present) this.disk.add('docs/sops/img/x.png');
        else this.disk.delete('docs/sops/img/x.png');
        break;
      case 'many':
        for (let i = 0; i < MANY; i++) {
          const path = `docs/sops/many/m-${String(i).padStart(2, '0')}.md`;
          if (s.variant < 0) this.remove(path);
          else this.set(path, render(manySpec(i, s.variant)));
        }
        break;
      case 'error':
        this.files.delete(path(s));
        this.errors.set(s.path, [...(this.errors.get(s.path) ?? []), 'cannot read the file']);
        this.ws.addError(s.path, 'cannot read the file');
        break;
    }
  }

  /** The report of the same files, owner files and errors from a new workspace. */
  scratchReport(order: 'forward' | 'reverse'): Report {
    const fresh = this.make(this.scratchCache);
    this.fill(fresh, order);
    return fresh.report();
  }

  private fill(ws: Workspace, order: 'forward' | 'reverse'): void {
    for (const [p, t] of this.owners) ws.setOwnerFile(p, t);
    const files = [...this.files];
    for (const [p, t] of order === 'reverse' ? files.reverse() : files) ws.setFile(p, t);
    for (const [p, messages] of this.errors) for (const m of messages) ws.addError(p, m);
  }

  scratch(order: 'forward' | 'reverse'): string {
    return JSON.stringify(this.scratchReport(order));
  }
}

/** Where two report texts first differ, with some context; undefined when they are the same. */
function difference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 300), i + 200)}\n  ≠ …${b.slice(Math.max(0, i - 300), i + 200)}`;
}

function path(s: { path: string }): string {
  return s.path;
}

/**
 * A rubric whose process level always holds and whose guard needs one procedure: levels then rise with the
 * document checks alone, so next steps name the failing documents of each check (lists kept between reports).
 */
const checksOnly: Rubric = { ...rubric, settings: { ...rubric.settings, traitShare: 0, minDocumentsAbove2: 1 } };

/** A level target and check targets (one on a check some configurations switch off). */
const TARGETS: SopConfig['targets'] = [
  { level: 3, by: '2026-12-31' },
  { check: 'owner', share: 0.5, by: '2026-01-01' },
  { check: 'checklist', share: 0.8, by: '2027-01-31', owner: 'ops', title: 'Checklists' },
];

const configs: [string, SopConfig, Rubric][] = [
  ['default', { ...config, maxFileBytes: SMALL_LIMIT }, rubric],
  [
    'central folder set, some checks off',
    {
      ...config,
      maxFileBytes: SMALL_LIMIT,
      centralFolder: 'docs',
      severity: { ...config.severity, checklist: 'off', 'kb-index': 'off', links: 'error' },
    },
    rubric,
  ],
  [
    'levels by the document checks alone, with targets',
    { ...config, maxFileBytes: SMALL_LIMIT, targets: TARGETS },
    checksOnly,
  ],
  ['targets', { ...config, maxFileBytes: SMALL_LIMIT, targets: TARGETS }, rubric],
];

describe('incremental report: property tests', () => {
  for (const [name, cfg, rules] of configs) {
    it(`equals a fresh report after every step of random changes (${name})`, () => {
      fc.assert(
        fc.property(
          fc.array(step, { minLength: 4, maxLength: 30, size: 'medium' }),
          fc.boolean(),
          fc.boolean(),
          (steps, cached, batched) => {
            const m = new Model(cfg, cached ? new MapFactCache() : undefined, rules);
            steps.forEach((s, i) => {
              m.apply(s);
              // Batched runs report every third step only, so changes pile up between reports.
              if (batched && i % 3 !== 2 && i !== steps.length - 1) return;
              const incremental = JSON.stringify(m.ws.report());
              expect(difference(incremental, m.scratch(i % 2 === 0 ? 'forward' : 'reverse'))).toBeUndefined();
            });
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('keeps unchanged document reports and lists by identity after an edit elsewhere', () => {
    const m = new Model({ ...config, maxFileBytes: SMALL_LIMIT }, undefined);
    const spec = (title: string, body: number): DocSpec => ({
      title,
      owner: undefined,
      reviewed: undefined,
      type: 'sop',
      category: undefined,
      tags: [],
      sections: ['Procedure'],
      checklist: false,
      links: ['a.md'],
      exemption: undefined,
      body,
      flavour: 'plain',
    });
    m.apply({ op: 'set', path: 'docs/sops/a.md', spec: spec('Restore a backup', 0) });
    m.apply({ op: 'set', path: 'docs/sops/b.md', spec: spec('Patch the servers', 1) });
    m.apply({ op: 'set', path: 'docs/sops/c.md', spec: spec('Onboard a client', 2) });
    const before = m.ws.report();
    m.apply({ op: 'set', path: 'docs/sops/c.md', spec: { ...spec('Onboard a client', 2), checklist: true } });
    const after = m.ws.report();
    expect(JSON.stringify(after)).toBe(m.scratch('forward'));
    expect(after.documents[0]).toBe(before.documents[0]);
    expect(after.documents[1]).toBe(before.documents[1]);
    expect(after.documents[2]).not.toBe(before.documents[2]);
    const failing = (r: typeof before, id: string) => r.checks.find((c) => c.id === id);
    expect(failing(after, 'checklist')?.levels[0].passing).toBe(1);
    // A report with no change in between shares everything that can be shared.
    const again = m.ws.report();
    expect(again.documents).toBe(after.documents);
    expect(again.traits).toBe(after.traits);
    expect(again.errors).toBe(after.errors);
  });
});

/* ------------------------------------------------------------------ diagnostics publisher */

/** A diagnostic collection that holds what it was given, and counts the files sent to it. */
class FakeCollection {
  readonly held = new Map<string, vscode.Diagnostic[]>();
  sent = 0;
  set(entries: [vscode.Uri, vscode.Diagnostic[] | undefined][]): void {
    for (const [uri, list] of entries) {
      this.sent++;
      if (list && list.length > 0) this.held.set(uri.toString(), list);
      else this.held.delete(uri.toString());
    }
  }
  delete(uri: vscode.Uri): void {
    this.held.delete(uri.toString());
  }
  dispose(): void {
    this.held.clear();
  }
}

function collectionOf(publisher: DiagnosticsPublisher): FakeCollection {
  return (publisher as unknown as { collection: FakeCollection }).collection;
}

/** A collection's content as comparable text. */
function held(c: FakeCollection): string {
  return JSON.stringify(
    [...c.held]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([uri, list]) => [
        uri,
        list.map((d) => [
          d.range,
          d.message,
          d.severity,
          d.source,
          typeof d.code === 'object' ? [d.code.value, String(d.code.target)] : d.code,
          d.relatedInformation?.map((r) => [String(r.location.uri), r.location.range, r.message]),
        ]),
      ]),
  );
}

/** What publishing a report from scratch shows: every file's diagnostics as `diagnosticsByPath` makes them, config errors after them. */
function expectedCollection(
  root: vscode.Uri,
  report: Report,
  configErrors: ReadonlyMap<string, readonly LocatedError[]>,
): FakeCollection {
  const byPath = diagnosticsByPath(report, { root });
  for (const [file, errors] of configErrors)
    byPath.set(file, [...(byPath.get(file) ?? []), ...errors.map(errorDiagnostic)]);
  const c = new FakeCollection();
  c.set([...byPath].map(([p, list]) => [resolvePath(root, p), list]));
  return c;
}

// The engine applies them (the extension merges its settings into the configuration): pseudo-checks too.
/* ------------------------------------------------------------------ the central folder moves */

/**
 * Paths in two folders named like a knowledge base (`docs/`, `sops/`), one nested in the other, others, and
 * outside any: moving procedures between them makes the central folder change hands, and fall to the root
 * when no folder holds half of them.
 */
const CENTRAL_FILES = ['a.md', 'b.md', 'c.md', 'd.md', 'README.md'];
const CENTRAL_FOLDERS = ['docs/', 'sops/', 'docs/sops/', 'kb/', 'team/', ''];
const CENTRAL_PATHS = CENTRAL_FOLDERS.flatMap((f) => CENTRAL_FILES.map((n) => f + n));

/** A procedure or not (mostly one), with links to the pages of either folder. */
const centralSpec = docSpec.map((spec) => ({
  ...spec,
  type: spec.type === 'reference' ? spec.type : ('sop' as const),
}));

/** The same file name in another folder: a procedure moved between folders. */
const move = fc.record({
  op: fc.constantFrom('rename' as const, 'copy' as const),
  name: fc.constantFrom(...CENTRAL_FILES),
  from: fc.constantFrom(...CENTRAL_FOLDERS),
  to: fc.constantFrom(...CENTRAL_FOLDERS),
});

const centralStep: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      path: fc.constantFrom(...CENTRAL_PATHS),
      spec: centralSpec,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), path: fc.constantFrom(...CENTRAL_PATHS) }) },
  { weight: 4, arbitrary: move.map((m) => ({ op: m.op, path: m.from + m.name, to: m.to + m.name })) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('rename' as const),
      path: fc.constantFrom(...CENTRAL_PATHS),
      to: fc.constantFrom(...CENTRAL_PATHS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('revert' as const), path: fc.constantFrom(...CENTRAL_PATHS) }) },
);

describe('incremental report: the central folder moves', () => {
  const central: [string, SopConfig][] = [
    ['default rule', { ...config, maxFileBytes: SMALL_LIMIT }],
    ['configured', { ...config, maxFileBytes: SMALL_LIMIT, centralFolder: 'sops' }],
  ];
  for (const [name, cfg] of central) {
    it(`equals a fresh report while procedures are added, removed and moved between folders (${name})`, () => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(
          fc.array(centralStep, { minLength: 4, maxLength: 30, size: 'medium' }),
          fc.boolean(),
          (steps, batched) => {
            const m = new Model(cfg, undefined);
            steps.forEach((s, i) => {
              m.apply(s);
              if (batched && i % 3 !== 2 && i !== steps.length - 1) return;
              const report = m.ws.report();
              seen.add(report.centralFolder);
              expect(
                difference(JSON.stringify(report), m.scratch(i % 2 === 0 ? 'forward' : 'reverse')),
              ).toBeUndefined();
            });
          },
        ),
        { numRuns: 40 },
      );
      // The sequences did move the central folder around.
      if (name === 'default rule') expect([...seen].sort()).toEqual(expect.arrayContaining(['', 'docs', 'sops']));
    });
  }

  it('follows the procedures from docs/ to sops/ one rename at a time, and to the root below half', () => {
    const h = new Harness();
    const names = ['a', 'b', 'c', 'd', 'e'];
    h.set('docs/README.md', `# Docs\n\n${names.map((n) => `- [${n}](${n}.md)`).join('\n')}\n`);
    h.set('sops/README.md', `# SOPs\n\n${names.map((n) => `- [${n}](${n}.md)`).join('\n')}\n`);
    for (const n of names) h.set(`docs/${n}.md`, sop(`Task ${n}`, { links: ['README.md', `../sops/${n}.md`] }));
    const central = () => JSON.parse(h.check()).centralFolder as string;
    expect(central()).toBe('docs');
    const order: string[] = [];
    for (const n of names) {
      const text = h.files.get(`docs/${n}.md`) as string;
      h.remove(`docs/${n}.md`);
      h.set(`sops/${n}.md`, text);
      order.push(central());
    }
    // 4-1 and 3-2 stay in docs/, 2-3 on flips to sops/.
    expect(order).toEqual(['docs', 'docs', 'sops', 'sops', 'sops']);
    // Procedures outside any knowledge-base folder: sops/ holds 5 of 11, less than half.
    for (let i = 0; i < 6; i++) h.set(`team/t${i}.md`, sop(`Team task ${i}`));
    expect(central()).toBe('');
    h.remove('team/t0.md');
    expect(central()).toBe('sops');
    // A nested folder counts for both: docs/sops/ wins docs/ back, the shallowest of a tie.
    for (const n of names) {
      const text = h.files.get(`sops/${n}.md`) as string;
      h.remove(`sops/${n}.md`);
      h.set(`docs/sops/${n}.md`, text);
    }
    expect(central()).toBe('docs');
  });

  it('keeps what the index page reaches while pages that links lead to come and go', () => {
    const h = new Harness();
    const reached = () => {
      const report = JSON.parse(h.check()) as Report;
      return report.checks.find((c) => c.id === 'kb-index')?.detail;
    };
    // docs/README.md links `x` (x.md, else x/README.md), a page not written yet, and a chain a -> b -> c.
    h.set('docs/README.md', '# Index\n\n- [x](x)\n- [later](later.md)\n- [a](a.md)\n- [café](cafe\u0301.md)\n');
    h.set('docs/x/README.md', '# X\n\n- [p](p.md)\n');
    h.set('docs/x/p.md', sop('Only through x'));
    h.set('docs/a.md', sop('Task a', { links: ['b.md'] }));
    h.set('docs/b.md', sop('Task b', { links: ['c.md', 'a.md'] }));
    h.set('docs/c.md', sop('Task c'));
    h.set('docs/lone.md', sop('Lone task'));
    const start = reached();
    // x.md takes the link from x/README.md: p is reached no more.
    h.set('docs/x.md', sop('Task x'));
    expect(reached()).not.toBe(start);
    h.remove('docs/x.md');
    expect(reached()).toBe(start);
    // A page a dangling link pointed at comes (and what it links), then goes.
    h.set('docs/later.md', sop('Later task', { links: ['lone.md'] }));
    expect(reached()).not.toBe(start);
    h.remove('docs/later.md');
    expect(reached()).toBe(start);
    // A reached page through which others were first reached goes (b, then c behind it), and comes back.
    const b = h.files.get('docs/b.md') as string;
    h.remove('docs/b.md');
    h.set('docs/b2.md', b);
    expect(reached()).not.toBe(start);
    h.remove('docs/b2.md');
    h.set('docs/b.md', b);
    expect(reached()).toBe(start);
    // A leaf goes and comes; the same name written the other Unicode way.
    h.remove('docs/c.md');
    expect(reached()).not.toBe(start);
    h.set('docs/c.md', sop('Task c'));
    expect(reached()).toBe(start);
    h.set('docs/caf\u00e9.md', sop('Cafe task'));
    reached();
    h.remove('docs/caf\u00e9.md');
    reached();
    h.set('docs/cafe\u0301.md', sop('Cafe task'));
    reached();
    // Several at once: a rename of the index's target and a new page a link leads to.
    h.remove('docs/x/README.md');
    h.set('docs/x/index.md', '# X\n\n- [p](p.md)\n');
    h.set('docs/later.md', sop('Later task', { links: ['lone.md'] }));
    h.check();
  });
});

const OVERRIDES: Record<string, Severity | 'off'>[] = [
  {},
  { owner: 'off' },
  { checklist: 'error', 'one-version': 'hint' },
  { 'front-matter': 'off', file: 'error', exemption: 'hint' },
];
const CONFIG_ERRORS: ReadonlyMap<string, readonly LocatedError[]>[] = [
  new Map(),
  new Map([['.sopmaturity.yml', [{ file: '.sopmaturity.yml', line: 2, column: 3, message: 'unknown key' }]]]),
];

describe('diagnostics publisher on incremental reports', () => {
  it('holds after every step what a publish of a fresh report would show, converting only changed documents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(step, fc.integer({ min: 0, max: 9 })), { minLength: 2, maxLength: 25, size: 'medium' }),
        (steps) => {
          const m = new Model({ ...config, maxFileBytes: SMALL_LIMIT }, undefined);
          const root = vscode.Uri.file('/repo');
          const publisher = new DiagnosticsPublisher();
          let overrides = OVERRIDES[0];
          let configErrors = CONFIG_ERRORS[0];
          for (const [s, knob] of steps) {
            m.apply(s);
            // Now and then the severity overrides (a reload with the new configuration) or the config errors
            // change too.
            if (knob === 0) {
              overrides = OVERRIDES[(OVERRIDES.indexOf(overrides) + 1) % OVERRIDES.length];
              m.reload({ ...m.config, severity: overrides });
            }
            if (knob === 1)
              configErrors = CONFIG_ERRORS[(CONFIG_ERRORS.indexOf(configErrors) + 1) % CONFIG_ERRORS.length];
            const report = m.ws.report();
            publisher.publish(root, report, configErrors);
            const fresh = m.scratchReport('forward');
            const expected = held(expectedCollection(root, fresh, configErrors));
            expect(difference(held(collectionOf(publisher)), expected)).toBeUndefined();
            // The same report again sends nothing.
            const c = collectionOf(publisher);
            const sent = c.sent;
            publisher.publish(root, report, configErrors);
            expect(c.sent).toBe(sent);
          }
          publisher.clear(root);
          expect(collectionOf(publisher).held.size).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sends only the edited file after a one-document edit', () => {
    const m = new Model({ ...config, maxFileBytes: SMALL_LIMIT }, undefined);
    const spec = (title: string, body: number, checklist: boolean): DocSpec => ({
      title,
      owner: undefined,
      reviewed: undefined,
      type: 'sop',
      category: undefined,
      tags: [],
      sections: ['Procedure'],
      checklist,
      links: [],
      exemption: undefined,
      body,
      flavour: 'plain',
    });
    const titles = ['Restore a backup', 'Patch the servers', 'Onboard a client', 'Antivirus rollout'];
    titles.forEach((t, i) => m.apply({ op: 'set', path: PATHS[i], spec: spec(t, i, false) }));
    const root = vscode.Uri.file('/repo');
    const publisher = new DiagnosticsPublisher();
    publisher.publish(root, m.ws.report(), new Map());
    const c = collectionOf(publisher);
    const sent = c.sent;
    m.apply({ op: 'set', path: PATHS[2], spec: spec(titles[2], 2, true) });
    publisher.publish(root, m.ws.report(), new Map());
    expect(c.sent - sent).toBe(1);
    expect(held(c)).toBe(held(expectedCollection(root, m.scratchReport('forward'), new Map())));
  });
});
