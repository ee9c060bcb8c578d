/**
 * RUBRIC.md revision 2, "Process coverage": trait and topic words with
 * plurals and one-word compounds folded, the words the revision changed,
 * and `one-version` with generic titles.
 */
import { describe, expect, it } from 'vitest';
import { hasFoldedWords, wordSpace } from '../../../src/core/text';
import { auditFiles, finding, rubric } from '../helpers/audit';

describe('folding words', () => {
  it.each([
    ['Backups', 'backup'],
    ['Security policies', 'policy'],
    ['Applying patches', 'patch'],
    ['Quarterly restore tests', 'restore test'],
    ['Helpdesk triage', 'help desk'],
    ['Timesheets', 'timesheet'],
    ['Time sheet rules', 'timesheet'],
    ['Postmortems', 'post mortem'],
    ['Post mortem', 'postmortem'],
    ['Anti-virus exclusions', 'antivirus'],
    ['Anti virus exclusions', 'antivirus'],
    ['self-healing services', 'self-healing'],
    ['Endpoint Security', 'endpoint security'],
  ])('"%s" matches "%s"', (text, phrase) => {
    expect(hasFoldedWords(wordSpace(text), phrase)).toBe(true);
  });

  it.each([
    ['Backup-less servers', 'backups tests'],
    ['Kubernetes node termination', 'staff termination'],
    ['Patching', 'patch'],
    ['Helpers desk', 'help desk'],
    ['deskhelp', 'help desk'],
  ])('"%s" does not match "%s" (no stemming, no synonyms)', (text, phrase) => {
    expect(hasFoldedWords(wordSpace(text), phrase)).toBe(false);
  });
});

describe('traits and coverage topics read real titles', () => {
  const PROSE =
    'This procedure says who does what, with which tool and in which order, and where the outcome is recorded for the monthly review with the client and the service manager.';
  const sop = (title: string) =>
    `---\ntype: sop\nowner: Ops lead\n---\n\n# ${title}\n\n${PROSE}\n\n1. one\n2. two\n3. three\n`;
  const r = auditFiles({
    'docs/sops/backups.md': sop('Nightly Backups'),
    'docs/sops/helpdesk.md': sop('Helpdesk intake'),
    'docs/sops/endpoint.md': sop('Endpoint Security review'),
    'docs/sops/restore.md': sop('Quarterly restore tests'),
    'docs/sops/nodes.md': sop('Kubernetes node termination'),
    'docs/sops/leavers.md': sop('Leavers'),
  });
  const trait = (id: string) => r.traits.find((t) => t.id === id);
  it('count plurals and compounds as the rubric words', () => {
    expect(trait('service-desk')?.evidence).toEqual([
      { path: 'docs/sops/helpdesk.md', matched: 'help desk', field: 'title' },
    ]);
    expect(trait('endpoint-protection')?.evidence.map((e) => [e.path, e.matched])).toEqual([
      ['docs/sops/endpoint.md', 'endpoint security'],
    ]);
    expect(trait('backup-testing')?.evidence.map((e) => [e.path, e.matched])).toEqual([
      ['docs/sops/restore.md', 'restore test'],
    ]);
    // The failing coverage checks name what is still missing: backup and antivirus are not among it.
    expect(r.checks.find((c) => c.id === 'recurring-coverage')?.detail).toBe(
      'Recurring work: 1 of 5 topics covered, 3 needed; write procedures for: patching, monitoring, preventive maintenance, onboarding',
    );
    expect(r.checks.find((c) => c.id === 'assurance-coverage')?.detail).toBe(
      'Assurance: 2 of 3 topics covered, 3 needed; write procedures for: threat detection',
    );
  });
  it('the termination of nodes is no staff termination; a leaver is', () => {
    expect(trait('people-lifecycle')?.evidence.map((e) => e.path)).toEqual(['docs/sops/leavers.md']);
  });
});

describe('one-version and generic titles', () => {
  const body = (words: string) => `${words} `.repeat(6);
  const doc = (title: string, text: string) =>
    `---\ntype: runbook\n---\n\n# ${title}\n\n${text}\n\n1. one\n2. two\n3. three\n`;
  const a = 'Restart the exporter on the host, wait for the scrape and confirm the target is green in the console.';
  const b =
    'Rotate the database credentials in the vault, roll the application pods and verify the new secret is used.';
  const r = auditFiles({
    'services/db/dont-panic.md': doc("Don't Panic", body(a)),
    'services/vpn/dont-panic.md': doc("Don't Panic", body(b)),
    'services/x/restart.md': doc('Restart the exporter', body(a)),
    'services/y/restart.md': doc(
      'Restart the exporter',
      `${body(a)}\n\nOne more paragraph that differs, but most of the text is the same.`,
    ),
  });
  it('two runbooks that merely share a generic title do not compete', () => {
    expect(finding(r, 'services/db/dont-panic.md', 'one-version')).toBeUndefined();
    expect(finding(r, 'services/vpn/dont-panic.md', 'one-version')).toBeUndefined();
  });
  it('the same title with bodies at least 30% the same competes, and says how alike they are', () => {
    expect(finding(r, 'services/x/restart.md', 'one-version')?.message).toMatch(
      /^Competing version of services\/y\/restart\.md \(same title, \d+% the same words\)/,
    );
  });
  it('the word lists are rubric data', () => {
    expect(rubric().traits.find((t) => t.id === 'people-lifecycle')?.words).not.toContain('termination');
  });
});
