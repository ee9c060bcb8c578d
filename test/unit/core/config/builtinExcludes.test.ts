/**
 * The built-in excludes are defined once (src/core/config/builtinExcludes.ts):
 * the configuration's defaults, a configuration that replaces `exclude`, and
 * the file selection of every walk all leave out the same folders.
 */
import { describe, expect, it } from 'vitest';
import { ALWAYS_EXCLUDED, DEFAULT_EXCLUDED, NEVER_WALKED } from '../../../../src/core/config/builtinExcludes';
import { defaultConfig, loadConfigText } from '../../../../src/core/config/config';
import { fileSelection } from '../../../../src/core/config/fileSelection';
import { compileGlobs } from '../../../../src/core/config/glob';

describe('built-in excludes', () => {
  it('the default exclude list is the built-in one, a fresh copy each time', () => {
    const config = defaultConfig();
    expect(config.exclude).toEqual(DEFAULT_EXCLUDED);
    config.exclude.push('mine/**');
    expect(defaultConfig().exclude).toEqual(DEFAULT_EXCLUDED);
  });

  it('a configuration that replaces exclude keeps the never-walked folders', () => {
    const { config } = loadConfigText('exclude:\n  - "drafts/**"\n', '.sopmaturity.yml');
    expect(config.exclude).toEqual([...ALWAYS_EXCLUDED, 'drafts/**']);
  });

  it('the walk skips the same folders that the always-excluded globs match, at any depth', () => {
    const selection = fileSelection({ include: [], exclude: [], markdownExtensions: ['.md'] });
    const globs = compileGlobs(ALWAYS_EXCLUDED).match;
    for (const name of NEVER_WALKED) {
      for (const folder of [name, `a/${name}`, `a/b/${name}`]) {
        expect(selection.skipsFolder(folder)).toBe(true);
        expect(globs(`${folder}/x.md`)).toBe(true);
        expect(selection.selects(`${folder}/x.md`)).toBe(false);
      }
    }
    expect(selection.selects('a/b/x.md')).toBe(true);
  });
});
