import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfigText } from '../../../../src/core/config/config';

describe('reviewWindowDays', () => {
  it('is read as a whole number of days', () => {
    const { config, errors } = loadConfigText('include: ["**/*"]\nreviewWindowDays: 14\n', 'c.yml');
    expect(errors).toEqual([]);
    expect(config).toEqual({ ...defaultConfig(), include: ['**/*'], reviewWindowDays: 14 });
  });

  it('is undefined by default (30 days)', () => {
    expect(loadConfigText('', 'c.yml').config.reviewWindowDays).toBeUndefined();
  });

  it.each([
    ['reviewWindowDays: -3\n', 1, 19],
    ['reviewWindowDays: 2.5\n', 1, 19],
    ['reviewWindowDays: soon\n', 1, 19],
    ['# window\nreviewWindowDays: 99999\n', 2, 19],
  ])('refuses %j with an error at file:line:column and keeps the default', (text, line, column) => {
    const { config, errors } = loadConfigText(text, '.sopmaturity.yml');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: '.sopmaturity.yml', line, column });
    expect(errors[0].message).toMatch(/reviewWindowDays/);
    expect(config.reviewWindowDays).toBeUndefined();
  });
});
