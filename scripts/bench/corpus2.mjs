// The second benchmark corpus ("shapes"): the same kind of MSP knowledge base
// as corpus.mjs, but documents of other shapes, where an audit's cost is not
// in plain prose: long tables (asset and port matrices), deep lists (steps
// nested 4-6 levels), many links (dozens per document: relative with and
// without anchors, reference-style, external, autolinks, some broken) and
// heavy front matter (many keys, lists, nested maps, a few in TOML). Another
// seed and another layout (runbooks/<client>/<service>/), a CODEOWNERS file,
// client hub pages. Deterministic: the same size gives byte-identical files.
// Written one file at a time, so a corpus of 50,000 never sits in memory.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { COMMANDS, PEOPLE, WORDS, Writer, prng } from './corpus.mjs';

/** Bump when the generator's output changes, so cached corpora are rebuilt. */
const GENERATOR_VERSION = 1;

const CLIENTS = [
  'acme-dental',
  'northwind-legal',
  'contoso-logistics',
  'fabrikam-retail',
  'tailspin-air',
  'woodgrove-bank',
  'litware-schools',
  'adventure-works',
  'proseware-clinic',
  'lucerne-publishing',
  'margie-travel',
  'wingtip-toys',
  'fourth-coffee',
  'alpine-ski-house',
  'blue-yonder',
  'coho-winery',
];
const SERVICES = [
  'm365',
  'backup-dr',
  'network',
  'endpoints',
  'identity',
  'security-ops',
  'voip',
  'line-of-business',
  'cloud-infra',
];
const SYSTEMS = [
  'Exchange Online',
  'SharePoint',
  'Entra ID',
  'Intune',
  'Veeam B&R',
  'Datto SIRIS',
  'FortiGate',
  'Meraki MX',
  'UniFi',
  'Hyper-V',
  'VMware vSphere',
  'Azure Backup',
  'ConnectWise Manage',
  'NinjaOne',
  'IT Glue',
  'SentinelOne',
  'Huntress',
  '3CX',
  'Teams Phone',
  'QuickBooks',
  'Dentrix',
  'Clio',
];
const TEAMS = ['@noc-team', '@service-desk', '@security-leads', '@projects', '@vcio', '@field-techs'];
const VENDORS = [
  'https://learn.microsoft.com/en-us/',
  'https://helpcenter.veeam.com/docs/',
  'https://docs.fortinet.com/document/',
  'https://documentation.meraki.com/',
  'https://support.datto.com/hc/',
  'https://docs.ninjaone.com/',
  'https://www.sentinelone.com/docs/',
];
const STEP_VERBS = [
  'Open',
  'Confirm',
  'Check',
  'Record',
  'Export',
  'Disable',
  'Enable',
  'Restart',
  'Compare',
  'Notify',
  'Collect',
  'Apply',
  'Update',
  'Review',
  'Escalate',
];
const STATUS = ['active', 'draft', 'active', 'active', 'deprecated'];
const RISK = ['low', 'medium', 'high'];

/** A small integer hash, so that any document's kind and place follow from its number alone (links need them). */
function hash(i) {
  let x = (i + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** What document `i` is: a runbook (deep lists), a matrix (long tables), a checklist (deep task lists), an incident. */
function kindOf(i) {
  const k = hash(i) % 100;
  return k < 50 ? 'runbook' : k < 70 ? 'matrix' : k < 90 ? 'checklist' : 'incident';
}

function clientOf(i) {
  return CLIENTS[(hash(i) >>> 8) % CLIENTS.length];
}

function docPath(i) {
  const h = hash(i);
  return `runbooks/${CLIENTS[(h >>> 8) % CLIENTS.length]}/${SERVICES[(h >>> 12) % SERVICES.length]}/${kindOf(i)}-${String(i).padStart(5, '0')}.md`;
}

/** Headings a link may point at, per kind (as GitHub slugs them). */
const ANCHORS = {
  runbook: ['overview', 'prerequisites', 'steps', 'validation', 'rollback'],
  matrix: ['overview', 'inventory', 'firewall-rules', 'verification'],
  checklist: ['purpose', 'checklist', 'sign-off'],
  incident: ['symptoms', 'investigate', 'contain', 'recover'],
};

function rel(from, to) {
  return posix.relative(posix.dirname(from), to);
}

function day(w, year = 2026) {
  return `${year}-${String(w.int(1, 10)).padStart(2, '0')}-${String(w.int(1, 28)).padStart(2, '0')}`;
}

function phrase(w, lo, hi) {
  return Array.from({ length: w.int(lo, hi) }, () => w.pick(WORDS)).join(' ');
}

/** A link to another document of the corpus: plain, with a (rarely wrong) anchor, or to a missing file. */
function docLink(w, from, n) {
  const to = w.int(0, n - 1);
  const target = rel(from, docPath(to));
  const r = w.rand();
  if (r < 0.02) return `[${phrase(w, 2, 3)}](${target.replace(/\.md$/, '-old.md')})`;
  if (r < 0.05) return `[${phrase(w, 2, 3)}](${target}#no-such-section)`;
  if (r < 0.55) return `[${phrase(w, 2, 4)}](${target}#${w.pick(ANCHORS[kindOf(to)])})`;
  return `[${phrase(w, 2, 4)}](${target})`;
}

function externalLink(w) {
  return `[${w.pick(SYSTEMS)} documentation](${w.pick(VENDORS)}${w.pick(WORDS)}/${w.pick(WORDS)}-${w.int(1, 9999)})`;
}

/** Front matter with many keys, lists and nested maps (YAML; one document in 25 in TOML). */
function frontMatter(w, i, n, title, kind) {
  const owner = w.chance(0.9) ? (w.chance(0.04) ? 'TBD' : w.pick([...PEOPLE, ...TEAMS])) : undefined;
  const reviewed = w.chance(0.85) ? day(w) : undefined;
  const tags = Array.from({ length: w.int(3, 7) }, () => w.pick(WORDS));
  const systems = Array.from({ length: w.int(2, 5) }, () => w.pick(SYSTEMS));
  if (w.chance(0.04)) {
    const lines = ['+++', `title = "${title}"`];
    if (owner) lines.push(`owner = "${owner}"`);
    if (reviewed) lines.push(`reviewed = ${reviewed}`);
    lines.push(
      `type = "${kind === 'matrix' ? 'reference' : 'sop'}"`,
      `category = "${SERVICES[(hash(i) >>> 12) % SERVICES.length]}"`,
      `tags = [${tags.map((t) => `"${t}"`).join(', ')}]`,
      `systems = [${systems.map((t) => `"${t}"`).join(', ')}]`,
      '',
      '[sla]',
      `response = "${w.int(5, 60)}m"`,
      `resolution = "${w.int(1, 24)}h"`,
      '+++',
    );
    return lines;
  }
  const lines = ['---', `title: "${title}"`];
  if (owner) lines.push(`owner: "${owner}"`);
  if (w.chance(0.5))
    lines.push('maintainers:', ...Array.from({ length: w.int(1, 3) }, () => `  - "${w.pick(PEOPLE)}"`));
  if (reviewed) lines.push(`last_reviewed: ${reviewed}`);
  if (w.chance(0.6)) lines.push(`next_review: 2027-${String(w.int(1, 12)).padStart(2, '0')}-01`);
  lines.push(
    `type: ${kind === 'matrix' ? 'reference' : kind === 'incident' ? 'runbook' : 'sop'}`,
    `category: ${SERVICES[(hash(i) >>> 12) % SERVICES.length]}`,
    `client: ${clientOf(i)}`,
    `status: ${w.pick(STATUS)}`,
    `risk: ${w.pick(RISK)}`,
    `version: ${w.int(1, 9)}.${w.int(0, 20)}`,
    `change_ticket: CHG-${w.int(10000, 99999)}`,
    'tags:',
    ...tags.map((t) => `  - ${t}`),
    `systems: [${systems.map((s) => `"${s}"`).join(', ')}]`,
    'sla:',
    `  response: ${w.int(5, 60)}m`,
    `  resolution: ${w.int(1, 24)}h`,
    '  tiers:',
    ...['p1', 'p2', 'p3'].flatMap((p) => [
      `    ${p}:`,
      `      respond: ${w.int(5, 240)}m`,
      `      notify: ["${w.pick(TEAMS)}", "${w.pick(TEAMS)}"]`,
    ]),
    'escalation:',
  );
  for (let l = 1, levels = w.int(2, 4); l <= levels; l++)
    lines.push(
      `  - level: ${l}`,
      `    team: "${w.pick(TEAMS)}"`,
      `    after: ${w.int(10, 120)}m`,
      `    phone: "+1 555 ${w.int(100, 999)} ${w.int(1000, 9999)}"`,
    );
  if (w.chance(0.7)) {
    lines.push('approvals:');
    for (let a = w.int(1, 3); a > 0; a--)
      lines.push(
        `  - by: "${w.pick(PEOPLE)}"`,
        `    on: ${day(w)}`,
        `    scope: ${w.pick(['change', 'review', 'exception'])}`,
      );
  }
  if (w.chance(0.5))
    lines.push(
      'automation:',
      `  tool: ${w.pick(['NinjaOne', 'PowerShell', 'Ansible', 'Azure Automation'])}`,
      `  script: scripts/${w.pick(WORDS)}-${w.int(1, 99)}.ps1`,
      `  schedule: "0 ${w.int(0, 23)} * * ${w.int(0, 6)}"`,
    );
  lines.push('related:', ...Array.from({ length: w.int(2, 5) }, () => `  - ${docPath(w.int(0, n - 1))}`));
  if (w.chance(0.4))
    lines.push(
      'metrics:',
      '  - mttr',
      '  - first_time_fix',
      `  - ${w.pick(['sla_breaches', 'reopen_rate', 'backup_success'])}`,
    );
  lines.push('---');
  return lines;
}

/** A list nested `depth` levels deep (numbered at the top when `ordered`), links sprinkled in. */
function deepList(w, from, n, depth, ordered, task = false) {
  const lines = [];
  const item = (level, k) => {
    const indent = '   '.repeat(level);
    const marker = ordered && level === 0 ? `${k}.` : '-';
    const box = task ? `[${w.chance(0.3) ? 'x' : ' '}] ` : '';
    const link = w.chance(0.2) ? ` See ${docLink(w, from, n)}.` : '';
    const code = w.chance(0.15) ? ` Run \`${w.pick(COMMANDS)}\`.` : '';
    lines.push(`${indent}${marker} ${box}${w.pick(STEP_VERBS)} ${phrase(w, 4, 10)}.${code}${link}`);
    if (level + 1 < depth && w.chance(level === 0 ? 0.7 : 0.45))
      for (let c = 1, children = w.int(1, 3); c <= children; c++) item(level + 1, c);
  };
  for (let k = 1, items = w.int(4, 7); k <= items; k++) item(0, k);
  return lines;
}

/** A long table of `rows` rows: an asset inventory or a firewall rule set. */
function longTable(w, from, n, rows, firewall) {
  const lines = firewall
    ? [
        '| # | Source | Destination | Port | Protocol | Action | Ticket | Notes |',
        '| ---: | --- | --- | ---: | --- | --- | --- | --- |',
      ]
    : [
        '| Asset | Hostname | Role | System | Owner | Warranty | Runbook |',
        '| --- | --- | --- | --- | --- | --- | --- |',
      ];
  for (let r = 1; r <= rows; r++) {
    if (firewall)
      lines.push(
        `| ${r} | 10.${w.int(0, 255)}.${w.int(0, 255)}.0/24 | ${w.pick(['any', 'WAN', 'DMZ', 'VPN', `10.${w.int(0, 255)}.0.${w.int(1, 254)}`])} | ${w.pick([22, 53, 80, 443, 445, 3389, 5060, 8443])} | ${w.pick(['TCP', 'UDP'])} | ${w.pick(['allow', 'deny'])} | CHG-${w.int(10000, 99999)} | ${phrase(w, 2, 6)} |`,
      );
    else
      lines.push(
        `| A-${w.int(1000, 9999)} | ${w.pick(['srv', 'ws', 'fw', 'sw', 'nas'])}-${w.int(1, 99)} | ${phrase(w, 1, 3)} | ${w.pick(SYSTEMS)} | ${w.pick(PEOPLE)} | ${day(w, 2027)} | ${w.chance(0.3) ? docLink(w, from, n) : 'n/a'} |`,
      );
  }
  return lines;
}

function document(i, n, w) {
  const kind = kindOf(i);
  const path = docPath(i);
  const title = `${w.pick(STEP_VERBS)} ${w.pick(SYSTEMS)} ${phrase(w, 1, 3)} for ${clientOf(i)} (${i})`;
  const refs = [];
  const ref = () => {
    const id = `ref-${refs.length + 1}`;
    refs.push(`[${id}]: ${w.chance(0.5) ? rel(path, docPath(w.int(0, n - 1))) : `${w.pick(VENDORS)}${w.pick(WORDS)}`}`);
    return `[${phrase(w, 1, 3)}][${id}]`;
  };
  const para = () => {
    const parts = [];
    for (let s = w.int(2, 4); s > 0; s--) {
      parts.push(w.sentence());
      if (w.chance(0.35)) parts.push(`See ${docLink(w, path, n)}.`);
      if (w.chance(0.15)) parts.push(`Vendor notes: ${ref()}.`);
      if (w.chance(0.08)) parts.push(`<${w.pick(VENDORS)}${w.pick(WORDS)}>`);
    }
    return parts.join(' ');
  };
  const lines = [...frontMatter(w, i, n, title, kind), '', `# ${title}`, ''];
  if (kind === 'runbook') {
    lines.push('## Overview', '', para(), '', para(), '', '## Prerequisites', '');
    for (let k = w.int(3, 6); k > 0; k--) lines.push(`- ${docLink(w, path, n)}`);
    lines.push(`- ${externalLink(w)}`, '', '## Steps', '', ...deepList(w, path, n, w.int(4, 6), true), '');
    lines.push('## Validation', '', para(), '', ...deepList(w, path, n, 4, false), '', '## Rollback', '', para(), '');
  } else if (kind === 'matrix') {
    lines.push('## Overview', '', para(), '', '## Inventory', '', ...longTable(w, path, n, w.int(25, 70), false), '');
    lines.push(
      '## Firewall rules',
      '',
      ...longTable(w, path, n, w.int(15, 40), true),
      '',
      '## Verification',
      '',
      para(),
      '',
    );
  } else if (kind === 'checklist') {
    lines.push('## Purpose', '', para(), '', '## Checklist', '', ...deepList(w, path, n, w.int(4, 6), false, true), '');
    lines.push('## Sign-off', '', '| Step | Technician | Date | Result |', '| --- | --- | --- | --- |');
    for (let k = w.int(10, 25); k > 0; k--)
      lines.push(`| ${phrase(w, 2, 4)} | ${w.pick(PEOPLE)} | ${day(w)} | ${w.pick(['ok', 'failed', 'n/a'])} |`);
    lines.push('');
  } else {
    lines.push('## Symptoms', '', para(), '', '## Investigate', '', ...deepList(w, path, n, w.int(4, 5), true), '');
    lines.push(
      '## Contain',
      '',
      ...deepList(w, path, n, 4, true),
      '',
      '## Recover',
      '',
      para(),
      '',
      ...deepList(w, path, n, 4, true),
      '',
    );
  }
  lines.push('## References', '');
  for (let k = w.int(8, 20); k > 0; k--) lines.push(`- ${w.chance(0.75) ? docLink(w, path, n) : externalLink(w)}`);
  lines.push('', ...refs, '');
  return lines.join('\n');
}

/**
 * Writes (once) a corpus of `total` Markdown files (documents, a hub page per client and the root index) under
 * `dir`, plus a CODEOWNERS file, and returns `dir`. Rebuilt when the generator version changes.
 */
export function ensureShapesCorpus(dir, total) {
  const stamp = join(dir, '.generated');
  const want = `shapes v${GENERATOR_VERSION} ${total}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return dir;
  rmSync(dir, { recursive: true, force: true });
  const w = new Writer(prng(0x5ba9e5 ^ total));
  const count = Math.max(1, total - CLIENTS.length - 1);
  const write = (rel, text) => {
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  // Hub pages list numbers, not texts: 50,000 small numbers, never the documents.
  const byClient = new Map(CLIENTS.map((c) => [c, []]));
  for (let i = 0; i < count; i++) {
    write(docPath(i), document(i, count, w));
    byClient.get(clientOf(i)).push(i);
  }
  const root = ['# Client runbooks', '', 'Every client of the managed service, with its runbooks by service.', ''];
  for (const [client, docs] of byClient) {
    root.push(`- [${client}](${client}/README.md)`);
    const hub = [`# ${client}`, '', `Runbooks, matrices and checklists for ${client}.`, ''];
    for (const i of docs)
      if (!w.chance(0.03)) hub.push(`- [${kindOf(i)} ${i}](${rel(`runbooks/${client}/README.md`, docPath(i))})`);
    write(`runbooks/${client}/README.md`, `${hub.join('\n')}\n`);
  }
  write('runbooks/README.md', `${root.join('\n')}\n`);
  write(
    '.github/CODEOWNERS',
    `${CLIENTS.map((c, k) => `/runbooks/${c}/ ${TEAMS[k % TEAMS.length]}`).join('\n')}\n/runbooks/*/security-ops/ @security-leads\n`,
  );
  writeFileSync(stamp, want);
  return dir;
}
