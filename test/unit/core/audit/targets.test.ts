import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../../src/core/config/config';
import { extrapolateTrend, linearFit, targetTitle } from '../../../../src/core/audit/targets';
import { auditFiles, goodSop } from '../../helpers/audit';

describe('targets in .sopmaturity.yml', () => {
  it('keeps valid level and check targets', () => {
    const { config, errors } = loadConfigText(
      'targets:\n  - { level: 4, by: 2027-03-31 }\n' +
        '  - { check: checklist, share: 0.8, by: 2027-01-31, owner: ops, title: Lists }\n',
      '.sopmaturity.yml',
    );
    expect(errors).toEqual([]);
    expect(config.targets).toEqual([
      { level: 4, by: '2027-03-31' },
      { check: 'checklist', share: 0.8, by: '2027-01-31', owner: 'ops', title: 'Lists' },
    ]);
  });

  it('reports each faulty target at its line and column, and keeps the others', () => {
    const text = [
      'targets:',
      '  - level: 7', // 2: outside the ladder
      '    by: 2027-03-31',
      '  - check: no-such-check', // 4: unknown check
      '    share: 0.5',
      '    by: 2027-03-31',
      '  - check: checklist', // 7: share outside 0..1
      '    share: 1.5',
      '    by: 2027-03-31',
      '  - level: 3', // 10: not a real date
      '    by: 2027-02-30',
      '  - level: 3', // 12: not YYYY-MM-DD
      '    by: 31/03/2027',
      '  - level: 3', // 14: both
      '    check: checklist',
      '    share: 0.5',
      '    by: 2027-03-31',
      '  - by: 2027-03-31', // 18: neither
      '  - { level: 2, by: 2027-03-31 }', // 19: kept
      '',
    ].join('\n');
    const { config, errors } = loadConfigText(text, 'c.yml');
    const at = errors.map((e) => `${e.line}:${e.column}`);
    expect(errors.every((e) => e.file === 'c.yml')).toBe(true);
    expect(at).toEqual(['2:12', '4:12', '8:12', '11:9', '13:9', '14:5', '18:5']);
    expect(errors[0].message).toMatch(/<= 5|at most 5|5/);
    expect(errors[1].message).toMatch(/unknown check `no-such-check`/);
    expect(errors[3].message).toMatch(/must be a day that exists/);
    expect(errors[4].message).toMatch(/YYYY-MM-DD/);
    expect(errors[5].message).toMatch(/not both/);
    expect(errors[6].message).toMatch(/needs a `level`/);
    expect(config.targets).toEqual([{ level: 2, by: '2027-03-31' }]);
  });

  it('asks for a share with a check', () => {
    const { errors } = loadConfigText('targets:\n  - check: owner\n    by: 2027-01-01\n', 'c.yml');
    expect(errors).toMatchObject([{ line: 2, column: 5, message: expect.stringMatching(/needs a `share`/) }]);
  });
});

describe('targets in the report', () => {
  const files = {
    'sops/a.md': goodSop('Patching'),
    'sops/b.md': '# Restore backups\n\n1. Do it\n',
  };

  it('is absent without targets', () => {
    expect(auditFiles(files).targets).toBeUndefined();
  });

  it('says what is met, what remains and how many days are left', () => {
    const report = auditFiles(files, {
      asOf: '2026-11-23',
      config: {
        targets: [
          { level: 5, by: '2027-03-31' },
          { level: 1, by: '2026-01-01' },
          { check: 'owner', share: 1, by: '2026-11-01' },
          { check: 'owner', share: 0.5, by: '2027-11-01' },
        ],
      },
    });
    const [five, one, owners, half] = report.targets ?? [];
    expect(five).toMatchObject({
      kind: 'level',
      level: 5,
      title: 'Level 5 by 2027-03-31',
      daysLeft: 128,
      missed: false,
    });
    expect(five.met).toBe(false);
    expect(five.current).toBe(report.levels.overall);
    expect(five.remaining.documentsToFix + (five.remaining.documentsToWrite ?? 0)).toBeGreaterThan(0);
    expect(five.remaining.traits?.length).toBeGreaterThan(0);
    expect(one.met).toBe(report.levels.overall >= 1);
    expect(owners).toMatchObject({ kind: 'check', check: 'owner', share: 1, current: 0.5, met: false, missed: true });
    expect(owners.remaining).toEqual({ documentsToFix: 1 });
    expect(owners.daysLeft).toBe(-22);
    expect(half).toMatchObject({ met: true, missed: false, remaining: { documentsToFix: 0 } });
  });

  it('agrees with nextLevel for the next level', () => {
    const report = auditFiles(files, { config: { targets: [{ level: 1, by: '2030-01-01' }] } });
    const next = report.nextLevel;
    if (!next || next.level !== 1) return;
    expect(report.targets?.[0].remaining).toMatchObject({
      documentsToFix: next.documentsToFix,
      documentsToWrite: next.documentsToWrite,
    });
  });

  it('titles targets', () => {
    expect(targetTitle({ check: 'checklist', share: 0.8, by: '2027-01-31' })).toBe('80% pass checklist by 2027-01-31');
    expect(targetTitle({ level: 4, by: '2027-03-31', title: 'L4' })).toBe('L4');
  });
});

describe('trend extrapolation', () => {
  it('fits a line over days', () => {
    const fit = linearFit([
      { date: '2026-01-01', value: 1 },
      { date: '2026-01-11', value: 2 },
    ]);
    expect(fit?.slope).toBeCloseTo(0.1);
    expect(linearFit([{ date: '2026-01-01', value: 1 }])).toBeUndefined();
  });

  it('is on track when the pace reaches the goal before the date', () => {
    const points = [
      { date: '2026-09-01', value: 1 },
      { date: '2026-10-01', value: 2 },
      { date: '2026-10-31', value: 3 },
    ];
    const t = extrapolateTrend(points, 4, '2026-12-31');
    expect(t).toMatchObject({ onTrack: true, since: '2026-09-01' });
    expect(t.sentence).toBe(
      'On track: the overall level went from 1 to 3 since 2026-09-01; ' +
        'at this pace it reaches 4 around 2026-11-30, before 2026-12-31.',
    );
    expect(extrapolateTrend(points, 5, '2026-12-01').onTrack).toBe(false);
  });

  it('is off track when flat or falling, and met when reached', () => {
    const flat = [
      { date: '2026-09-01', value: 0.5 },
      { date: '2026-10-01', value: 0.5 },
    ];
    expect(extrapolateTrend(flat, 0.8, '2027-01-31', true).sentence).toBe(
      'Off track: the share stayed at 50% since 2026-09-01; at this pace it does not reach 80% by 2027-01-31.',
    );
    expect(extrapolateTrend(flat, 0.5, '2027-01-31', true)).toMatchObject({ onTrack: true });
    expect(extrapolateTrend([], 1, '2027-01-31').onTrack).toBe(false);
  });
});
