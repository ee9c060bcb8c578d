import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfigText } from '../../../src/core';
import { DEFAULT_SETTINGS, mergeConfig, readSettings } from '../../../src/extension/config';

const source = (values: Record<string, unknown>) => ({ get: <T>(key: string) => values[key] as T | undefined });

describe('settings', () => {
  it('has a default for every setting', () => {
    expect(readSettings(source({}))).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid values and falls back on invalid ones', () => {
    const s = readSettings(
      source({
        include: ['docs/**', 3, ' '],
        exclude: 'not-an-array',
        centralFolder: './docs/sops/',
        run: 'sometimes',
        debounceMs: 99999,
        severity: { links: 'error', owner: 'loud', metrics: 'off' },
        maxFileBytes: -1,
      }),
    );
    expect(s.include).toEqual(['docs/**']);
    expect(s.exclude).toEqual([]);
    expect(s.centralFolder).toBe('docs/sops');
    expect(s.run).toBe('onType');
    expect(s.debounceMs).toBe(10_000);
    expect(s.severity).toEqual({ links: 'error', metrics: 'off' });
    expect(s.maxFileBytes).toBe(1);
  });
});

describe('config merging', () => {
  const settings = readSettings(
    source({
      include: ['kb/**'],
      exclude: ['**/drafts/**'],
      centralFolder: 'kb',
      severity: { links: 'error', owner: 'info' },
      maxFileBytes: 1000,
    }),
  );

  it('applies settings over the defaults when there is no .sopmaturity.yml', () => {
    const c = mergeConfig(defaultConfig(), settings);
    expect(c.include).toEqual(['kb/**']);
    expect(c.exclude).toEqual([...defaultConfig().exclude, '**/drafts/**']);
    expect(c.centralFolder).toBe('kb');
    expect(c.severity).toEqual({ links: 'error', owner: 'info' });
    expect(c.maxFileBytes).toBe(1000);
  });

  it('lets .sopmaturity.yml win for every key it sets, and keeps settings for the rest', () => {
    const file = loadConfigText('centralFolder: docs\nseverity:\n  links: hint\n', '.sopmaturity.yml');
    expect(file.errors).toEqual([]);
    const c = mergeConfig(defaultConfig(), settings, file.config);
    expect(c.centralFolder).toBe('docs');
    expect(c.include).toEqual(['kb/**']);
    expect(c.severity).toEqual({ links: 'hint', owner: 'info' });
  });

  it('uses the defaults when neither sets a key', () => {
    const c = mergeConfig(defaultConfig(), readSettings(source({})), loadConfigText('', '.sopmaturity.yml').config);
    expect(c).toEqual({
      ...defaultConfig(),
      maxFileBytes: DEFAULT_SETTINGS.maxFileBytes,
      centralFolder: undefined,
      rubric: undefined,
      gitignore: true,
    });
  });
});
