// Deterministic synthetic SOP corpus for the benchmark: realistic MSP
// runbooks of about 5-8 KB with front matter, headings, numbered steps,
// task lists, tables, code blocks, links between documents (a few broken)
// and index pages, so that every check of the rubric has real work to do.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Bump when the generator's output changes, so cached corpora are rebuilt. */
const GENERATOR_VERSION = 3;

/** mulberry32: a small seeded PRNG, so every run writes byte-identical files. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = [
  'backup',
  'network',
  'security',
  'onboarding',
  'incident',
  'patching',
  'monitoring',
  'billing',
  'service-desk',
  'cloud',
  'identity',
  'endpoint',
];
const VERBS = [
  'Restore',
  'Rotate',
  'Provision',
  'Decommission',
  'Escalate',
  'Patch',
  'Verify',
  'Migrate',
  'Reset',
  'Audit',
  'Onboard',
  'Offboard',
  'Renew',
  'Failover',
  'Triage',
];
const OBJECTS = [
  'Veeam backup job',
  'firewall rule set',
  'M365 tenant',
  'VPN gateway',
  'domain controller',
  'Intune device profile',
  'SSL certificate',
  'Azure subscription',
  'Datto appliance',
  'ticket queue',
  'SQL Server instance',
  'Hyper-V cluster',
  'MFA enrolment',
  'DNS zone',
  'print server',
  'Exchange mailbox',
  'RMM agent',
  'UPS battery',
];
const QUALIFIERS = [
  'for a new client',
  'after a ransomware alert',
  'during the maintenance window',
  'for a VIP user',
  'on a branch site',
  'after hours',
  'in the secondary region',
  'for a failed sync',
  'before quarter end',
  'for a managed tenant',
];
export const PEOPLE = [
  'Dana Whitfield',
  'Omar Haddad',
  'Priya Raman',
  'Lukas Berger',
  'Mei Chen',
  'Jonas Keller',
  'Aisha Bello',
  '@noc-team',
  '@service-desk',
  '@security-leads',
];
export const WORDS = (
  'client tenant server backup restore snapshot retention policy alert ticket escalate engineer technician customer contract SLA ' +
  'firewall switch router VLAN subnet gateway certificate renewal expiry credential vault password rotation account license ' +
  'mailbox archive quota storage volume replica cluster node failover primary secondary region latency throughput monitor ' +
  'threshold dashboard agent endpoint device compliance baseline patch update reboot maintenance window change approval ' +
  'rollback verification evidence screenshot log entry handover shift on-call pager incident severity impact outage root cause ' +
  'review owner schedule weekly monthly quarterly checklist template runbook procedure step record document ticketing portal ' +
  'invoice billing time entry report meeting stakeholder notification email phone bridge vendor support case warranty asset ' +
  'inventory hardware laptop workstation printer scanner network drive share permission group role access request onboarding'
).split(' ');
export const COMMANDS = [
  'Get-MailboxStatistics -Identity $user',
  'Restart-Service -Name "VeeamBackupSvc"',
  'ipconfig /flushdns',
  'kubectl rollout restart deploy/api',
  'az vm start --name $vm --resource-group $rg',
  'Test-NetConnection -ComputerName $host -Port 443',
  'systemctl status nginx',
  'Get-ADUser -Identity $user -Properties LockedOut',
];

export class Writer {
  constructor(rand) {
    this.rand = rand;
  }
  int(lo, hi) {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  pick(list) {
    return list[Math.floor(this.rand() * list.length)];
  }
  chance(p) {
    return this.rand() < p;
  }
  sentence() {
    const n = this.int(8, 18);
    const words = Array.from({ length: n }, () => this.pick(WORDS));
    return `${words[0][0].toUpperCase()}${words[0].slice(1)} ${words.slice(1).join(' ')}.`;
  }
  paragraph(lo, hi) {
    return Array.from({ length: this.int(lo, hi) }, () => this.sentence()).join(' ');
  }
}

function docPath(i) {
  return `docs/sops/${AREAS[i % AREAS.length]}/sop-${String(i).padStart(5, '0')}.md`;
}

function title(w, i) {
  return `${w.pick(VERBS)} ${w.pick(OBJECTS)} ${w.pick(QUALIFIERS)} (${i})`;
}

/** A relative link from document `from` to document `to`. */
function relLink(from, to) {
  const [fa, ta] = [AREAS[from % AREAS.length], AREAS[to % AREAS.length]];
  const file = `sop-${String(to).padStart(5, '0')}.md`;
  return fa === ta ? file : `../${ta}/${file}`;
}

function sop(i, n, w) {
  const t = title(w, i);
  const lines = ['---', `title: ${t}`];
  if (w.chance(0.92)) lines.push(`owner: ${w.chance(0.05) ? 'TBD' : w.pick(PEOPLE)}`);
  if (w.chance(0.85))
    lines.push(`reviewed: 2026-${String(w.int(1, 10)).padStart(2, '0')}-${String(w.int(1, 28)).padStart(2, '0')}`);
  lines.push(
    'type: sop',
    `category: ${AREAS[i % AREAS.length]}`,
    `tags: [${w.pick(WORDS)}, ${w.pick(WORDS)}]`,
    '---',
    '',
    `# ${t}`,
    '',
    w.paragraph(2, 4),
    '',
  );
  lines.push('## Purpose', '', w.paragraph(2, 3), '', '## Scope', '', w.paragraph(1, 2), '');
  for (let k = w.int(3, 5); k > 0; k--) lines.push(`- ${w.sentence()}`);
  lines.push('', '## Prerequisites', '');
  for (let k = w.int(2, 4); k > 0; k--) lines.push(`- [${w.pick(OBJECTS)}](${relLink(i, w.int(0, n - 1))})`);
  lines.push(`- Access to the ${w.pick(OBJECTS)} admin portal`, '', '## Procedure', '');
  for (let s = 1, steps = w.int(8, 14); s <= steps; s++) {
    lines.push(`${s}. ${w.sentence()} Run \`${w.pick(COMMANDS)}\` and note the result.`);
    if (w.chance(0.25)) lines.push(`   - ${w.sentence()}`, `   - ${w.sentence()}`);
    if (w.chance(0.1))
      lines.push('', '   ```powershell', `   ${w.pick(COMMANDS)}`, `   ${w.pick(COMMANDS)}`, '   ```', '');
  }
  lines.push('');
  if (w.chance(0.75)) {
    lines.push('## Checklist', '');
    for (let k = w.int(4, 8); k > 0; k--) lines.push(`- [${w.chance(0.3) ? 'x' : ' '}] ${w.sentence()}`);
    lines.push('');
  }
  lines.push(
    '## Verification',
    '',
    w.paragraph(2, 3),
    '',
    '## Rollback',
    '',
    w.paragraph(1, 3),
    '',
    '## Contacts',
    '',
    '| Role | Name | Contact |',
    '| --- | --- | --- |',
  );
  for (let k = w.int(3, 5); k > 0; k--)
    lines.push(
      `| ${w.pick(['Escalation', 'Vendor', 'Owner', 'On-call', 'Account manager'])} | ${w.pick(PEOPLE)} | ext. ${w.int(100, 999)} |`,
    );
  lines.push('', '## Related', '');
  for (let k = w.int(2, 4); k > 0; k--) lines.push(`- [${w.pick(OBJECTS)}](${relLink(i, w.int(0, n - 1))}#procedure)`);
  if (w.chance(0.04)) lines.push(`- [Old version](../archive/sop-${i}-old.md)`);
  if (w.chance(0.03)) lines.push(`- [Missing section](${relLink(i, w.int(0, n - 1))}#no-such-heading)`);
  lines.push(
    `- [Vendor documentation](https://docs.example.com/${w.pick(WORDS)}/${w.int(1, 999)})`,
    '',
    '## Notes',
    '',
    w.paragraph(4, 8),
    '',
    w.paragraph(3, 6),
    '',
  );
  return lines.join('\n');
}

/** The central index and one index per area, linking every procedure (a few are left out). */
function indexes(count, w) {
  const files = new Map();
  const root = ['# Standard operating procedures', '', 'Every procedure of the service desk, by area.', ''];
  for (const area of AREAS) {
    root.push(`- [${area}](${area}/README.md)`);
    const page = [`# ${area} procedures`, ''];
    for (let i = AREAS.indexOf(area); i < count; i += AREAS.length)
      if (!w.chance(0.02)) page.push(`- [SOP ${i}](sop-${String(i).padStart(5, '0')}.md)`);
    files.set(`docs/sops/${area}/README.md`, `${page.join('\n')}\n`);
  }
  files.set('docs/sops/README.md', `${root.join('\n')}\n`);
  return files;
}

/**
 * Writes (once) a corpus of `total` Markdown files under `dir` and returns
 * `dir`. The corpus is rebuilt when the generator version changes.
 */
export function ensureCorpus(dir, total) {
  const stamp = join(dir, '.generated');
  const want = `v${GENERATOR_VERSION} ${total}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return dir;
  rmSync(dir, { recursive: true, force: true });
  const w = new Writer(prng(0x50f + total));
  const count = total - AREAS.length - 1;
  const write = (rel, text) => {
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  for (const [rel, text] of indexes(count, w)) write(rel, text);
  for (let i = 0; i < count; i++) write(docPath(i), sop(i, count, w));
  writeFileSync(stamp, want);
  return dir;
}
